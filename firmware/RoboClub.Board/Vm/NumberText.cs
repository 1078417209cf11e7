using System;
using System.Text;

namespace RoboClub.Board.Vm
{
    /// <summary>
    /// Numbers as text, exactly as .NET prints a <c>float</c> with the invariant culture, on every board.
    /// nanoFramework's own float.ToString differs from .NET's, so the digits are made here from the
    /// float's bits with exact integer arithmetic (a small bignum, Steele &amp; White / Dragon4 as .NET
    /// does it): <see cref="Format"/> gives the shortest digits that read back as the same float and
    /// switches to E notation as .NET's "G" does (more than 9 integer digits, or below 0.0001);
    /// <see cref="FormatFloat"/> and <see cref="FormatInt"/> give the standard formats F, N, E, G, D, X.
    /// Ties round to even, as .NET does for floats.
    /// </summary>
    public static class NumberText
    {
        const int SinglePrecision = 9;

        public static string Format(float value)
        {
            if (float.IsNaN(value)) return "NaN";
            if (float.IsPositiveInfinity(value)) return "Infinity";
            if (float.IsNegativeInfinity(value)) return "-Infinity";
            uint f; int e; bool negative;
            Decompose(value, out f, out e, out negative);
            if (f == 0) return negative ? "-0" : "0";
            // Fast path, common on a board (100, -7): a whole number below 2^24 is its own shortest form.
            if (e >= -23 && e <= 0 && (f & ((1u << -e) - 1)) == 0)
            {
                string whole = (f >> -e).ToString();
                return negative ? "-" + whole : whole;
            }
            int k;
            string digits = Shortest(f, e, out k);
            int max = digits.Length > SinglePrecision ? digits.Length : SinglePrecision;
            return General(negative, digits, k, max, 'E');
        }

        /// <summary>float.ToString(format) for F, N, E, G (any case, precision 0–99); null for other formats.</summary>
        public static string FormatFloat(float value, string format)
        {
            char kind; int precision;
            if (!Parse(format, out kind, out precision)) return null;
            char upper = kind >= 'a' ? (char)(kind - 32) : kind;
            if (upper != 'F' && upper != 'N' && upper != 'E' && upper != 'G') return null;
            if (float.IsNaN(value)) return "NaN";
            if (float.IsPositiveInfinity(value)) return "Infinity";
            if (float.IsNegativeInfinity(value)) return "-Infinity";
            uint f; int e; bool negative;
            Decompose(value, out f, out e, out negative);
            if (upper == 'G' && precision <= 0) return Format(value); // "G" is the shortest form
            return Standard(negative, f, e, upper, kind, precision, true);
        }

        /// <summary>int.ToString(format) for D, X, F, N, E, G (precision 0–99); null for other formats.</summary>
        public static string FormatInt(int value, string format)
        {
            char kind; int precision;
            if (!Parse(format, out kind, out precision)) return null;
            char upper = kind >= 'a' ? (char)(kind - 32) : kind;
            if (upper == 'D')
            {
                string d = Magnitude(value);
                while (d.Length < precision) d = "0" + d;
                return value < 0 ? "-" + d : d;
            }
            if (upper == 'X')
            {
                uint u = (uint)value;
                string hex = kind == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
                int n = 1;
                for (uint x = u >> 4; x != 0; x >>= 4) n++;
                if (n < precision) n = precision;
                var a = new char[n];
                for (int i = n - 1; i >= 0; i--) { a[i] = hex[(int)(u & 15)]; u >>= 4; }
                return new string(a);
            }
            if (upper != 'F' && upper != 'N' && upper != 'E' && upper != 'G') return null;
            if (upper == 'G' && precision <= 0) return value.ToString();
            // An int is an exact integer: f × 2^0 with f its magnitude (up to 2^31, which fits a uint).
            uint m = value < 0 ? (uint)(-(long)value) : (uint)value;
            return Standard(value < 0, m, 0, upper, kind, precision, false); // ints round half away from zero
        }

