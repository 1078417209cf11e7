namespace RoboClub.Board.Image
{
    /// <summary>The types a program's values have. Lists know their element type.</summary>
    public static class VmType
    {
        public const byte None = 0; // "no value" (a primitive or function that returns nothing)
        public const byte Int = 1;
        public const byte Float = 2;
        public const byte Bool = 3;
        public const byte String = 4;
        public const byte ListOfInt = 5;
        public const byte ListOfFloat = 6;
        public const byte ListOfBool = 7;
        public const byte ListOfString = 8;

        public static bool IsValid(byte t) { return t >= Int && t <= ListOfString; }
        public static bool IsList(byte t) { return t >= ListOfInt && t <= ListOfString; }
        /// <summary>Stored in the int stack (int and bool) rather than the float or reference stack.</summary>
        public static bool IsIntLike(byte t) { return t == Int || t == Bool; }
        public static bool IsReference(byte t) { return t == String || IsList(t); }
        public static byte ListOf(byte element) { return (byte)(element - Int + ListOfInt); }
        public static byte ElementOf(byte list) { return (byte)(list - ListOfInt + Int); }

        public static string Name(byte t)
        {
            switch (t)
            {
                case Int: return "int";
                case Float: return "float";
                case Bool: return "bool";
                case String: return "string";
                case ListOfInt: return "list of int";
                case ListOfFloat: return "list of float";
                case ListOfBool: return "list of bool";
                case ListOfString: return "list of string";
                case None: return "nothing";
                default: return "type " + t.ToString();
            }
        }
    }
}
