using System;
using System.Text;

namespace RoboClub.Board.Link
{
    /// <summary>
    /// A small, strict JSON reader (RFC 8259) working directly on UTF-8 bytes. Rejects, with a
    /// <see cref="JsonException"/> naming the byte offset: trailing commas, comments, single quotes,
    /// leading zeros, NaN/Infinity, control characters in strings, invalid UTF-8 (overlong forms,
    /// encoded surrogates), lone surrogate escapes, duplicate object keys, anything after the value,
    /// input over <c>maxBytes</c>, nesting over <c>maxDepth</c>, objects with more than
    /// <see cref="MaxMembers"/> members, and numbers beyond the range of a double.
    /// </summary>
    public sealed class JsonReader
    {
        public const int DefaultMaxBytes = 16384;
        public const int DefaultMaxDepth = 16;
        public const int MaxMembers = 64;

        private readonly byte[] _b;
        private readonly int _end;
        private readonly int _maxDepth;
        private readonly StringBuilder _sb = new StringBuilder();
        private int _pos;

        private JsonReader(byte[] bytes, int maxDepth)
        {
            _b = bytes;
            _end = bytes.Length;
            _maxDepth = maxDepth;
        }

        public static JsonNode Parse(byte[] utf8)
        {
            return Parse(utf8, DefaultMaxBytes, DefaultMaxDepth);
        }

        public static JsonNode Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            return Parse(Encoding.UTF8.GetBytes(text), DefaultMaxBytes, DefaultMaxDepth);
        }

        public static JsonNode Parse(byte[] utf8, int maxBytes, int maxDepth)
        {
            if (utf8 == null)
            {
                throw new ArgumentNullException("utf8");
            }

            if (utf8.Length > maxBytes)
            {
                throw new JsonException("input of " + utf8.Length.ToString() + " bytes is over the limit of " + maxBytes.ToString(), maxBytes);
            }

            JsonReader r = new JsonReader(utf8, maxDepth);
            r.SkipWhitespace();
            if (r._pos >= r._end)
            {
                throw new JsonException("empty input", 0);
            }

            JsonNode value = r.ReadValue(0);
            r.SkipWhitespace();
            if (r._pos < r._end)
            {
                throw new JsonException("unexpected " + r.Describe(r._pos) + " after the value", r._pos);
            }

            return value;
        }

        private void SkipWhitespace()
        {
            while (_pos < _end)
            {
                byte c = _b[_pos];
                if (c == (byte)' ' || c == (byte)'\t' || c == (byte)'\n' || c == (byte)'\r')
                {
                    _pos++;
                }
                else
                {
                    return;
                }
            }
        }

        private string Describe(int at)
        {
            if (at >= _end)
            {
                return "end of input";
            }

            byte c = _b[at];
            if (c > 0x20 && c < 0x7F)
            {
                return "'" + ((char)c).ToString() + "'";
            }

            return "byte 0x" + Hex2(c);
        }

        private static string Hex2(int v)
        {
            const string digits = "0123456789ABCDEF";
            return digits[(v >> 4) & 0xF].ToString() + digits[v & 0xF].ToString();
        }

        private JsonNode ReadValue(int depth)
        {
            if (_pos >= _end)
            {
                throw new JsonException("unexpected end of input, expected a value", _pos);
            }

            byte c = _b[_pos];
            if (c == (byte)'{')
            {
                return ReadObject(depth + 1);
            }

            if (c == (byte)'[')
            {
                return ReadArray(depth + 1);
            }

            if (c == (byte)'"')
            {
                return JsonNode.NewString(ReadString());
            }

            if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9'))
            {
                return ReadNumber();
            }

            if (c == (byte)'t')
            {
                ExpectWord("true");
                return JsonNode.NewBool(true);
            }

            if (c == (byte)'f')
            {
                ExpectWord("false");
                return JsonNode.NewBool(false);
            }

            if (c == (byte)'n')
            {
                ExpectWord("null");
                return JsonNode.NewNull();
            }

            throw new JsonException("unexpected " + Describe(_pos) + ", expected a value", _pos);
        }

        private void ExpectWord(string word)
        {
            int start = _pos;
            for (int i = 0; i < word.Length; i++)
            {
                if (_pos >= _end || _b[_pos] != (byte)word[i])
                {
                    throw new JsonException("invalid literal, expected '" + word + "'", start);
                }

                _pos++;
            }
        }

