namespace RoboClub.Board.Link
{
    /// <summary>
    /// <c>roboclub/{club}/{board}/ack</c>, QoS 1, not retained: the board's answer to a command.
    /// <c>{"seq":4,"ok":true}</c> or <c>{"seq":4,"ok":false,"error":"no program loaded"}</c>.
    /// seq 0 reports a refused message that had no readable seq (a config, or a cmd without seq).
    /// </summary>
    public sealed class AckPayload
    {
        public const int MaxBytes = 512;
        public const int MaxErrorLength = 200;

        private static readonly string[] Fields = new string[] { "seq", "ok", "error" };

        public AckPayload(int seq, bool ok, string error)
        {
            Seq = seq;
            Ok = ok;
            Error = ok ? null : PayloadFields.Truncate(error == null ? "refused" : error, MaxErrorLength);
        }

        public int Seq { get; private set; }

        public bool Ok { get; private set; }

        /// <summary>Why the command was refused (null when Ok).</summary>
        public string Error { get; private set; }

        public byte[] Encode()
        {
            JsonWriter w = new JsonWriter(48);
            w.BeginObject().Property("seq", (long)Seq).Property("ok", Ok);
            if (!Ok)
            {
                w.Property("error", Error);
            }

            w.EndObject();
            return w.ToUtf8();
        }

        public static AckPayload Decode(byte[] payload)
        {
            const string what = "ack";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);
            PayloadFields.AllowOnly(o, what, Fields, 0);
            int seq = (int)PayloadFields.GetInteger(o, "seq", what, true, 0, int.MaxValue, 0, 0);
            bool ok = PayloadFields.GetBool(o, "ok", what, true, false, 0);
            string error = PayloadFields.GetString(o, "error", what, !ok, MaxErrorLength, 0);
            return new AckPayload(seq, ok, error);
        }
    }
}
