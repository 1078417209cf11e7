namespace RoboClub.Board.Vm
{
    /// <summary>Why a script stopped with an error (reported to the hub with script, function and offset).</summary>
    public static class RuntimeError
    {
        public const string DivideByZero = "DivideByZero";
        public const string Overflow = "Overflow";
        public const string IndexOutOfRange = "IndexOutOfRange";
        public const string ListNotCreated = "ListNotCreated";
        public const string ListTooLong = "ListTooLong";
        public const string TextTooLong = "TextTooLong";
        public const string StackOverflow = "StackOverflow";
        public const string ConditionTooSlow = "ConditionTooSlow";
        public const string HardwareFailed = "HardwareFailed";
        /// <summary>A List changed while a foreach walked it (C# throws InvalidOperationException there).</summary>
        public const string ListChanged = "ListChanged";
        /// <summary>int.Parse of text that is not a whole number (C# throws FormatException), or a number too big.</summary>
        public const string NotANumber = "NotANumber";
        /// <summary>A text function got an argument C# refuses (Replace with an empty old text).</summary>
        public const string BadArgument = "BadArgument";

        /// <summary>Longest text a program may build (memory on an ESP32 is small).</summary>
        public const int MaxTextLength = 1024;
    }
}