        private JsonNode ReadObject(int depth)
        {
            if (depth > _maxDepth)
            {
                throw new JsonException("nesting deeper than " + _maxDepth.ToString(), _pos);
            }

            _pos++; // '{'
            JsonNode obj = JsonNode.NewObject();
            SkipWhitespace();
            if (_pos < _end && _b[_pos] == (byte)'}')
            {
                _pos++;
                return obj;
            }

            while (true)
            {
                SkipWhitespace();
                if (_pos >= _end || _b[_pos] != (byte)'"')
                {
                    throw new JsonException("unexpected " + Describe(_pos) + ", expected a member name in double quotes", _pos);
                }

                int nameAt = _pos;
                string name = ReadString();
                SkipWhitespace();
                if (_pos >= _end || _b[_pos] != (byte)':')
                {
                    throw new JsonException("unexpected " + Describe(_pos) + ", expected ':' after member name", _pos);
                }

                _pos++;
                SkipWhitespace();
                JsonNode value = ReadValue(depth);
                if (obj.Count >= MaxMembers)
                {
                    throw new JsonException("object with more than " + MaxMembers.ToString() + " members", nameAt);
                }

                if (!obj.AddMember(name, value))
                {
                    throw new JsonException("duplicate member \"" + name + "\"", nameAt);
                }

                SkipWhitespace();
                if (_pos < _end && _b[_pos] == (byte)',')
                {
                    _pos++;
                    continue;
                }

                if (_pos < _end && _b[_pos] == (byte)'}')
                {
                    _pos++;
                    return obj;
                }

                throw new JsonException("unexpected " + Describe(_pos) + ", expected ',' or '}'", _pos);
            }
        }

        private JsonNode ReadArray(int depth)
        {
            if (depth > _maxDepth)
            {
                throw new JsonException("nesting deeper than " + _maxDepth.ToString(), _pos);
            }

            _pos++; // '['
            JsonNode arr = JsonNode.NewArray();
            SkipWhitespace();
            if (_pos < _end && _b[_pos] == (byte)']')
            {
                _pos++;
                return arr;
            }

            while (true)
            {
                SkipWhitespace();
                arr.AddItem(ReadValue(depth));
                SkipWhitespace();
                if (_pos < _end && _b[_pos] == (byte)',')
                {
                    _pos++;
                    continue;
                }

                if (_pos < _end && _b[_pos] == (byte)']')
                {
                    _pos++;
                    return arr;
                }

                throw new JsonException("unexpected " + Describe(_pos) + ", expected ',' or ']'", _pos);
            }
        }

        private string ReadString()
        {
            int start = _pos;
            _pos++; // opening quote
            _sb.Clear();
            while (true)
            {
                if (_pos >= _end)
                {
                    throw new JsonException("unterminated string", start);
                }

                byte c = _b[_pos];
                if (c == (byte)'"')
                {
                    _pos++;
                    return _sb.ToString();
                }

                if (c == (byte)'\\')
                {
                    ReadEscape();
                    continue;
                }

                if (c < 0x20)
                {
                    throw new JsonException("control character 0x" + Hex2(c) + " in a string (must be escaped)", _pos);
                }

                if (c < 0x80)
                {
                    _sb.Append((char)c);
                    _pos++;
                    continue;
                }

                ReadUtf8Sequence();
            }
        }

        private void ReadEscape()
        {
            int at = _pos;
            _pos++; // backslash
            if (_pos >= _end)
            {
                throw new JsonException("unterminated escape", at);
            }

            byte e = _b[_pos];
            _pos++;
            switch (e)
            {
                case (byte)'"': _sb.Append('"'); return;
                case (byte)'\\': _sb.Append('\\'); return;
                case (byte)'/': _sb.Append('/'); return;
                case (byte)'b': _sb.Append('\b'); return;
                case (byte)'f': _sb.Append('\f'); return;
                case (byte)'n': _sb.Append('\n'); return;
                case (byte)'r': _sb.Append('\r'); return;
                case (byte)'t': _sb.Append('\t'); return;
                case (byte)'u':
                    break;
                default:
                    throw new JsonException("invalid escape \\" + Describe(_pos - 1), at);
            }

            int unit = ReadHex4(at);
            if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
                throw new JsonException("lone low surrogate \\u" + Hex2(unit >> 8) + Hex2(unit & 0xFF), at);
            }

            if (unit >= 0xD800 && unit <= 0xDBFF)
            {
                if (_pos + 1 >= _end || _b[_pos] != (byte)'\\' || _b[_pos + 1] != (byte)'u')
                {
                    throw new JsonException("high surrogate not followed by a \\u low surrogate", at);
                }

                int lowAt = _pos;
                _pos += 2;
                int low = ReadHex4(lowAt);
                if (low < 0xDC00 || low > 0xDFFF)
                {
                    throw new JsonException("high surrogate not followed by a low surrogate", lowAt);
                }

                _sb.Append((char)unit);
                _sb.Append((char)low);
                return;
            }

