namespace RoboClub.Board.Link
{
    /// <summary>
    /// Runtime error codes known to the link. On the wire a code is a string (its name here), so the
    /// VM may report codes this enum does not have yet: any name of 1..32 letters and digits starting
    /// with an uppercase letter is accepted (<see cref="ErrorCodes.IsValidName"/>).
    /// </summary>
    public enum RuntimeErrorCode
    {
        Unknown = 0,
        DivideByZero = 1,
        StackOverflow = 2,
        StackUnderflow = 3,
        TypeMismatch = 4,
        IndexOutOfRange = 5,
        ValueOutOfRange = 6,
        BadInstruction = 7,
        BadImage = 8,
        UnsupportedFormat = 9,
        MissingPrimitive = 10,
        MissingHardware = 11,
        HardwareFault = 12,
        OutOfMemory = 13,
        TooManyTasks = 14,
        Timeout = 15,
    }

    public static class ErrorCodes
    {
        private static readonly string[] Names = new string[]
        {
            "Unknown", "DivideByZero", "StackOverflow", "StackUnderflow", "TypeMismatch", "IndexOutOfRange",
            "ValueOutOfRange", "BadInstruction", "BadImage", "UnsupportedFormat", "MissingPrimitive",
            "MissingHardware", "HardwareFault", "OutOfMemory", "TooManyTasks", "Timeout",
        };

        public const int MaxNameLength = 32;

        /// <summary>The wire name of a code ("DivideByZero"); "Unknown" for a value outside the enum.</summary>
        public static string Name(RuntimeErrorCode code)
        {
            int i = (int)code;
            return i >= 0 && i < Names.Length ? Names[i] : Names[0];
        }

        /// <summary>The code for a wire name; Unknown for a name the enum does not have.</summary>
        public static RuntimeErrorCode Parse(string name)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    return (RuntimeErrorCode)i;
                }
            }

            return RuntimeErrorCode.Unknown;
        }

        /// <summary>1..32 ASCII letters and digits, starting with an uppercase letter.</summary>
        public static bool IsValidName(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxNameLength || name[0] < 'A' || name[0] > 'Z')
            {
                return false;
            }

            for (int i = 1; i < name.Length; i++)
            {
                char c = name[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
