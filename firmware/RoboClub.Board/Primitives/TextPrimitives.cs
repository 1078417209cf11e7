using System.Text;
using RoboClub.Board.Image;
using RoboClub.Board.Vm;

namespace RoboClub.Board.Primitives
{
    /// <summary>
    /// text.*: the string methods a child's C# may call. Written by hand, char by char, so they give
    /// the same results on nanoFramework (whose string methods are fewer and culture-free) as on .NET:
    /// comparisons are ordinal, upper/lower case is invariant (ASCII, Latin-1, Latin Extended-A and
    /// the Romanian ș ț). Wrong positions stop the program with IndexOutOfRange, as C# would throw.
    /// </summary>
    public static class TextPrimitives
    {
        static readonly byte[] S = new byte[] { VmType.String };
        static readonly byte[] SS = new byte[] { VmType.String, VmType.String };
        static readonly byte[] SSS = new byte[] { VmType.String, VmType.String, VmType.String };
        static readonly byte[] SI = new byte[] { VmType.String, VmType.Int };
        static readonly byte[] SII = new byte[] { VmType.String, VmType.Int, VmType.Int };
        static readonly byte[] IS = new byte[] { VmType.Int, VmType.String };
        static readonly byte[] FS = new byte[] { VmType.Float, VmType.String };

        public static void Register(PrimitiveTable table)
        {
            table.Add(new Primitive("text.upper", S, VmType.String, t => { t.PushString(Upper(t.PopString())); return null; }));
            table.Add(new Primitive("text.lower", S, VmType.String, t => { t.PushString(Lower(t.PopString())); return null; }));
            table.Add(new Primitive("text.trim", S, VmType.String, t => { t.PushString(Trim(t.PopString())); return null; }));
            table.Add(new Primitive("text.contains", SS, VmType.Bool, t => { string v = t.PopString(); t.PushBool(IndexOf(t.PopString(), v) >= 0); return null; }));
            table.Add(new Primitive("text.indexOf", SS, VmType.Int, t => { string v = t.PopString(); t.PushInt(IndexOf(t.PopString(), v)); return null; }));
            table.Add(new Primitive("text.startsWith", SS, VmType.Bool, t =>
            {
                string v = t.PopString(), s = t.PopString();
                t.PushBool(v.Length <= s.Length && Same(s, 0, v));
                return null;
            }));
            table.Add(new Primitive("text.endsWith", SS, VmType.Bool, t =>
            {
                string v = t.PopString(), s = t.PopString();
                t.PushBool(v.Length <= s.Length && Same(s, s.Length - v.Length, v));
                return null;
            }));
            table.Add(new Primitive("text.substringFrom", SI, VmType.String, t =>
            {
                int start = t.PopInt();
                string s = t.PopString();
                if (start < 0 || start > s.Length) return RuntimeError.IndexOutOfRange;
                t.PushString(s.Substring(start));
                return null;
            }));
            table.Add(new Primitive("text.substring", SII, VmType.String, t =>
            {
                int length = t.PopInt(), start = t.PopInt();
                string s = t.PopString();
                if (start < 0 || length < 0 || start > s.Length || length > s.Length - start) return RuntimeError.IndexOutOfRange;
                t.PushString(s.Substring(start, length));
                return null;
            }));
            table.Add(new Primitive("text.replace", SSS, VmType.String, t =>
            {
                string to = t.PopString(), from = t.PopString(), s = t.PopString();
                if (from.Length == 0) return RuntimeError.BadArgument; // C#: ArgumentException
                string r = Replace(s, from, to);
                if (r == null) return RuntimeError.TextTooLong;
                t.PushString(r);
                return null;
            }));
            table.Add(new Primitive("text.parseInt", S, VmType.Int, t =>
            {
                int v;
                string text = t.PopString();
                // C#: FormatException for text that is not a whole number, OverflowException for one too big.
                if (!ParseInt(text, out v)) return IsWholeNumberText(text) ? RuntimeError.Overflow : RuntimeError.NotANumber;
                t.PushInt(v);
                return null;
            }));
            table.Add(new Primitive("text.parseFloat", S, VmType.Float, t =>
            {
                float v;
                if (!NumberText.TryParseFloat(t.PopString(), out v)) return RuntimeError.NotANumber;
                t.PushFloat(v);
                return null;
            }));
            // Number formats ("F2", "D3", "X"...): the compiler passes only formats NumberText knows.
            table.Add(new Primitive("text.formatInt", IS, VmType.String, t =>
            {
                string format = t.PopString();
                string r = NumberText.FormatInt(t.PopInt(), format);
                if (r == null) return RuntimeError.BadArgument;
                t.PushString(r);
                return null;
            }));
            table.Add(new Primitive("text.formatFloat", FS, VmType.String, t =>
            {
                string format = t.PopString();
                string r = NumberText.FormatFloat(t.PopFloat(), format);
                if (r == null) return RuntimeError.BadArgument;
                t.PushString(r);
                return null;
            }));
            // {x,6} and {x,-6}: spaces on the left (positive width) or on the right (negative).
            // PadLeft(n) / PadRight(n): C# refuses a negative width (ArgumentOutOfRangeException).
            table.Add(new Primitive("text.padLeft", SI, VmType.String, t =>
            {
                int width = t.PopInt();
                string s = t.PopString();
                if (width < 0) return RuntimeError.BadArgument;
                if (width > RuntimeError.MaxTextLength) return RuntimeError.TextTooLong;
                t.PushString(Pad(s, width));
                return null;
            }));
            table.Add(new Primitive("text.padRight", SI, VmType.String, t =>
            {
                int width = t.PopInt();
                string s = t.PopString();
                if (width < 0) return RuntimeError.BadArgument;
                if (width > RuntimeError.MaxTextLength) return RuntimeError.TextTooLong;
                t.PushString(Pad(s, -width));
                return null;
            }));
            table.Add(new Primitive("text.pad", SI, VmType.String, t =>
            {
                int width = t.PopInt();
                string s = t.PopString();
                t.PushString(Pad(s, width));
                return null;
            }));
        }