            _sb.Append((char)unit);
        }

        private int ReadHex4(int escapeAt)
        {
            if (_pos + 4 > _end)
            {
                throw new JsonException("\\u escape needs four hex digits", escapeAt);
            }

            int v = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = _b[_pos + i];
                int d;
                if (c >= '0' && c <= '9')
                {
                    d = c - '0';
                }
                else if (c >= 'a' && c <= 'f')
                {
                    d = c - 'a' + 10;
                }
                else if (c >= 'A' && c <= 'F')
                {
                    d = c - 'A' + 10;
                }
                else
                {
                    throw new JsonException("\\u escape needs four hex digits", escapeAt);
                }

                v = (v << 4) | d;
            }

            _pos += 4;
            return v;
        }

        private void ReadUtf8Sequence()
        {
            int at = _pos;
            int b0 = _b[_pos];
            int count;
            int min2 = 0x80;
            int max2 = 0xBF;
            int cp;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                count = 1;
                cp = b0 & 0x1F;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                count = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0)
                {
                    min2 = 0xA0; // no overlong forms
                }
                else if (b0 == 0xED)
                {
                    max2 = 0x9F; // no encoded surrogates
                }
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                count = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0)
                {
                    min2 = 0x90;
                }
                else if (b0 == 0xF4)
                {
                    max2 = 0x8F; // nothing above U+10FFFF
                }
            }
            else
            {
                throw new JsonException("invalid UTF-8 (byte 0x" + Hex2(b0) + ")", at);
            }

            if (_pos + count >= _end)
            {
                throw new JsonException("truncated UTF-8 sequence", at);
            }

            for (int i = 1; i <= count; i++)
            {
                int b = _b[_pos + i];
                int lo = i == 1 ? min2 : 0x80;
                int hi = i == 1 ? max2 : 0xBF;
                if (b < lo || b > hi)
                {
                    throw new JsonException("invalid UTF-8 sequence", at);
                }

                cp = (cp << 6) | (b & 0x3F);
            }

            _pos += count + 1;
            if (cp >= 0x10000)
            {
                cp -= 0x10000;
                _sb.Append((char)(0xD800 + (cp >> 10)));
                _sb.Append((char)(0xDC00 + (cp & 0x3FF)));
            }
            else
            {
                _sb.Append((char)cp);
            }
        }

        private JsonNode ReadNumber()
        {
            int start = _pos;
            bool negative = false;
            if (_b[_pos] == (byte)'-')
            {
                negative = true;
                _pos++;
            }

            if (_pos >= _end || _b[_pos] < (byte)'0' || _b[_pos] > (byte)'9')
            {
                throw new JsonException("invalid number: a digit must follow '-'", start);
            }

            int intStart = _pos;
            if (_b[_pos] == (byte)'0')
            {
                _pos++;
                if (_pos < _end && _b[_pos] >= (byte)'0' && _b[_pos] <= (byte)'9')
                {
                    throw new JsonException("invalid number: leading zero", start);
                }
            }
            else
            {
                while (_pos < _end && _b[_pos] >= (byte)'0' && _b[_pos] <= (byte)'9')
                {
                    _pos++;
                }
            }

            int intDigits = _pos - intStart;
            bool whole = true;
            if (_pos < _end && _b[_pos] == (byte)'.')
            {
                whole = false;
                _pos++;
                int fracStart = _pos;
                while (_pos < _end && _b[_pos] >= (byte)'0' && _b[_pos] <= (byte)'9')
                {
                    _pos++;
                }

                if (_pos == fracStart)
                {
                    throw new JsonException("invalid number: a digit must follow '.'", start);
                }
            }

            if (_pos < _end && (_b[_pos] == (byte)'e' || _b[_pos] == (byte)'E'))
            {
                whole = false;
                _pos++;
                if (_pos < _end && (_b[_pos] == (byte)'+' || _b[_pos] == (byte)'-'))
                {
                    _pos++;
                }

                int expStart = _pos;
                while (_pos < _end && _b[_pos] >= (byte)'0' && _b[_pos] <= (byte)'9')
                {
                    _pos++;
                }

                if (_pos == expStart)
                {
                    throw new JsonException("invalid number: a digit must follow the exponent", start);
                }
            }

            if (whole && intDigits <= 19)
            {
                // Whole numbers that fit a long are kept exactly.
                ulong v = 0;
                for (int i = intStart; i < intStart + intDigits; i++)
                {
                    v = v * 10 + (ulong)(_b[i] - (byte)'0');
                }

                if (v <= (ulong)long.MaxValue)
                {
                    return JsonNode.NewInteger(negative ? -(long)v : (long)v);
                }

                if (negative && v == (ulong)long.MaxValue + 1)
                {
                    return JsonNode.NewInteger(long.MinValue);
                }
            }

            char[] chars = new char[_pos - start];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)_b[start + i];
            }

            double d;
            if (!double.TryParse(new string(chars), out d) || double.IsInfinity(d) || double.IsNaN(d))
            {
                throw new JsonException("number out of range", start);
            }

            return JsonNode.NewNumber(d);
        }
    }
}
