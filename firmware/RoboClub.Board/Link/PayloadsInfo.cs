namespace RoboClub.Board.Link
{
    public enum BoardKind
    {
        Robot = 0,
        Weather = 1,
    }

    /// <summary>
    /// <c>roboclub/{club}/{board}/info</c>, retained, QoS 1, published on every connect:
    /// <c>{"protocol":1,"firmware":"0.1.0","format":1,"kind":"robot","profile":"roboclub-bot-v1",
    /// "primitives":["motor.set","led.set"],"freeMemory":81920}</c>. "freeMemory" is left out when
    /// unknown (-1).
    /// </summary>
    public sealed class InfoPayload
    {
        /// <summary>The version of this protocol (docs/protocol.md); the hub reads it before sending newer fields.</summary>
        public const int ProtocolVersion = 1;
        public const int MaxBytes = 8192;
        public const int MaxPrimitives = 256;
        public const int MaxTextLength = 64;

        private static readonly string[] KindNames = new string[] { "robot", "weather" };
        private static readonly string[] Fields = new string[] { "protocol", "firmware", "format", "kind", "profile", "primitives", "freeMemory" };

        public InfoPayload(string firmware, int formatVersion, BoardKind kind, string profile, string[] primitives, long freeMemory)
        {
            Protocol = ProtocolVersion;
            Firmware = firmware == null ? string.Empty : firmware;
            FormatVersion = formatVersion;
            Kind = kind;
            Profile = profile == null ? string.Empty : profile;
            Primitives = primitives == null ? new string[0] : primitives;
            FreeMemory = freeMemory;
        }

        public int Protocol { get; private set; }

        public string Firmware { get; private set; }

        /// <summary>The program image format version this firmware runs.</summary>
        public int FormatVersion { get; private set; }

        public BoardKind Kind { get; private set; }

        public string Profile { get; private set; }

        public string[] Primitives { get; private set; }

        /// <summary>Bytes of free memory, -1 when unknown. The firmware may update it before each connect.</summary>
        public long FreeMemory { get; set; }

        public static string KindName(BoardKind kind)
        {
            return KindNames[(int)kind];
        }

        public byte[] Encode()
        {
            JsonWriter w = new JsonWriter(256);
            w.BeginObject()
                .Property("protocol", (long)Protocol)
                .Property("firmware", Firmware)
                .Property("format", (long)FormatVersion)
                .Property("kind", KindName(Kind))
                .Property("profile", Profile);
            w.Name("primitives").BeginArray();
            for (int i = 0; i < Primitives.Length; i++)
            {
                w.String(Primitives[i]);
            }

            w.EndArray();
            if (FreeMemory >= 0)
            {
                w.Property("freeMemory", FreeMemory);
            }

            w.EndObject();
            return w.ToUtf8();
        }

        public static InfoPayload Decode(byte[] payload)
        {
            const string what = "info";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);
            PayloadFields.AllowOnly(o, what, Fields, 0);
            long protocol = PayloadFields.GetInteger(o, "protocol", what, true, 1, int.MaxValue, 0, 0);
            string firmware = PayloadFields.GetString(o, "firmware", what, true, MaxTextLength, 0);
            long format = PayloadFields.GetInteger(o, "format", what, true, 0, int.MaxValue, 0, 0);
            string kindName = PayloadFields.GetString(o, "kind", what, true, 16, 0);
            int kind = -1;
            for (int i = 0; i < KindNames.Length; i++)
            {
                if (KindNames[i] == kindName)
                {
                    kind = i;
                }
            }

            if (kind < 0)
            {
                throw new PayloadException(what + ": unknown kind \"" + Topics.Shorten(kindName) + "\" (robot or weather)");
            }

            string profile = PayloadFields.GetString(o, "profile", what, true, MaxTextLength, 0);
            JsonNode list = PayloadFields.GetArray(o, "primitives", what, true, 0);
            if (list.Count > MaxPrimitives)
            {
                throw new PayloadException(what + ": more than " + MaxPrimitives.ToString() + " primitives");
            }

            string[] primitives = new string[list.Count];
            for (int i = 0; i < primitives.Length; i++)
            {
                if (list[i].Kind != JsonKind.String)
                {
                    throw new PayloadException(what + ": primitive names must be strings");
                }

                primitives[i] = list[i].Text;
            }

            long free = PayloadFields.GetInteger(o, "freeMemory", what, false, 0, long.MaxValue, -1, 0);
            InfoPayload info = new InfoPayload(firmware, (int)format, (BoardKind)kind, profile, primitives, free);
            info.Protocol = (int)protocol;
            return info;
        }
    }
}