        public static string Pad(string s, int width)
        {
            bool left = width >= 0;
            if (!left) width = -width;
            if (width > RuntimeError.MaxTextLength) width = RuntimeError.MaxTextLength;
            if (s.Length >= width) return s;
            string spaces = new string(' ', width - s.Length);
            return left ? spaces + s : s + spaces;
        }

        static bool Same(string s, int at, string v)
        {
            for (int i = 0; i < v.Length; i++) if (s[at + i] != v[i]) return false;
            return true;
        }

        public static int IndexOf(string s, string v)
        {
            for (int i = 0; i + v.Length <= s.Length; i++) if (Same(s, i, v)) return i;
            return -1;
        }

        static string Replace(string s, string from, string to)
        {
            var sb = new StringBuilder();
            int i = 0;
            while (true)
            {
                int at = -1;
                for (int j = i; j + from.Length <= s.Length; j++) if (Same(s, j, from)) { at = j; break; }
                if (at < 0) break;
                sb.Append(s.Substring(i, at - i));
                sb.Append(to);
                if (sb.Length > RuntimeError.MaxTextLength) return null;
                i = at + from.Length;
            }
            sb.Append(s.Substring(i));
            if (sb.Length > RuntimeError.MaxTextLength) return null;
            return sb.ToString();
        }

        /// <summary>char.IsWhiteSpace, written out (C#'s Trim() removes exactly these).</summary>
        public static bool IsWhiteSpace(char c)
        {
            if (c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || c == '\u00A0' || c == '\u1680') return true;
            if (c >= '\u2000' && c <= '\u200A') return true;
            return c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F' || c == '\u3000';
        }

