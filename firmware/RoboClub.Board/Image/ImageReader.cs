using System;
using System.Text;

namespace RoboClub.Board.Image
{
    /// <summary>
    /// Parses the bytes of an image (docs/bytecode.md) into a <see cref="ProgramImage"/>. Every count
    /// and length is checked against the data and the limits in <see cref="ImageFormat"/> before
    /// anything is allocated. It checks structure only; <see cref="Verifier"/> checks the code.
    /// </summary>
    public static class ImageReader
    {
        public static ProgramImage Read(byte[] data)
        {
            if (data == null || data.Length < 16) throw new ImageException(ImageException.Truncated, "the program is empty or cut short");
            if (data.Length > ImageFormat.MaxImageSize)
                throw new ImageException(ImageException.TooLarge, "the program is " + data.Length.ToString() + " bytes; a board holds at most " + ImageFormat.MaxImageSize.ToString());
            for (int i = 0; i < 4; i++)
            {
                if (data[i] != ImageFormat.Magic[i]) throw new ImageException(ImageException.BadMagic, "this is not a RoboClub program");
            }
            var r = new Cursor(data, 4, data.Length);
            int version = r.U16();
            if (version > ImageFormat.Version)
                throw new ImageException(ImageException.NewerFormat, "the program was made for a newer board (format " + version.ToString() + "); update this board's firmware (it reads format " + ImageFormat.Version.ToString() + ")");
            if (version < ImageFormat.Version)
                throw new ImageException(ImageException.OlderFormat, "the program uses an old format (" + version.ToString() + "); compile it again");
            r.U16(); // reserved
            uint length = r.U32();
            if (length != (uint)data.Length) throw new ImageException(ImageException.BadLength, "the program says it has " + length.ToString() + " bytes but has " + data.Length.ToString());
            uint expected = (uint)(data[data.Length - 4] | data[data.Length - 3] << 8 | data[data.Length - 2] << 16 | data[data.Length - 1] << 24);
            uint actual = Crc32.Compute(data, 0, data.Length - 4);
            if (expected != actual) throw new ImageException(ImageException.ChecksumMismatch, "the program was damaged on the way (checksum)");
            r = new Cursor(data, 12, data.Length - 4);

            var image = new ProgramImage { FormatVersion = version, Checksum = actual, SizeInBytes = data.Length };

            int n = r.Count(ImageFormat.MaxStrings, "strings");
            image.Strings = new string[n];
            for (int i = 0; i < n; i++)
            {
                int len = r.U16();
                if (len > ImageFormat.MaxStringBytes) throw new ImageException(ImageException.LimitExceeded, "a text in the program is longer than " + ImageFormat.MaxStringBytes.ToString() + " bytes");
                image.Strings[i] = r.Text(len);
            }

            n = r.Count(ImageFormat.MaxGlobals, "variables");
            image.GlobalTypes = new byte[n];
            image.GlobalNames = new string[n];
            for (int i = 0; i < n; i++)
            {
                image.GlobalTypes[i] = r.Type(false);
                image.GlobalNames[i] = r.Name();
            }

            n = r.Count(ImageFormat.MaxPrimitives, "board functions");
            image.Primitives = new PrimitiveRef[n];
            for (int i = 0; i < n; i++)
            {
                var p = new PrimitiveRef { Name = r.Name() };
                int pc = r.U8();
                if (pc > ImageFormat.MaxPrimitiveParams) throw new ImageException(ImageException.LimitExceeded, "board function '" + p.Name + "' has too many parameters");
                p.ParamTypes = new byte[pc];
                for (int k = 0; k < pc; k++) p.ParamTypes[k] = r.Type(false);
                p.ReturnType = r.Type(true);
                image.Primitives[i] = p;
            }

            n = r.Count(ImageFormat.MaxFunctions, "functions");
            image.Functions = new FunctionInfo[n];
            for (int i = 0; i < n; i++)
            {
                var f = new FunctionInfo { Name = r.Name() };
                f.ParamCount = r.U8();
                int locals = r.U8();
                if (locals > ImageFormat.MaxLocals || f.ParamCount > locals)
                    throw new ImageException(ImageException.BadFunction, "function '" + f.Name + "' has " + locals.ToString() + " locals and " + f.ParamCount.ToString() + " parameters");
                f.LocalTypes = new byte[locals];
                for (int k = 0; k < locals; k++) f.LocalTypes[k] = r.Type(false);
                f.ReturnType = r.Type(true);
                f.CodeStart = (int)r.U32();
                f.CodeLength = (int)r.U32();
                image.Functions[i] = f;
            }

            n = r.Count(ImageFormat.MaxScripts, "scripts");
            image.Scripts = new ScriptInfo[n];
            for (int i = 0; i < n; i++)
            {
                var s = new ScriptInfo { Trigger = (byte)r.U8(), Argument = (int)r.U32(), Function = r.U16() };
                image.Scripts[i] = s;
            }

            uint codeLength = r.U32();
            if (codeLength > ImageFormat.MaxCodeSize) throw new ImageException(ImageException.LimitExceeded, "the program's code is larger than " + ImageFormat.MaxCodeSize.ToString() + " bytes");
            image.Code = r.Bytes((int)codeLength);
            if (!r.AtEnd) throw new ImageException(ImageException.BadLength, "the program has " + r.Remaining.ToString() + " unexpected bytes at its end");
            return image;
        }

        /// <summary>Reads little-endian fields within [position, end), refusing to run past the end.</summary>
        sealed class Cursor
        {
            readonly byte[] _data;
            readonly int _end;
            int _pos;

            public Cursor(byte[] data, int start, int end)
            {
                _data = data;
                _pos = start;
                _end = end;
            }

            public bool AtEnd { get { return _pos == _end; } }
            public int Remaining { get { return _end - _pos; } }

            void Need(int n)
            {
                if (n < 0 || _end - _pos < n) throw new ImageException(ImageException.Truncated, "the program is cut short");
            }

            public int U8()
            {
                Need(1);
                return _data[_pos++];
            }

            public int U16()
            {
                Need(2);
                int v = _data[_pos] | _data[_pos + 1] << 8;
                _pos += 2;
                return v;
            }

            public uint U32()
            {
                Need(4);
                uint v = (uint)(_data[_pos] | _data[_pos + 1] << 8 | _data[_pos + 2] << 16 | _data[_pos + 3] << 24);
                _pos += 4;
                return v;
            }

            public int Count(int max, string what)
            {
                int n = U16();
                if (n > max) throw new ImageException(ImageException.LimitExceeded, "the program has " + n.ToString() + " " + what + "; a board holds at most " + max.ToString());
                return n;
            }

            public byte Type(bool allowNone)
            {
                byte t = (byte)U8();
                if (!(VmType.IsValid(t) || (allowNone && t == VmType.None)))
                    throw new ImageException(ImageException.BadType, "unknown value type " + t.ToString());
                return t;
            }

            public string Name()
            {
                int len = U8();
                if (len > ImageFormat.MaxNameLength) throw new ImageException(ImageException.LimitExceeded, "a name in the program is too long");
                return Text(len);
            }

            public string Text(int len)
            {
                Need(len);
                if (!Utf8.IsValid(_data, _pos, len)) throw new ImageException(ImageException.BadText, "a text in the program is not valid UTF-8");
                string s = len == 0 ? "" : Encoding.UTF8.GetString(_data, _pos, len);
                _pos += len;
                return s;
            }

            public byte[] Bytes(int len)
            {
                Need(len);
                var b = new byte[len];
                Array.Copy(_data, _pos, b, 0, len);
                _pos += len;
                return b;
            }
        }
    }
}
