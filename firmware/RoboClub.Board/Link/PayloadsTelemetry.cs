namespace RoboClub.Board.Link
{
    /// <summary>
    /// <c>roboclub/{club}/{board}/telemetry</c>, QoS 1, not retained: a batch of samples, oldest first.
    /// <c>{"samples":[{"t":5000,"s":"temperature","v":21.5},{"t":5000,"s":"humidity","v":48}],"dropped":0,"now":5012}</c>
    /// "t" is board time (ms since boot) when the sample was taken, "dropped" the samples lost (store full)
    /// since the previous batch, "now" the board time when the batch was sent, so the hub can turn board
    /// times into wall-clock times even for samples kept through an outage (wall = received - (now - t)).
    /// </summary>
    public sealed class TelemetryPayload
    {
        public const int MaxBytes = 65536;
        public const int MaxSamples = 1000;

        private static readonly string[] Fields = new string[] { "samples", "dropped", "now" };
        private static readonly string[] SampleFields = new string[] { "t", "s", "v" };

        private TelemetryPayload(int count)
        {
            Times = new long[count];
            Series = new string[count];
            Values = new double[count];
        }

        public long[] Times { get; private set; }

        public string[] Series { get; private set; }

        public double[] Values { get; private set; }

        public long Dropped { get; private set; }

        public long NowMs { get; private set; }

        public int Count
        {
            get { return Times.Length; }
        }

        /// <summary>Encodes a batch taken from a <see cref="TelemetryBuffer"/>.</summary>
        public static byte[] Encode(TelemetryBatch batch, long nowMs)
        {
            JsonWriter w = new JsonWriter(32 + batch.Count * 40);
            w.BeginObject().Name("samples").BeginArray();
            for (int i = 0; i < batch.Count; i++)
            {
                w.BeginObject()
                    .Property("t", batch.Time(i))
                    .Property("s", batch.Series(i))
                    .Property("v", batch.Value(i))
                    .EndObject();
            }

            w.EndArray().Property("dropped", batch.Dropped).Property("now", nowMs).EndObject();
            return w.ToUtf8();
        }

        public static TelemetryPayload Decode(byte[] payload)
        {
            const string what = "telemetry";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);
            PayloadFields.AllowOnly(o, what, Fields, 0);
            JsonNode samples = PayloadFields.GetArray(o, "samples", what, true, 0);
            if (samples.Count > MaxSamples)
            {
                throw new PayloadException(what + ": more than " + MaxSamples.ToString() + " samples");
            }

            TelemetryPayload p = new TelemetryPayload(samples.Count);
            for (int i = 0; i < samples.Count; i++)
            {
                JsonNode s = samples[i];
                string where = what + " sample " + i.ToString();
                if (s.Kind != JsonKind.Object)
                {
                    throw new PayloadException(where + ": expected an object");
                }

                PayloadFields.AllowOnly(s, where, SampleFields, 0);
                p.Times[i] = PayloadFields.GetInteger(s, "t", where, true, 0, long.MaxValue, 0, 0);
                p.Series[i] = PayloadFields.GetString(s, "s", where, true, TelemetryBuffer.MaxSeriesNameLength, 0);
                if (!TelemetryBuffer.IsValidSeriesName(p.Series[i]))
                {
                    throw new PayloadException(where + ": invalid series name");
                }

                p.Values[i] = PayloadFields.GetNumber(s, "v", where, true, 0);
            }

            p.Dropped = PayloadFields.GetInteger(o, "dropped", what, true, 0, long.MaxValue, 0, 0);
            p.NowMs = PayloadFields.GetInteger(o, "now", what, false, 0, long.MaxValue, -1, 0);
            return p;
        }
    }
}
