namespace RoboClub.Board.Image
{
    /// <summary>A function: its code range, parameters and locals (parameters are the first locals).</summary>
    public sealed class FunctionInfo
    {
        public string Name;
        public int ParamCount;
        /// <summary>Types of all locals, parameters first.</summary>
        public byte[] LocalTypes;
        public byte ReturnType;
        public int CodeStart;
        public int CodeLength;
        /// <summary>Deepest operand stack the function needs (computed by the verifier).</summary>
        public int MaxStack;
    }

    /// <summary>A script: a function with no parameters, run when its trigger fires.</summary>
    public sealed class ScriptInfo
    {
        public byte Trigger;
        /// <summary>Every: period in ms; When: condition function; OnMessage: string constant; else 0.</summary>
        public int Argument;
        public int Function;
    }

    /// <summary>A primitive the program calls, by name, with the signature the compiler assumed.</summary>
    public sealed class PrimitiveRef
    {
        public string Name;
        public byte[] ParamTypes;
        public byte ReturnType;
    }

    /// <summary>A program image after <see cref="ImageReader"/> (docs/bytecode.md). Run it only after
    /// <see cref="Verifier"/> accepted it.</summary>
    public sealed class ProgramImage
    {
        public int FormatVersion;
        public string[] Strings;
        public byte[] GlobalTypes;
        public string[] GlobalNames;
        public PrimitiveRef[] Primitives;
        public FunctionInfo[] Functions;
        public ScriptInfo[] Scripts;
        public byte[] Code;
        public uint Checksum;
        public int SizeInBytes;
    }
}
