namespace RoboClub.Board.Image
{
    /// <summary>
    /// The instruction set (docs/bytecode.md). One byte each, dense from 0 so the interpreter's
    /// switch stays a jump table under nanoFramework's 255-case limit. Operands follow the opcode,
    /// little-endian. Instructions are typed (ADD_I vs ADD_F): the compiler knows every type, the
    /// verifier checks them, and the interpreter never tests a value's type.
    /// </summary>
    public static class Opcode
    {
        public const byte Nop = 0;
        public const byte PushInt = 1;        // i32
        public const byte PushFloat = 2;      // f32
        public const byte PushString = 3;     // u16 string constant index
        public const byte PushTrue = 4;
        public const byte PushFalse = 5;
        public const byte Pop = 6;
        public const byte Dup = 7;
        public const byte LoadLocal = 8;      // u8 local index
        public const byte StoreLocal = 9;     // u8
        public const byte LoadGlobal = 10;    // u16 global index
        public const byte StoreGlobal = 11;   // u16

        public const byte AddInt = 12;
        public const byte SubInt = 13;
        public const byte MulInt = 14;
        public const byte DivInt = 15;        // C#: truncates; /0 and MinValue/-1 are runtime errors
        public const byte ModInt = 16;
        public const byte NegInt = 17;
        public const byte AddFloat = 18;
        public const byte SubFloat = 19;
        public const byte MulFloat = 20;
        public const byte DivFloat = 21;      // IEEE: /0 gives ±Infinity or NaN, as C#
        public const byte ModFloat = 22;
        public const byte NegFloat = 23;
        public const byte IntToFloat = 24;
        public const byte FloatToInt = 25;    // truncates toward zero; NaN/out of range is a runtime error

        public const byte EqInt = 26;
        public const byte NeInt = 27;
        public const byte LtInt = 28;
        public const byte LeInt = 29;
        public const byte GtInt = 30;
        public const byte GeInt = 31;
        public const byte EqFloat = 32;
        public const byte NeFloat = 33;
        public const byte LtFloat = 34;
        public const byte LeFloat = 35;
        public const byte GtFloat = 36;
        public const byte GeFloat = 37;

        public const byte Not = 38;           // bool
        public const byte AndInt = 39;        // bitwise (and non-short-circuit bool &)
        public const byte OrInt = 40;
        public const byte XorInt = 41;
        public const byte ShlInt = 42;
        public const byte ShrInt = 43;
        public const byte BitNotInt = 44;

        public const byte Concat = 45;        // string + string
        public const byte IntToString = 46;
        public const byte FloatToString = 47;
        public const byte BoolToString = 48;
        public const byte EqString = 49;
        public const byte NeString = 50;
        public const byte StringLength = 51;

        public const byte Jump = 52;          // i16 offset from the next instruction
        public const byte JumpIfFalse = 53;   // i16, pops a bool
        public const byte JumpIfTrue = 54;    // i16, pops a bool
        public const byte Call = 55;          // u16 function index
        public const byte Return = 56;
        public const byte ReturnValue = 57;
        public const byte CallPrimitive = 58; // u16 primitive index
        public const byte Wait = 59;          // pops int milliseconds; yields to other scripts
        public const byte Yield = 60;         // lets other scripts run (a loop's back edge in "forever")
        public const byte Halt = 61;          // ends the script

        public const byte NewList = 62;       // u8 element type (VmType.Int/Float/Bool/String)
        public const byte ListAdd = 63;       // list, value
        public const byte ListGet = 64;       // list, index -> value
        public const byte ListSet = 65;       // list, index, value
        public const byte ListCount = 66;     // list -> int
        public const byte ListRemoveAt = 67;  // list, index
        public const byte ListInsert = 68;    // list, index, value
        public const byte ListClear = 69;     // list
        public const byte Swap = 70;

        /// <summary>One past the last opcode an image may contain.</summary>
        public const byte Count = 71;

        // Internal, typed forms of the load/store instructions. Images never contain them (the
        // verifier refuses opcodes >= Count); after verification the loader rewrites each generic
        // load/store to the form for its type, so it moves one value array instead of three.
        public const byte LoadLocalInt = 71;
        public const byte LoadLocalFloat = 72;
        public const byte LoadLocalRef = 73;
        public const byte StoreLocalInt = 74;
        public const byte StoreLocalFloat = 75;
        public const byte StoreLocalRef = 76;
        public const byte LoadGlobalInt = 77;
        public const byte LoadGlobalFloat = 78;
        public const byte LoadGlobalRef = 79;
        public const byte StoreGlobalInt = 80;
        public const byte StoreGlobalFloat = 81;
        public const byte StoreGlobalRef = 82;

        /// <summary>The typed form of a generic load/store for a value of <paramref name="type"/>.</summary>
        public static byte Typed(byte op, byte type)
        {
            int form = VmType.IsIntLike(type) ? 0 : type == VmType.Float ? 1 : 2;
            switch (op)
            {
                case LoadLocal: return (byte)(LoadLocalInt + form);
                case StoreLocal: return (byte)(StoreLocalInt + form);
                case LoadGlobal: return (byte)(LoadGlobalInt + form);
                case StoreGlobal: return (byte)(StoreGlobalInt + form);
                default: return op;
            }
        }

        /// <summary>Bytes of operands after the opcode byte.</summary>
        public static int OperandSize(byte op)
        {
            switch (op)
            {
                case PushInt:
                case PushFloat:
                    return 4;
                case PushString:
                case LoadGlobal:
                case StoreGlobal:
                case Jump:
                case JumpIfFalse:
                case JumpIfTrue:
                case Call:
                case CallPrimitive:
                    return 2;
                case LoadLocal:
                case StoreLocal:
                case NewList:
                    return 1;
                default:
                    return 0;
            }
        }
    }
}
