using System;

namespace RoboClub.Board.Image
{
    /// <summary>Why an image was refused. The board keeps running its previous program.</summary>
    public sealed class ImageException : Exception
    {
        public readonly string Code;

        public ImageException(string code, string message) : base(message)
        {
            Code = code;
        }

        // Codes are strings so the hub can show them and the firmware needs no enum reflection.
        public const string BadMagic = "BadMagic";
        public const string NewerFormat = "NewerFormat";
        public const string OlderFormat = "OlderFormat";
        public const string TooLarge = "TooLarge";
        public const string Truncated = "Truncated";
        public const string BadLength = "BadLength";
        public const string ChecksumMismatch = "ChecksumMismatch";
        public const string LimitExceeded = "LimitExceeded";
        public const string BadType = "BadType";
        public const string BadText = "BadText";
        public const string BadScript = "BadScript";
        public const string BadFunction = "BadFunction";
        public const string BadCode = "BadCode";
        public const string MissingPrimitive = "MissingPrimitive";
    }
}
