namespace RoboClub.Board.Link
{
    public enum BoardState
    {
        Online = 0,
        Offline = 1,
        Running = 2,
        Stopped = 3,
        Error = 4,
    }

    /// <summary>
    /// <c>roboclub/{club}/{board}/status</c>, retained, QoS 1:
    /// <c>{"state":"running","program":"9f3a61c2","uptime":123456,"rssi":-67}</c>. The last will is
    /// <c>{"state":"offline"}</c> (no other fields). "program" is the program hash
    /// (<see cref="ProgramPayload.Hash"/>) or "" when the board has none. "rssi" (optional) is the
    /// Wi-Fi signal in dBm, sent by boards that know it (the ESP32), left out by virtual boards.
    /// </summary>
    public sealed class StatusPayload
    {
        public const int MaxBytes = 512;
        public const int MaxProgramLength = 64;

        private static readonly string[] StateNames = new string[] { "online", "offline", "running", "stopped", "error" };
        /// <summary><see cref="SignalDbm"/> when the board does not know its signal (no nullable int on nanoFramework).</summary>
        public const int NoSignal = int.MinValue;

        /// <summary>Weakest and strongest signal a status may carry (dBm).</summary>
        public const int MinSignalDbm = -127;
        public const int MaxSignalDbm = 0;

        private static readonly string[] Fields = new string[] { "state", "program", "uptime", "rssi" };

        public StatusPayload(BoardState state, string program, long uptimeMs)
            : this(state, program, uptimeMs, NoSignal)
        {
        }

        public StatusPayload(BoardState state, string program, long uptimeMs, int signalDbm)
        {
            State = state;
            Program = program;
            UptimeMs = uptimeMs;
            SignalDbm = signalDbm;
        }

        public BoardState State { get; private set; }

        /// <summary>Null when absent (the will).</summary>
        public string Program { get; private set; }

        /// <summary>-1 when absent (the will).</summary>
        public long UptimeMs { get; private set; }

        /// <summary>Wi-Fi signal strength in dBm (e.g. -67), or <see cref="NoSignal"/> when absent.</summary>
        public int SignalDbm { get; private set; }

        public static string StateName(BoardState state)
        {
            return StateNames[(int)state];
        }

        /// <summary>The last-will payload: <c>{"state":"offline"}</c>.</summary>
        public static byte[] Will()
        {
            JsonWriter w = new JsonWriter(24);
            w.BeginObject().Property("state", StateName(BoardState.Offline)).EndObject();
            return w.ToUtf8();
        }

        public byte[] Encode()
        {
            JsonWriter w = new JsonWriter(80);
            w.BeginObject().Property("state", StateName(State));
            if (Program != null)
            {
                w.Property("program", Program);
            }

            if (UptimeMs >= 0)
            {
                w.Property("uptime", UptimeMs);
            }

            if (SignalDbm != NoSignal)
            {
                w.Property("rssi", (long)SignalDbm);
            }

            w.EndObject();
            return w.ToUtf8();
        }

        public static StatusPayload Decode(byte[] payload)
        {
            const string what = "status";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);
            PayloadFields.AllowOnly(o, what, Fields, 0);
            string state = PayloadFields.GetString(o, "state", what, true, 16, 0);
            int index = -1;
            for (int i = 0; i < StateNames.Length; i++)
            {
                if (StateNames[i] == state)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                throw new PayloadException(what + ": unknown state \"" + Topics.Shorten(state) + "\"");
            }

            string program = PayloadFields.GetString(o, "program", what, false, MaxProgramLength, 0);
            long uptime = PayloadFields.GetInteger(o, "uptime", what, false, 0, long.MaxValue, -1, 0);
            long rssi = PayloadFields.GetInteger(o, "rssi", what, false, MinSignalDbm, MaxSignalDbm, NoSignal, 0);
            return new StatusPayload((BoardState)index, program, uptime, (int)rssi);
        }
    }
}
