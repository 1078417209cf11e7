namespace RoboClub.Board.Link
{
    /// <summary>
    /// <c>roboclub/{club}/{board}/watch</c>, QoS 0, not retained: the values of the program's global
    /// variables, in global-index order, sent every "period" ms while the editor watches.
    /// <c>{"t":81500,"values":[3,true,"hello",21.5]}</c>. At most <see cref="MaxValues"/> values.
    /// </summary>
    public sealed class WatchPayload
    {
        public const int MaxValues = 64;
        public const int MaxBytes = 8192;

        private static readonly string[] Fields = new string[] { "t", "values" };

        public WatchPayload(long timeMs, LinkValue[] values)
        {
            TimeMs = timeMs;
            Values = values == null ? new LinkValue[0] : values;
        }

        public long TimeMs { get; private set; }

        public LinkValue[] Values { get; private set; }

        /// <summary>Encodes the first <paramref name="count"/> values (at most <see cref="MaxValues"/>).</summary>
        public static byte[] Encode(long timeMs, LinkValue[] values, int count)
        {
            if (values == null)
            {
                count = 0;
            }
            else if (count > values.Length)
            {
                count = values.Length;
            }

            if (count > MaxValues)
            {
                count = MaxValues;
            }

            JsonWriter w = new JsonWriter(24 + count * 8);
            w.BeginObject().Property("t", timeMs).Name("values").BeginArray();
            for (int i = 0; i < count; i++)
            {
                if (values[i] == null)
                {
                    w.Null();
                }
                else
                {
                    values[i].Write(w);
                }
            }

            w.EndArray().EndObject();
            return w.ToUtf8();
        }

        public byte[] Encode()
        {
            return Encode(TimeMs, Values, Values.Length);
        }

        public static WatchPayload Decode(byte[] payload)
        {
            const string what = "watch";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);
            PayloadFields.AllowOnly(o, what, Fields, 0);
            long t = PayloadFields.GetInteger(o, "t", what, true, 0, long.MaxValue, 0, 0);
            JsonNode list = PayloadFields.GetArray(o, "values", what, true, 0);
            if (list.Count > MaxValues)
            {
                throw new PayloadException(what + ": more than " + MaxValues.ToString() + " values");
            }

            LinkValue[] values = new LinkValue[list.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = list[i].Kind == JsonKind.Null ? null : LinkValue.FromJson(list[i], what, 0);
            }

            return new WatchPayload(t, values);
        }
    }
}
