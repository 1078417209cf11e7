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

        /// <summary>Longest text a program may build (memory on an ESP32 is small).</summary>
        public const int MaxTextLength = 1024;
    }
}
