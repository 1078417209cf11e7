using System;

namespace RoboClub.Board.Link
{
    public enum CommandKind
    {
        Run = 0,
        Stop = 1,
        StopAll = 2,
        Eval = 3,
        Set = 4,
        Identify = 5,
        Watch = 6,
    }

    /// <summary>
    /// <c>roboclub/{club}/{board}/cmd</c> (and <c>roboclub/{club}/all/cmd</c>, stop-all only), QoS 1,
    /// never retained. Examples:
    /// <code>
    /// {"cmd":"run","seq":1}
    /// {"cmd":"stop","seq":2}
    /// {"cmd":"stop-all","seq":3}
    /// {"cmd":"eval","seq":4,"script":2}
    /// {"cmd":"eval","seq":5,"image":"UkNJTQEA..."}      (base64, at most 2,048 bytes decoded)
    /// {"cmd":"set","seq":6,"var":3,"value":42}
    /// {"cmd":"set","seq":7,"name":"speed","value":true}
    /// {"cmd":"identify","seq":8}
    /// {"cmd":"watch","seq":9,"on":true,"period":250}
    /// </code>
    /// "seq" (1..2147483647) is optional; when present the board answers on its ack topic. Unknown
    /// commands, unknown fields and out-of-range values are refused with a <see cref="PayloadException"/>.
    /// </summary>
    public sealed class CommandPayload
    {
        public const int MaxBytes = 4096;
        public const int MaxEvalImageBytes = 2048;
        public const int MaxScriptIndex = 65535;
        public const int MaxVariableIndex = 65535;
        public const int MinWatchPeriodMs = 100;
        public const int MaxWatchPeriodMs = 5000;
        public const int DefaultWatchPeriodMs = 250;

        private static readonly string[] Names = new string[] { "run", "stop", "stop-all", "eval", "set", "identify", "watch" };
        private static readonly string[] PlainFields = new string[] { "cmd", "seq" };
        private static readonly string[] EvalFields = new string[] { "cmd", "seq", "script", "image" };
        private static readonly string[] SetFields = new string[] { "cmd", "seq", "var", "name", "value" };
        private static readonly string[] WatchFields = new string[] { "cmd", "seq", "on", "period" };

        private CommandPayload(CommandKind kind, int seq)
        {
            Kind = kind;
            Seq = seq;
            Script = -1;
            Variable = -1;
        }

        public CommandKind Kind { get; private set; }

        /// <summary>0 when the command carries no seq (no ack is sent).</summary>
        public int Seq { get; private set; }

        /// <summary>Eval: the script index in the loaded program, -1 when an inline image is given.</summary>
        public int Script { get; private set; }

        /// <summary>Eval: a small image holding the script to evaluate, null when a script index is given.</summary>
        public byte[] Image { get; private set; }

        /// <summary>Set: the global variable index, -1 when the name is given.</summary>
        public int Variable { get; private set; }

        /// <summary>Set: the global variable name, null when the index is given.</summary>
        public string VariableName { get; private set; }

        /// <summary>Set: the new value.</summary>
        public LinkValue Value { get; private set; }

        /// <summary>Watch: start (true) or stop (false).</summary>
        public bool WatchOn { get; private set; }

        /// <summary>Watch: how often values are sent, in ms (ignored when stopping).</summary>
        public int PeriodMs { get; private set; }

        public static string CommandName(CommandKind kind)
        {
            return Names[(int)kind];
        }

        public static CommandPayload Run(int seq)
        {
            return new CommandPayload(CommandKind.Run, seq);
        }

        public static CommandPayload Stop(int seq)
        {
            return new CommandPayload(CommandKind.Stop, seq);
        }

        public static CommandPayload StopAll(int seq)
        {
            return new CommandPayload(CommandKind.StopAll, seq);
        }

        public static CommandPayload Identify(int seq)
        {
            return new CommandPayload(CommandKind.Identify, seq);
        }

        public static CommandPayload EvalScript(int seq, int script)
        {
            CommandPayload c = new CommandPayload(CommandKind.Eval, seq);
            c.Script = script;
            return c;
        }

        public static CommandPayload EvalImage(int seq, byte[] image)
        {
            CommandPayload c = new CommandPayload(CommandKind.Eval, seq);
            c.Image = image;
            return c;
        }

        public static CommandPayload SetVariable(int seq, int variable, LinkValue value)
        {
            CommandPayload c = new CommandPayload(CommandKind.Set, seq);
            c.Variable = variable;
            c.Value = value;
            return c;
        }

        public static CommandPayload SetVariable(int seq, string name, LinkValue value)
        {
            CommandPayload c = new CommandPayload(CommandKind.Set, seq);
            c.VariableName = name;
            c.Value = value;
            return c;
        }

        public static CommandPayload Watch(int seq, bool on, int periodMs)
        {
            CommandPayload c = new CommandPayload(CommandKind.Watch, seq);
            c.WatchOn = on;
            c.PeriodMs = periodMs;
            return c;
        }

