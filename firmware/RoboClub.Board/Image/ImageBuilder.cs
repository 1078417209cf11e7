using System;
using System.Collections;
using System.Text;

namespace RoboClub.Board.Image
{
    /// <summary>
    /// Writes program images: the compiler's back end, and how tests and benchmarks make programs.
    /// Add strings, globals, primitives, functions (with <see cref="FunctionBuilder"/>) and scripts,
    /// then <see cref="Build"/>. It writes what it is told; the board's <see cref="Verifier"/> judges it.
    /// </summary>
    public sealed class ImageBuilder
    {
        readonly ArrayList _strings = new ArrayList();
        readonly Hashtable _stringIndex = new Hashtable();
        readonly ArrayList _globals = new ArrayList();   // object[] { name, type }
        readonly ArrayList _primitives = new ArrayList(); // PrimitiveRef
        readonly Hashtable _primitiveIndex = new Hashtable();
        readonly ArrayList _functions = new ArrayList();  // FunctionBuilder
        readonly ArrayList _scripts = new ArrayList();    // ScriptInfo

        /// <summary>Format version written into the image (tests set a newer one to check refusal).</summary>
        public int FormatVersion = ImageFormat.Version;

        public int AddString(string s)
        {
            object found = _stringIndex[s];
            if (found != null) return (int)found;
            int i = _strings.Add(s);
            _stringIndex[s] = i;
            return i;
        }

        public int AddGlobal(string name, byte type)
        {
            return _globals.Add(new object[] { name, type });
        }

        /// <summary>Declares a primitive the program calls (once per name) and returns its index.</summary>
        public int AddPrimitive(string name, byte[] paramTypes, byte returnType)
        {
            object found = _primitiveIndex[name];
            if (found != null) return (int)found;
            int i = _primitives.Add(new PrimitiveRef { Name = name, ParamTypes = paramTypes, ReturnType = returnType });
            _primitiveIndex[name] = i;
            return i;
        }

        /// <summary>Starts a function; its index is <see cref="FunctionBuilder.Index"/> (callable before it is written).</summary>
        public FunctionBuilder AddFunction(string name, byte[] paramTypes, byte returnType)
        {
            var f = new FunctionBuilder(this, _functions.Count, name, paramTypes, returnType);
            _functions.Add(f);
            return f;
        }

        public void AddScript(byte trigger, int argument, int function)
        {
            _scripts.Add(new ScriptInfo { Trigger = trigger, Argument = argument, Function = function });
        }

        public byte[] Build()
        {
            var w = new ByteWriter();
            w.Bytes(ImageFormat.Magic);
            w.U16(FormatVersion);
            w.U16(0);
            int lengthAt = w.Length;
            w.U32(0); // patched below

            w.U16(_strings.Count);
            foreach (string s in _strings)
            {
                byte[] b = Encoding.UTF8.GetBytes(s);
                w.U16(b.Length);
                w.Bytes(b);
            }
            w.U16(_globals.Count);
            foreach (object[] g in _globals)
            {
                w.U8((byte)g[1]);
                w.Name((string)g[0]);
            }
            w.U16(_primitives.Count);
            foreach (PrimitiveRef p in _primitives)
            {
                w.Name(p.Name);
                w.U8(p.ParamTypes.Length);
                foreach (byte t in p.ParamTypes) w.U8(t);
                w.U8(p.ReturnType);
            }
            var code = new ByteWriter();
            w.U16(_functions.Count);
            foreach (FunctionBuilder f in _functions)
            {
                f.ResolveLabels();
                w.Name(f.Name);
                w.U8(f.ParamCount);
                w.U8(f.LocalTypes.Count);
                foreach (byte t in f.LocalTypes) w.U8(t);
                w.U8(f.ReturnType);
                w.U32((uint)code.Length);
                w.U32((uint)f.Code.Length);
                code.Bytes(f.Code.ToArray());
            }
            w.U16(_scripts.Count);
            foreach (ScriptInfo s in _scripts)
            {
                w.U8(s.Trigger);
                w.U32((uint)s.Argument);
                w.U16(s.Function);
            }
            w.U32((uint)code.Length);
            w.Bytes(code.ToArray());

            int total = w.Length + 4;
            byte[] image = w.ToArray(4);
            image[lengthAt] = (byte)total;
            image[lengthAt + 1] = (byte)(total >> 8);
            image[lengthAt + 2] = (byte)(total >> 16);
            image[lengthAt + 3] = (byte)(total >> 24);
            uint crc = Crc32.Compute(image, 0, total - 4);
            image[total - 4] = (byte)crc;
            image[total - 3] = (byte)(crc >> 8);
            image[total - 2] = (byte)(crc >> 16);
            image[total - 1] = (byte)(crc >> 24);
            return image;
        }
    }