        static string Trim(string s)
        {
            int start = 0, end = s.Length;
            while (start < end && IsWhiteSpace(s[start])) start++;
            while (end > start && IsWhiteSpace(s[end - 1])) end--;
            return s.Substring(start, end - start);
        }

        /// <summary>int.Parse (invariant): optional spaces, one sign, digits; false when it is not an int.</summary>
        /// <summary>Optional spaces and sign, then only digits: a whole number, whatever its size.</summary>
        static bool IsWholeNumberText(string s)
        {
            int i = 0, end = s.Length;
            while (i < end && IsWhiteSpace(s[i])) i++;
            while (end > i && IsWhiteSpace(s[end - 1])) end--;
            if (i < end && (s[i] == '-' || s[i] == '+')) i++;
            if (i >= end) return false;
            for (; i < end; i++)
            {
                if (s[i] < '0' || s[i] > '9') return false;
            }
            return true;
        }

        public static bool ParseInt(string s, out int value)
        {
            value = 0;
            int i = 0, end = s.Length;
            while (i < end && IsWhiteSpace(s[i])) i++;
            while (end > i && IsWhiteSpace(s[end - 1])) end--;
            bool negative = false;
            if (i < end && (s[i] == '-' || s[i] == '+')) { negative = s[i] == '-'; i++; }
            if (i >= end) return false;
            long v = 0;
            for (; i < end; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9') return false;
                v = v * 10 + (c - '0');
                if (v > 2147483648L) return false;
            }
            if (negative) v = -v;
            if (v > int.MaxValue) return false;
            value = (int)v;
            return true;
        }

        public static char UpperChar(char c)
        {
            if (c < 'a') return c;
            if (c <= 'z') return (char)(c - 32);
            if (c < '\u00B5') return c;
            if (c == '\u00B5') return '\u039C';
            if (c >= '\u00E0' && c <= '\u00FE' && c != '\u00F7') return (char)(c - 32);
            if (c == '\u00FF') return '\u0178';
            if (c >= '\u0100' && c <= '\u017F')
            {
                // dotless ı, long ſ and İ keep their case in .NET's invariant mode (no Turkish rules)
                if (c == '\u0131' || c == '\u017F' || c == '\u0138' || c == '\u0149' || c == '\u0130') return c;
                bool oddLower = (c >= '\u0100' && c <= '\u0137') || (c >= '\u014A' && c <= '\u0177');
                if (oddLower) return (c & 1) == 1 ? (char)(c - 1) : c;
                if (c == '\u0178') return c;
                // 0139..0148 and 0179..017E: odd upper, even lower
                return (c & 1) == 0 ? (char)(c - 1) : c;
            }
            if (c == '\u0219' || c == '\u021B') return (char)(c - 1);
            return c;
        }

        public static char LowerChar(char c)
        {
            if (c < 'A') return c;
            if (c <= 'Z') return (char)(c + 32);
            if (c < '\u00C0') return c;
            if (c >= '\u00C0' && c <= '\u00DE' && c != '\u00D7') return (char)(c + 32);
            if (c >= '\u0100' && c <= '\u017F')
            {
                if (c == '\u0178') return '\u00FF';
                if (c == '\u0138' || c == '\u0149' || c == '\u0131' || c == '\u017F' || c == '\u0130') return c;
                bool evenUpper = (c >= '\u0100' && c <= '\u0137') || (c >= '\u014A' && c <= '\u0177');
                if (evenUpper) return (c & 1) == 0 ? (char)(c + 1) : c;
                return (c & 1) == 1 ? (char)(c + 1) : c;
            }
            if (c == '\u0218' || c == '\u021A') return (char)(c + 1);
            return c;
        }

        static string Upper(string s)
        {
            var a = s.ToCharArray();
            for (int i = 0; i < a.Length; i++) a[i] = UpperChar(a[i]);
            return new string(a);
        }

        static string Lower(string s)
        {
            var a = s.ToCharArray();
            for (int i = 0; i < a.Length; i++) a[i] = LowerChar(a[i]);
            return new string(a);
        }
    }
}
