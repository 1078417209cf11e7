using System.Collections;

namespace RoboClub.Board.Link
{
    public enum JsonKind
    {
        Null = 0,
        Bool = 1,
        Number = 2,
        String = 3,
        Array = 4,
        Object = 5,
    }

    /// <summary>
    /// One parsed JSON value (what <see cref="JsonReader"/> returns). Numbers keep a double and,
    /// when written without fraction or exponent and within the range of a long, the exact whole number
    /// (<see cref="IsInteger"/>, <see cref="Integer"/>). Object members keep their order.
    /// </summary>
    public sealed class JsonNode
    {
        private readonly ArrayList _items;
        private readonly ArrayList _names;

        private JsonNode(JsonKind kind)
        {
            Kind = kind;
            if (kind == JsonKind.Array || kind == JsonKind.Object)
            {
                _items = new ArrayList();
            }

            if (kind == JsonKind.Object)
            {
                _names = new ArrayList();
            }
        }

        public JsonKind Kind { get; private set; }

        public bool Bool { get; private set; }

        public double Number { get; private set; }

        /// <summary>True for a number written as a whole number (no '.', no exponent) that fits a long.</summary>
        public bool IsInteger { get; private set; }

        public long Integer { get; private set; }

        /// <summary>The text of a string value (null for other kinds).</summary>
        public string Text { get; private set; }

        /// <summary>Items of an array, members of an object, 0 otherwise.</summary>
        public int Count
        {
            get { return _items == null ? 0 : _items.Count; }
        }

        /// <summary>An array item or an object member's value, by position.</summary>
        public JsonNode this[int index]
        {
            get { return (JsonNode)_items[index]; }
        }

        /// <summary>The name of an object member, by position.</summary>
        public string NameAt(int index)
        {
            return (string)_names[index];
        }

        /// <summary>The value of an object member, or null when absent (or when this is not an object).</summary>
        public JsonNode Get(string name)
        {
            if (_names == null)
            {
                return null;
            }

            for (int i = 0; i < _names.Count; i++)
            {
                if ((string)_names[i] == name)
                {
                    return (JsonNode)_items[i];
                }
            }

            return null;
        }

        internal static JsonNode NewNull()
        {
            return new JsonNode(JsonKind.Null);
        }

        internal static JsonNode NewBool(bool value)
        {
            JsonNode n = new JsonNode(JsonKind.Bool);
            n.Bool = value;
            return n;
        }

        internal static JsonNode NewInteger(long value)
        {
            JsonNode n = new JsonNode(JsonKind.Number);
            n.IsInteger = true;
            n.Integer = value;
            n.Number = value;
            return n;
        }

        internal static JsonNode NewNumber(double value)
        {
            JsonNode n = new JsonNode(JsonKind.Number);
            n.Number = value;
            return n;
        }

        internal static JsonNode NewString(string value)
        {
            JsonNode n = new JsonNode(JsonKind.String);
            n.Text = value;
            return n;
        }

        internal static JsonNode NewArray()
        {
            return new JsonNode(JsonKind.Array);
        }

        internal static JsonNode NewObject()
        {
            return new JsonNode(JsonKind.Object);
        }

        internal void AddItem(JsonNode item)
        {
            _items.Add(item);
        }

        /// <summary>Adds a member; false when the name is already present.</summary>
        internal bool AddMember(string name, JsonNode value)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if ((string)_names[i] == name)
                {
                    return false;
                }
            }

            _names.Add(name);
            _items.Add(value);
            return true;
        }
    }
}