        static string Magnitude(int value)
        {
            long v = value;
            if (v < 0) v = -v;
            return v.ToString();
        }

        /// <summary>"F2" → ('F', 2); "G" → ('G', -1). Precision 0–99 as .NET's standard formats.</summary>
        static bool Parse(string format, out char kind, out int precision)
        {
            kind = 'G'; precision = -1;
            if (format == null || format.Length == 0) return true;
            kind = format[0];
            if (!((kind >= 'A' && kind <= 'Z') || (kind >= 'a' && kind <= 'z'))) return false;
            if (format.Length == 1) return true;
            if (format.Length > 3) return false;
            precision = 0;
            for (int i = 1; i < format.Length; i++)
            {
                char c = format[i];
                if (c < '0' || c > '9') return false;
                precision = precision * 10 + (c - '0');
            }
            return true;
        }

        static string Standard(bool negative, uint f, int e, char upper, char kind, int precision, bool halfEven)
        {
            if (upper == 'F' || upper == 'N')
            {
                if (precision < 0) precision = 2; // invariant NumberDecimalDigits
                string text = Fixed(f, e, precision, upper == 'N');
                return negative ? "-" + text : text;
            }
            if (upper == 'E')
            {
                if (precision < 0) precision = 6;
                int k = 0;
                string digits = f == 0 ? Zeros(precision + 1) : Rounded(f, e, precision + 1, halfEven, out k);
                var sb = new StringBuilder();
                if (negative) sb.Append('-');
                sb.Append(digits[0]);
                if (precision > 0) { sb.Append('.'); sb.Append(digits.Substring(1)); }
                sb.Append(kind == 'e' ? 'e' : 'E');
                sb.Append(k < 0 ? '-' : '+');
                string exp = (k < 0 ? -k : k).ToString();
                while (exp.Length < 3) exp = "0" + exp;
                sb.Append(exp);
                return sb.ToString();
            }
            // G with a precision: that many significant digits, trailing zeros dropped.
            if (f == 0) return negative ? "-0" : "0";
            int scale;
            string g = Rounded(f, e, precision, halfEven, out scale);
            int end = g.Length;
            while (end > 1 && g[end - 1] == '0') end--;
            return General(negative, g.Substring(0, end), scale, precision, kind == 'g' ? 'e' : 'E');
        }

        static string Zeros(int n) { return new string('0', n); }

        /// <summary>.NET's general format: digits d1d2… with value d1.d2… × 10^k; E notation when the
        /// number has more integer digits than <paramref name="max"/> or is below 0.0001.</summary>
        static string General(bool negative, string digits, int k, int max, char e)
        {
            var sb = new StringBuilder();
            if (negative) sb.Append('-');
            int scale = k + 1; // digits before the point
            if (scale > max || scale < -3)
            {
                sb.Append(digits[0]);
                if (digits.Length > 1) { sb.Append('.'); sb.Append(digits.Substring(1)); }
                sb.Append(e);
                sb.Append(k < 0 ? '-' : '+');
                int a = k < 0 ? -k : k;
                if (a < 10) sb.Append('0');
                sb.Append(a.ToString());
                return sb.ToString();
            }
            if (scale <= 0)
            {
                sb.Append("0.");
                for (int i = scale; i < 0; i++) sb.Append('0');
                sb.Append(digits);
                return sb.ToString();
            }
            if (digits.Length <= scale)
            {
                sb.Append(digits);
                for (int i = digits.Length; i < scale; i++) sb.Append('0');
                return sb.ToString();
            }
            sb.Append(digits.Substring(0, scale));
            sb.Append('.');
            sb.Append(digits.Substring(scale));
            return sb.ToString();
        }