    /// <summary>Emits one function's code; jumps go to labels that are patched when the image is built.</summary>
    public sealed class FunctionBuilder
    {
        readonly ImageBuilder _image;
        readonly ArrayList _labelPositions = new ArrayList(); // int, -1 until marked
        readonly ArrayList _fixups = new ArrayList();         // int[] { operandAt, label }

        internal FunctionBuilder(ImageBuilder image, int index, string name, byte[] paramTypes, byte returnType)
        {
            _image = image;
            Index = index;
            Name = name;
            ParamCount = paramTypes.Length;
            ReturnType = returnType;
            LocalTypes = new ArrayList();
            foreach (byte t in paramTypes) LocalTypes.Add(t);
        }

        public readonly int Index;
        public readonly string Name;
        public readonly int ParamCount;
        public readonly byte ReturnType;
        internal readonly ArrayList LocalTypes;
        internal readonly ByteWriter Code = new ByteWriter();

        /// <summary>Where the next instruction goes (for source maps).</summary>
        public int Offset { get { return Code.Length; } }

        /// <summary>A new local (after the parameters); returns its index.</summary>
        public int AddLocal(byte type)
        {
            return LocalTypes.Add(type);
        }

        public FunctionBuilder Op(byte op) { Code.U8(op); return this; }
        public FunctionBuilder Op(byte op, int operand)
        {
            Code.U8(op);
            int size = Opcode.OperandSize(op);
            if (size == 1) Code.U8(operand);
            else if (size == 2) Code.U16(operand);
            else if (size == 4) Code.U32((uint)operand);
            else throw new ArgumentException("opcode " + op.ToString() + " takes no operand");
            return this;
        }

        public FunctionBuilder PushInt(int value) { return Op(Opcode.PushInt, value); }

        public FunctionBuilder PushFloat(float value)
        {
            Code.U8(Opcode.PushFloat);
            Code.Bytes(BitConverter.GetBytes(value));
            return this;
        }

        public FunctionBuilder PushString(string value) { return Op(Opcode.PushString, _image.AddString(value)); }

        public FunctionBuilder PushTrue() { return Op(Opcode.PushTrue); }

        public FunctionBuilder PushFalse() { return Op(Opcode.PushFalse); }

        public int NewLabel() { return _labelPositions.Add(-1); }

        public FunctionBuilder Mark(int label) { _labelPositions[label] = Code.Length; return this; }

        /// <summary>Jump, JumpIfFalse or JumpIfTrue to a label.</summary>
        public FunctionBuilder JumpTo(byte op, int label)
        {
            Code.U8(op);
            _fixups.Add(new int[] { Code.Length, label });
            Code.U16(0);
            return this;
        }

        internal void ResolveLabels()
        {
            foreach (int[] f in _fixups)
            {
                int target = (int)_labelPositions[f[1]];
                if (target < 0) throw new InvalidOperationException("label " + f[1].ToString() + " in " + Name + " was never marked");
                int rel = target - (f[0] + 2);
                Code.Patch16(f[0], rel);
            }
            _fixups.Clear();
        }
    }

    /// <summary>A growable little-endian byte buffer (nanoFramework has no MemoryStream in every build).</summary>
    internal sealed class ByteWriter
    {
        byte[] _buf = new byte[256];
        int _len;

        public int Length { get { return _len; } }

        void Ensure(int n)
        {
            if (_len + n <= _buf.Length) return;
            int size = _buf.Length * 2;
            while (size < _len + n) size *= 2;
            var b = new byte[size];
            Array.Copy(_buf, b, _len);
            _buf = b;
        }

        public void U8(int v) { Ensure(1); _buf[_len++] = (byte)v; }
        public void U16(int v) { Ensure(2); _buf[_len++] = (byte)v; _buf[_len++] = (byte)(v >> 8); }
        public void U32(uint v) { Ensure(4); for (int i = 0; i < 4; i++) _buf[_len++] = (byte)(v >> (8 * i)); }
        public void Bytes(byte[] b) { Ensure(b.Length); Array.Copy(b, 0, _buf, _len, b.Length); _len += b.Length; }

        public void Name(string s)
        {
            byte[] b = Encoding.UTF8.GetBytes(s == null ? "" : s);
            U8(b.Length);
            Bytes(b);
        }

        public void Patch16(int at, int v) { _buf[at] = (byte)v; _buf[at + 1] = (byte)(v >> 8); }

        public byte[] ToArray() { return ToArray(0); }

        /// <summary>A copy with <paramref name="extra"/> zero bytes at the end.</summary>
        public byte[] ToArray(int extra)
        {
            var b = new byte[_len + extra];
            Array.Copy(_buf, b, _len);
            return b;
        }
    }
}
