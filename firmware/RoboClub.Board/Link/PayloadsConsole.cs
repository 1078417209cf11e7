namespace RoboClub.Board.Link
{
    /// <summary>
    /// <c>roboclub/{club}/{board}/console</c>, QoS 1, not retained: one line a script printed.
    /// <c>{"t":1234,"text":"Salut! ș ț ă î â"}</c>, and <c>"dropped":N</c> when lines before it were lost
    /// (link down, or more than the allowed lines per second). Text is cut to <see cref="MaxTextLength"/>
    /// characters (ending in "…").
    /// </summary>
    public sealed class ConsolePayload
    {
        public const int MaxTextLength = 256;
        public const int MaxBytes = 2048;

        private static readonly string[] Fields = new string[] { "t", "text", "dropped" };

        public ConsolePayload(long timeMs, string text, long dropped)
        {
            TimeMs = timeMs;
            Text = PayloadFields.Truncate(text, MaxTextLength);
            Dropped = dropped;
        }

        public long TimeMs { get; private set; }

        public string Text { get; private set; }

        /// <summary>Lines lost before this one (0 when none).</summary>
        public long Dropped { get; private set; }

        public byte[] Encode()
        {
            JsonWriter w = new JsonWriter(32 + Text.Length);
            w.BeginObject().Property("t", TimeMs).Property("text", Text);
            if (Dropped > 0)
            {
                w.Property("dropped", Dropped);
            }

            w.EndObject();
            return w.ToUtf8();
        }

        public static ConsolePayload Decode(byte[] payload)
        {
            const string what = "console";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);
            PayloadFields.AllowOnly(o, what, Fields, 0);
            long t = PayloadFields.GetInteger(o, "t", what, true, 0, long.MaxValue, 0, 0);
            string text = PayloadFields.GetString(o, "text", what, true, MaxTextLength, 0);
            long dropped = PayloadFields.GetInteger(o, "dropped", what, false, 0, long.MaxValue, 0, 0);
            return new ConsolePayload(t, text, dropped);
        }
    }
}