        /// <summary>|value| with <paramref name="decimals"/> digits after the point, rounded half to even;
        /// with groups of three ("1,234.50") when <paramref name="groups"/>.</summary>
        static string Fixed(uint f, int e, int decimals, bool groups)
        {
            string digits; int k;
            if (f == 0) { digits = ""; k = 0; }
            else
            {
                // Digits up to 10^-decimals: the number has k+1 integer digits when it is d.ddd × 10^k.
                k = Exponent(f, e);
                int count = k + 1 + decimals;
                if (count < 0) digits = "";
                else digits = RoundedAt(f, e, count, true, ref k);
            }
            // Place digits: value = 0.d1d2… × 10^(k+1).
            int intDigits = k + 1;
            var sb = new StringBuilder();
            string whole;
            if (digits.Length == 0) whole = "0";
            else if (intDigits <= 0) whole = "0";
            else whole = digits.Length >= intDigits ? digits.Substring(0, intDigits) : digits + Zeros(intDigits - digits.Length);
            if (groups)
            {
                int first = whole.Length % 3;
                if (first == 0) first = 3;
                sb.Append(whole.Substring(0, first));
                for (int i = first; i < whole.Length; i += 3) { sb.Append(','); sb.Append(whole.Substring(i, 3)); }
            }
            else sb.Append(whole);
            if (decimals > 0)
            {
                sb.Append('.');
                for (int i = 0; i < decimals; i++)
                {
                    int at = intDigits + i; // index into digits
                    sb.Append(at >= 0 && at < digits.Length ? digits[at] : '0');
                }
            }
            return sb.ToString();
        }

        // ------------------------------------------------------------------ parsing

        /// <summary>float.Parse(text, CultureInfo.InvariantCulture), correctly rounded: spaces, a sign, digits
        /// (commas allowed between the digits before the point), a point, an exponent; "NaN", "Infinity".
        /// False when the text is not a number. More than 40 significant digits are cut (a rare halfway case may then round differently).</summary>
        public static bool TryParseFloat(string text, out float value)
        {
            value = 0;
            int i = 0, end = text.Length;
            while (i < end && IsSpace(text[i])) i++;
            while (end > i && IsSpace(text[end - 1])) end--;
            bool negative = false;
            if (i < end && (text[i] == '-' || text[i] == '+')) { negative = text[i] == '-'; i++; }
            string rest = AsciiLower(text.Substring(i, end - i)); // "Infinity" and "NaN" in any case, as .NET
            if (rest == "infinity") { value = negative ? float.NegativeInfinity : float.PositiveInfinity; return true; }
            if (rest == "nan") { value = float.NaN; return true; }
            var d = new Big(0);
            int digits = 0, q = 0;
            bool any = false, sticky = false, point = false;
            for (; i < end; i++)
            {
                char c = text[i];
                if (c >= '0' && c <= '9')
                {
                    any = true;
                    if (point) q--;
                    if (digits == 0 && c == '0') continue;
                    if (digits < 40) { d.MulSmall(10); d.Add(new Big((uint)(c - '0'))); digits++; }
                    else { q++; if (c != '0') sticky = true; }
                }
                else if (c == ',' && !point && any) continue;
                else if (c == '.' && !point) point = true;
                else break;
            }
            if (!any) return false;
            if (i < end && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                bool expNegative = false;
                if (i < end && (text[i] == '-' || text[i] == '+')) { expNegative = text[i] == '-'; i++; }
                if (i >= end) return false;
                int exp = 0;
                for (; i < end; i++)
                {
                    char c = text[i];
                    if (c < '0' || c > '9') return false;
                    if (exp < 100000) exp = exp * 10 + (c - '0');
                }
                q += expNegative ? -exp : exp;
            }
            if (i != end) return false;
            if (sticky) { d.MulSmall(10); d.Add(new Big(1)); q--; digits++; }
            float magnitude;
            if (digits == 0) magnitude = 0;
            else if (digits + q > 40) magnitude = float.PositiveInfinity; // ≥ 10^40
            else if (digits + q < -46) magnitude = 0;                   // < 10^-46, below half the smallest float
            else magnitude = Nearest(d, q);
            value = negative ? -magnitude : magnitude;
            return true;
        }

