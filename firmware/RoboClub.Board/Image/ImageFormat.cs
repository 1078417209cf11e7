namespace RoboClub.Board.Image
{
    /// <summary>Layout constants and size limits (chosen for an ESP32 without PSRAM: about 80 KB of heap).</summary>
    public static class ImageFormat
    {
        /// <summary>"RCBI": RoboClub board image.</summary>
        public static readonly byte[] Magic = new byte[] { 0x52, 0x43, 0x42, 0x49 };
        /// <summary>The format this runtime reads. Images of a newer version are refused, never half-run.</summary>
        public const int Version = 1;

        public const int MaxImageSize = 16 * 1024;
        public const int MaxCodeSize = 12 * 1024;
        public const int MaxStrings = 256;
        public const int MaxStringBytes = 1024;
        public const int MaxGlobals = 256;
        public const int MaxPrimitives = 128;
        public const int MaxPrimitiveParams = 8;
        public const int MaxFunctions = 256;
        public const int MaxLocals = 64;
        public const int MaxScripts = 64;
        public const int MaxStack = 64;
        /// <summary>Nested calls (recursion included) before a StackOverflow runtime error.</summary>
        public const int MaxCallDepth = 32;
        public const int MaxNameLength = 64;
        /// <summary>The smallest Every period, so a script cannot flood the board.</summary>
        public const int MinEveryMilliseconds = 10;
    }
}