        public byte[] Encode()
        {
            JsonWriter w = new JsonWriter(64);
            w.BeginObject().Property("cmd", CommandName(Kind));
            if (Seq > 0)
            {
                w.Property("seq", (long)Seq);
            }

            if (Kind == CommandKind.Eval)
            {
                if (Image != null)
                {
                    w.Property("image", Convert.ToBase64String(Image));
                }
                else
                {
                    w.Property("script", (long)Script);
                }
            }
            else if (Kind == CommandKind.Set)
            {
                if (VariableName != null)
                {
                    w.Property("name", VariableName);
                }
                else
                {
                    w.Property("var", (long)Variable);
                }

                w.Name("value");
                Value.Write(w);
            }
            else if (Kind == CommandKind.Watch)
            {
                w.Property("on", WatchOn);
                if (WatchOn)
                {
                    w.Property("period", (long)PeriodMs);
                }
            }

            w.EndObject();
            return w.ToUtf8();
        }

        /// <summary>Decodes a command; a <see cref="PayloadException"/> (with the seq when readable) otherwise.</summary>
        public static CommandPayload Decode(byte[] payload)
        {
            const string what = "cmd";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);

            // Read seq first so that every later refusal can still be acknowledged.
            int seq = 0;
            JsonNode seqNode = o.Get("seq");
            if (seqNode != null)
            {
                seq = (int)PayloadFields.GetInteger(o, "seq", what, true, 1, int.MaxValue, 0, 0);
            }

            string name = PayloadFields.GetString(o, "cmd", what, true, 16, seq);
            int index = -1;
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name)
                {
                    index = i;
                }
            }

            if (index < 0)
            {
                throw new PayloadException(what + ": unknown command \"" + Topics.Shorten(name) + "\"", seq);
            }

            CommandPayload c = new CommandPayload((CommandKind)index, seq);
            switch (c.Kind)
            {
                case CommandKind.Eval:
                    DecodeEval(o, c, what + " eval");
                    break;
                case CommandKind.Set:
                    DecodeSet(o, c, what + " set");
                    break;
                case CommandKind.Watch:
                    DecodeWatch(o, c, what + " watch");
                    break;
                default:
                    PayloadFields.AllowOnly(o, what + " " + name, PlainFields, seq);
                    break;
            }

            return c;
        }

        private static void DecodeEval(JsonNode o, CommandPayload c, string what)
        {
            PayloadFields.AllowOnly(o, what, EvalFields, c.Seq);
            bool hasScript = o.Get("script") != null;
            bool hasImage = o.Get("image") != null;
            if (hasScript == hasImage)
            {
                throw new PayloadException(what + ": give exactly one of \"script\" and \"image\"", c.Seq);
            }

            if (hasScript)
            {
                c.Script = (int)PayloadFields.GetInteger(o, "script", what, true, 0, MaxScriptIndex, 0, c.Seq);
                return;
            }

            int maxBase64 = ((MaxEvalImageBytes + 2) / 3) * 4;
            string text = PayloadFields.GetString(o, "image", what, true, maxBase64, c.Seq);
            byte[] image;
            try
            {
                image = Convert.FromBase64String(text);
            }
            catch (Exception)
            {
                throw new PayloadException(what + ": \"image\" is not valid base64", c.Seq);
            }

            if (image == null || image.Length == 0)
            {
                throw new PayloadException(what + ": \"image\" is empty", c.Seq);
            }

            if (image.Length > MaxEvalImageBytes)
            {
                throw new PayloadException(what + ": \"image\" is larger than " + MaxEvalImageBytes.ToString() + " bytes", c.Seq);
            }

            c.Image = image;
        }

        private static void DecodeSet(JsonNode o, CommandPayload c, string what)
        {
            PayloadFields.AllowOnly(o, what, SetFields, c.Seq);
            bool hasVar = o.Get("var") != null;
            bool hasName = o.Get("name") != null;
            if (hasVar == hasName)
            {
                throw new PayloadException(what + ": give exactly one of \"var\" and \"name\"", c.Seq);
            }

            if (hasVar)
            {
                c.Variable = (int)PayloadFields.GetInteger(o, "var", what, true, 0, MaxVariableIndex, 0, c.Seq);
            }
            else
            {
                c.VariableName = PayloadFields.GetString(o, "name", what, true, Topics.MaxNameLength, c.Seq);
                if (c.VariableName.Length == 0)
                {
                    throw new PayloadException(what + ": \"name\" is empty", c.Seq);
                }
            }

            JsonNode value = o.Get("value");
            if (value == null)
            {
                throw new PayloadException(what + ": missing field \"value\"", c.Seq);
            }

            c.Value = LinkValue.FromJson(value, what, c.Seq);
        }

        private static void DecodeWatch(JsonNode o, CommandPayload c, string what)
        {
            PayloadFields.AllowOnly(o, what, WatchFields, c.Seq);
            c.WatchOn = PayloadFields.GetBool(o, "on", what, true, false, c.Seq);
            c.PeriodMs = (int)PayloadFields.GetInteger(o, "period", what, false, MinWatchPeriodMs, MaxWatchPeriodMs, DefaultWatchPeriodMs, c.Seq);
            if (!c.WatchOn)
            {
                c.PeriodMs = 0;
            }
        }
    }
}
