using System;
using System.Text;

namespace RoboClub.Board.Link
{
    /// <summary>
    /// A tiny JSON writer. Commas are placed automatically; strings are escaped (quote, backslash,
    /// control characters; lone surrogates become U+FFFD so the output is always valid UTF-8); other
    /// characters are written as they are (UTF-8 by <see cref="ToUtf8"/>). A double that is NaN or
    /// infinite is written as null; a whole double within ±1e15 is written without a fraction.
    /// Misuse (a value where a name is expected, unbalanced End*) throws InvalidOperationException.
    /// </summary>
    public sealed class JsonWriter
    {
        public const int MaxDepth = 16;

        private readonly StringBuilder _sb;
        private readonly bool[] _isObject = new bool[MaxDepth];
        private readonly bool[] _hasItems = new bool[MaxDepth];
        private int _depth;
        private bool _afterName;
        private bool _done;

        public JsonWriter()
            : this(128)
        {
        }

        public JsonWriter(int capacity)
        {
            _sb = new StringBuilder(capacity);
        }

        /// <summary>Characters written so far.</summary>
        public int Length
        {
            get { return _sb.Length; }
        }

        public void Reset()
        {
            _sb.Clear();
            _depth = 0;
            _afterName = false;
            _done = false;
        }

        public JsonWriter BeginObject()
        {
            BeforeValue();
            Push(true);
            _sb.Append('{');
            return this;
        }

        public JsonWriter EndObject()
        {
            Pop(true);
            _sb.Append('}');
            return this;
        }

        public JsonWriter BeginArray()
        {
            BeforeValue();
            Push(false);
            _sb.Append('[');
            return this;
        }

        public JsonWriter EndArray()
        {
            Pop(false);
            _sb.Append(']');
            return this;
        }

        public JsonWriter Name(string name)
        {
            if (_depth == 0 || !_isObject[_depth - 1] || _afterName)
            {
                throw new InvalidOperationException("JsonWriter: a member name is only allowed directly inside an object");
            }

            if (_hasItems[_depth - 1])
            {
                _sb.Append(',');
            }

            _hasItems[_depth - 1] = true;
            AppendString(_sb, name);
            _sb.Append(':');
            _afterName = true;
            return this;
        }

        public JsonWriter String(string value)
        {
            BeforeValue();
            if (value == null)
            {
                _sb.Append("null");
            }
            else
            {
                AppendString(_sb, value);
            }

            return this;
        }

        public JsonWriter Number(long value)
        {
            BeforeValue();
            _sb.Append(value.ToString());
            return this;
        }

        public JsonWriter Number(double value)
        {
            BeforeValue();
            AppendNumber(_sb, value);
            return this;
        }

        public JsonWriter Bool(bool value)
        {
            BeforeValue();
            _sb.Append(value ? "true" : "false");
            return this;
        }

        public JsonWriter Null()
        {
            BeforeValue();
            _sb.Append("null");
            return this;
        }

        public JsonWriter Property(string name, string value)
        {
            return Name(name).String(value);
        }

        public JsonWriter Property(string name, long value)
        {
            return Name(name).Number(value);
        }

        public JsonWriter Property(string name, double value)
        {
            return Name(name).Number(value);
        }

        public JsonWriter Property(string name, bool value)
        {
            return Name(name).Bool(value);
        }

        public override string ToString()
        {
            return _sb.ToString();
        }

        /// <summary>The document as UTF-8 bytes; the document must be complete.</summary>
        public byte[] ToUtf8()
        {
            if (_depth != 0 || !_done)
            {
                throw new InvalidOperationException("JsonWriter: the document is not complete");
            }

            return Encoding.UTF8.GetBytes(_sb.ToString());
        }

        private void BeforeValue()
        {
            if (_depth == 0)
            {
                if (_done)
                {
                    throw new InvalidOperationException("JsonWriter: only one top-level value is allowed");
                }

                _done = true;
                return;
            }

            if (_isObject[_depth - 1])
            {
                if (!_afterName)
                {
                    throw new InvalidOperationException("JsonWriter: a value inside an object needs a Name first");
                }

                _afterName = false;
                return;
            }

            if (_hasItems[_depth - 1])
            {
                _sb.Append(',');
            }

            _hasItems[_depth - 1] = true;
        }

        private void Push(bool isObject)
        {
            if (_depth >= MaxDepth)
            {
                throw new InvalidOperationException("JsonWriter: nesting deeper than " + MaxDepth.ToString());
            }

            _isObject[_depth] = isObject;
            _hasItems[_depth] = false;
            _depth++;
        }

        private void Pop(bool isObject)
        {
            if (_depth == 0 || _isObject[_depth - 1] != isObject || _afterName)
            {
                throw new InvalidOperationException("JsonWriter: unbalanced End" + (isObject ? "Object" : "Array"));
            }

            _depth--;
        }

        internal static void AppendNumber(StringBuilder sb, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                sb.Append("null");
                return;
            }

            if (value > -1e15 && value < 1e15 && value == (double)(long)value)
            {
                sb.Append(((long)value).ToString());
                return;
            }

            string s = value.ToString();
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                // A culture with a decimal comma must not break the document.
                sb.Append(c == ',' ? '.' : c);
            }
        }

        internal static void AppendString(StringBuilder sb, string s)
        {
            sb.Append('"');
            int n = s.Length;
            for (int i = 0; i < n; i++)
            {
                char c = s[i];
                if (c == '"')
                {
                    sb.Append("\\\"");
                }
                else if (c == '\\')
                {
                    sb.Append("\\\\");
                }
                else if (c < ' ')
                {
                    if (c == '\n')
                    {
                        sb.Append("\\n");
                    }
                    else if (c == '\r')
                    {
                        sb.Append("\\r");
                    }
                    else if (c == '\t')
                    {
                        sb.Append("\\t");
                    }
                    else if (c == '\b')
                    {
                        sb.Append("\\b");
                    }
                    else if (c == '\f')
                    {
                        sb.Append("\\f");
                    }
                    else
                    {
                        const string hex = "0123456789abcdef";
                        sb.Append("\\u00");
                        sb.Append(hex[(c >> 4) & 0xF]);
                        sb.Append(hex[c & 0xF]);
                    }
                }
                else if (c >= '\uD800' && c <= '\uDBFF')
                {
                    if (i + 1 < n && s[i + 1] >= '\uDC00' && s[i + 1] <= '\uDFFF')
                    {
                        sb.Append(c);
                        sb.Append(s[i + 1]);
                        i++;
                    }
                    else
                    {
                        sb.Append('\uFFFD');
                    }
                }
                else if (c >= '\uDC00' && c <= '\uDFFF')
                {
                    sb.Append('\uFFFD');
                }
                else
                {
                    sb.Append(c);
                }
            }

            sb.Append('"');
        }
    }
}
