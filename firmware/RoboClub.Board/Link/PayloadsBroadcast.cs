namespace RoboClub.Board.Link
{
    /// <summary>
    /// Scratch-style broadcasts between boards, relayed by the hub (a board may publish only under its
    /// own subtree). The board sends <c>{"name":"go"}</c> to <c>roboclub/{club}/{board}/broadcast</c>
    /// (QoS 1); the hub republishes it to <c>roboclub/{club}/messages/go</c> (QoS 1, not retained) as
    /// <c>{"from":"robot-1"}</c>. A board delivers its own broadcasts locally at once and ignores the
    /// relayed copy whose "from" is itself. The message name follows the topic name rules (1..32 of a-z, 0-9, '-').
    /// </summary>
    public sealed class BroadcastPayload
    {
        public const int MaxBytes = 256;

        private static readonly string[] SendFields = new string[] { "name" };
        private static readonly string[] RelayFields = new string[] { "from" };

        private BroadcastPayload(string name, string from)
        {
            Name = name;
            From = from;
        }

        /// <summary>The message name (a board's outgoing broadcast).</summary>
        public string Name { get; private set; }

        /// <summary>The sending board (a relayed message), null when the hub did not say.</summary>
        public string From { get; private set; }

        /// <summary>What a board publishes on its broadcast topic.</summary>
        public static byte[] EncodeSend(string name)
        {
            string error = Topics.CheckName(name, "message");
            if (error != null)
            {
                throw new System.ArgumentException(error);
            }

            JsonWriter w = new JsonWriter(48);
            w.BeginObject().Property("name", name).EndObject();
            return w.ToUtf8();
        }

        public static BroadcastPayload DecodeSend(byte[] payload)
        {
            const string what = "broadcast";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);
            PayloadFields.AllowOnly(o, what, SendFields, 0);
            string name = PayloadFields.GetString(o, "name", what, true, Topics.MaxNameLength, 0);
            string error = Topics.CheckName(name, "message");
            if (error != null)
            {
                throw new PayloadException(what + ": " + error);
            }

            return new BroadcastPayload(name, null);
        }

        /// <summary>What the hub publishes on <c>roboclub/{club}/messages/{name}</c>.</summary>
        public static byte[] EncodeRelay(string fromBoard)
        {
            JsonWriter w = new JsonWriter(48);
            w.BeginObject().Property("from", fromBoard).EndObject();
            return w.ToUtf8();
        }

        /// <summary>Decodes a relayed message; an empty payload is allowed (sender unknown).</summary>
        public static BroadcastPayload DecodeRelay(string name, byte[] payload)
        {
            if (payload == null || payload.Length == 0)
            {
                return new BroadcastPayload(name, null);
            }

            const string what = "message";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);
            PayloadFields.AllowOnly(o, what, RelayFields, 0);
            string from = PayloadFields.GetString(o, "from", what, false, Topics.MaxNameLength, 0);
            return new BroadcastPayload(name, from);
        }
    }
}