        static string AsciiLower(string s)
        {
            var a = s.ToCharArray();
            for (int i = 0; i < a.Length; i++) if (a[i] >= 'A' && a[i] <= 'Z') a[i] = (char)(a[i] + 32);
            return new string(a);
        }

        static bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

        /// <summary>The float nearest to d × 10^q (ties to even), from exact integer division.</summary>
        static float Nearest(Big d, int q)
        {
            Big n = d.Copy(), m = new Big(1);
            if (q >= 0) n.MulPow10(q); else m.MulPow10(-q);
            int e = n.BitLength() - m.BitLength() - 24;
            if (e < -149) e = -149;
            while (true)
            {
                Big num = n.Copy(), den = m.Copy();
                if (e < 0) num.ShiftLeft(-e); else den.ShiftLeft(e);
                // quotient of at most 26 bits, by shift and subtract
                uint quotient = 0;
                for (int bit = 25; bit >= 0; bit--)
                {
                    Big t = den.Copy();
                    t.ShiftLeft(bit);
                    if (Big.Compare(num, t) >= 0) { num.Sub(t); quotient |= 1u << bit; }
                }
                if (quotient >= (1u << 24)) { e++; continue; }
                if (quotient < (1u << 23) && e > -149) { e--; continue; }
                num.ShiftLeft(1);
                int c = Big.Compare(num, den);
                if (c > 0 || (c == 0 && (quotient & 1) == 1)) quotient++;
                if (quotient == (1u << 24)) { quotient = 1u << 23; e++; }
                if (e > 104) return float.PositiveInfinity;
                int bits = quotient < (1u << 23) ? (int)quotient : ((e + 150) << 23) | (int)(quotient - (1u << 23));
                return BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);
            }
        }

        // ------------------------------------------------------------------ digits

        static void Decompose(float value, out uint f, out int e, out bool negative)
        {
            int bits = BitConverter.ToInt32(BitConverter.GetBytes(value), 0);
            negative = bits < 0;
            int biased = (bits >> 23) & 0xFF;
            uint mantissa = (uint)bits & 0x7FFFFF;
            if (biased == 0) { f = mantissa; e = -149; }
            else { f = mantissa | 0x800000; e = biased - 150; }
        }

        /// <summary>value = r / s exactly, for value = f × 2^e.</summary>
        static void Fraction(uint f, int e, out Big r, out Big s)
        {
            r = new Big(f);
            s = new Big(1);
            if (e >= 0) r.ShiftLeft(e); else s.ShiftLeft(-e);
        }

        /// <summary>k with 10^k ≤ f × 2^e &lt; 10^(k+1) (f &gt; 0).</summary>
        static int Exponent(uint f, int e)
        {
            Big r, s;
            Fraction(f, e, out r, out s);
            int k;
            Normalize(r, s, out k);
            return k;
        }

        /// <summary>Scales r/s (and the margins, if any) by a power of ten so that 1 ≤ r/s &lt; 10; returns that power as k.</summary>
        static void Normalize(Big r, Big s, out int k, Big low = null, Big high = null)
        {
            // Estimate from the bit length (log10(2) ≈ 0.30103), then correct exactly.
            int bits = r.BitLength() - s.BitLength();
            k = (int)Math.Floor(bits * 0.30102999566398120);
            if (k > 0) s.MulPow10(k);
            else if (k < 0) { r.MulPow10(-k); if (low != null) low.MulPow10(-k); if (high != null && high != low) high.MulPow10(-k); }
            while (Big.Compare(r, s) < 0)
            {
                r.MulSmall(10); if (low != null) low.MulSmall(10); if (high != null && high != low) high.MulSmall(10);
                k--;
            }
            Big s10 = s.Copy(); s10.MulSmall(10);
            while (Big.Compare(r, s10) >= 0) { s.MulSmall(10); s10.MulSmall(10); k++; }
        }

        /// <summary>The shortest digits that read back as this float (the closest of them; ties to even), and k: value ≈ d1.d2… × 10^k.</summary>
        static string Shortest(uint f, int e, out int k)
        {
            // value = r/s; the neighbours are (r ∓ low)/s and (r ± high)/s; everything doubled so margins are integers.
            bool even = (f & 1) == 0;
            bool unequal = f == 0x800000 && e > -149; // lowest mantissa of an exponent: the gap below is half the gap above
            Big r, s, low, high;
            if (e >= 0)
            {
                r = new Big(f); r.ShiftLeft(e + (unequal ? 2 : 1));
                s = new Big(unequal ? 4u : 2u);
                low = new Big(1); low.ShiftLeft(e);
                if (unequal) { high = new Big(1); high.ShiftLeft(e + 1); } else high = low;
            }
            else
            {
                r = new Big(f); r.ShiftLeft(unequal ? 2 : 1);
                s = new Big(1); s.ShiftLeft(-e + (unequal ? 2 : 1));
                low = new Big(1);
                high = unequal ? new Big(2) : low;
            }
            Normalize(r, s, out k, low, high);
            var sb = new StringBuilder();
            Big sum = new Big(0);
            while (true)
            {
                int digit = r.DivRem(s);
                bool isLow, isHigh;
                int cmpLow = Big.Compare(r, low);
                sum.Set(r); sum.Add(high);
                int cmpHigh = Big.Compare(sum, s);
                if (even) { isLow = cmpLow <= 0; isHigh = cmpHigh >= 0; }
                else { isLow = cmpLow < 0; isHigh = cmpHigh > 0; }
                if (isLow || isHigh || sb.Length >= 16)
                {
                    bool roundDown = isLow;
                    if (isLow == isHigh)
                    {
                        r.ShiftLeft(1);
                        int c = Big.Compare(r, s);
                        roundDown = c < 0 || (c == 0 && (digit & 1) == 0);
                    }
                    if (roundDown) sb.Append((char)('0' + digit));
                    else RoundUp(sb, digit, ref k);
                    break;
                }
                sb.Append((char)('0' + digit));
                r.MulSmall(10);
                if (low == high) low.MulSmall(10);
                else { low.MulSmall(10); high.MulSmall(10); }
            }
            return sb.ToString();
        }

        /// <summary>Appends digit+1 with the carry rippling left (…999 becomes 1000… and k grows).</summary>
        static bool RoundUp(StringBuilder sb, int digit, ref int k)
        {
            if (digit < 9) { sb.Append((char)('0' + digit + 1)); return true; }
            int i = sb.Length - 1;
            while (i >= 0 && sb[i] == '9') i--;
            if (i < 0)
            {
                // all nines: 1 followed by zeros, one more integer digit
                int n = sb.Length + 1;
                sb.Length = 0;
                sb.Append('1');
                for (int j = 1; j < n; j++) sb.Append('0');
                k++;
                return true;
            }
            sb[i] = (char)(sb[i] + 1);
            for (int j = i + 1; j < sb.Length; j++) sb[j] = '0';
            sb.Append('0');
            return true;
        }

        /// <summary>Exactly <paramref name="count"/> significant digits (≥ 1), rounded half to even; k as in <see cref="Shortest"/>.</summary>
        static string Rounded(uint f, int e, int count, bool halfEven, out int k)
        {
            if (count < 1) count = 1;
            k = 0;
            return RoundedAt(f, e, count, halfEven, ref k);
        }

        /// <summary><paramref name="count"/> digits (≥ 0) from the first significant one, rounded half to even.
        /// With count 0 the result is "" or (rounding up) "1" with k one higher.</summary>
        static string RoundedAt(uint f, int e, int count, bool halfEven, ref int k)
        {
            Big r, s;
            Fraction(f, e, out r, out s);
            Normalize(r, s, out k);
            var sb = new StringBuilder();
            int last = 0;
            for (int i = 0; i < count; i++)
            {
                last = r.DivRem(s);
                sb.Append((char)('0' + last));
                if (i + 1 < count) r.MulSmall(10);
            }
            if (count == 0)
            {
                // the value is d.ddd × 10^k and only digits from 10^(k+1) on are kept: up if value > 5 × 10^k
                Big five = s.Copy(); five.MulSmall(5);
                int c = Big.Compare(r, five);
                if (c > 0 || (c == 0 && !halfEven)) { k++; return "1"; }
                return "";
            }
            r.ShiftLeft(1);
            int cmp = Big.Compare(r, s);
            if (cmp > 0 || (cmp == 0 && (!halfEven || (last & 1) == 1)))
            {
                sb.Length--;
                RoundUp(sb, last, ref k);
                if (sb.Length > count) sb.Length = count; // 999 → 1000: keep the count, k already grew
            }
            return sb.ToString();
        }

        /// <summary>A non-negative integer of up to 512 bits, little-endian 32-bit words; enough for any float.</summary>
        sealed class Big
        {
            const int Words = 16;
            readonly uint[] _w = new uint[Words];
            int _n = 1; // words from _n on are all zero: loops stop there (most numbers use a few words)

            public Big(uint v) { _w[0] = v; }

            public Big Copy() { var b = new Big(0); Array.Copy(_w, b._w, _n); b._n = _n; return b; }

            public void Set(Big o)
            {
                Array.Copy(o._w, _w, _n > o._n ? _n : o._n);
                _n = o._n;
            }

            public int BitLength()
            {
                for (int i = _n - 1; i >= 0; i--)
                {
                    uint v = _w[i];
                    if (v == 0) continue;
                    int n = 0;
                    while (v != 0) { n++; v >>= 1; }
                    return i * 32 + n;
                }
                return 0;
            }

            public void ShiftLeft(int bits)
            {
                int words = bits / 32, rest = bits % 32;
                int top = _n + words + 1;
                if (top > Words) top = Words;
                for (int i = top - 1; i >= 0; i--)
                {
                    int from = i - words;
                    uint hi = from >= 0 ? _w[from] : 0;
                    uint lo = from - 1 >= 0 ? _w[from - 1] : 0;
                    _w[i] = rest == 0 ? hi : (hi << rest) | (lo >> (32 - rest));
                }
                _n = top;
            }

            public void MulSmall(uint m)
            {
                ulong carry = 0;
                for (int i = 0; i < _n; i++)
                {
                    ulong p = (ulong)_w[i] * m + carry;
                    _w[i] = (uint)p;
                    carry = p >> 32;
                }
                if (carry != 0 && _n < Words) _w[_n++] = (uint)carry;
            }

            public void MulPow10(int n)
            {
                for (; n >= 9; n -= 9) MulSmall(1000000000);
                uint m = 1;
                for (; n > 0; n--) m *= 10;
                if (m > 1) MulSmall(m);
            }

            public void Add(Big o)
            {
                int n = _n > o._n ? _n : o._n;
                ulong carry = 0;
                for (int i = 0; i < n; i++)
                {
                    ulong sum = (ulong)_w[i] + o._w[i] + carry;
                    _w[i] = (uint)sum;
                    carry = sum >> 32;
                }
                if (carry != 0 && n < Words) _w[n++] = (uint)carry;
                _n = n;
            }

            /// <summary>this -= o, for o ≤ this.</summary>
            public void Sub(Big o)
            {
                int n = _n > o._n ? _n : o._n;
                long borrow = 0;
                for (int i = 0; i < n; i++)
                {
                    long d = (long)_w[i] - o._w[i] - borrow;
                    borrow = d < 0 ? 1 : 0;
                    _w[i] = (uint)d;
                }
            }

            /// <summary>this = this mod s; returns this / s, which the callers keep below 10.</summary>
            public int DivRem(Big s)
            {
                int q = 0;
                while (Compare(this, s) >= 0) { Sub(s); q++; }
                return q;
            }

            public static int Compare(Big a, Big b)
            {
                int n = a._n > b._n ? a._n : b._n;
                for (int i = n - 1; i >= 0; i--)
                {
                    if (a._w[i] != b._w[i]) return a._w[i] < b._w[i] ? -1 : 1;
                }
                return 0;
            }
        }
    }
}
