using System;

namespace RoboClub.Board.Link
{
    /// <summary>
    /// <c>roboclub/{club}/{board}/error</c>, QoS 1, not retained: a runtime error, with where it
    /// happened so the editor can point at the block or line.
    /// <c>{"t":81234,"script":2,"pc":57,"code":"DivideByZero","message":"division by zero"}</c>.
    /// "script" and "pc" (instruction offset in that script) are -1 when the error is not in a script
    /// (e.g. BadImage for a program the board refused). Message cut to <see cref="MaxMessageLength"/>.
    /// Optional "function": the image function that "pc" is in (a script may fail inside a function it
    /// called), so the hub can map the error to a line through the source map; left out when unknown.
    /// </summary>
    public sealed class ErrorPayload
    {
        public const int MaxMessageLength = 200;
        public const int MaxBytes = 2048;

        private static readonly string[] Fields = new string[] { "t", "script", "pc", "code", "message", "function" };

        public ErrorPayload(long timeMs, int script, int pc, RuntimeErrorCode code, string message)
            : this(timeMs, script, pc, ErrorCodes.Name(code), message)
        {
        }

        /// <summary>With a code name the enum may not have yet (must pass <see cref="ErrorCodes.IsValidName"/>).</summary>
        public ErrorPayload(long timeMs, int script, int pc, string code, string message)
        {
            if (!ErrorCodes.IsValidName(code))
            {
                throw new ArgumentException("error code name must be 1..32 letters/digits starting with an uppercase letter", "code");
            }

            TimeMs = timeMs;
            Script = script < 0 ? -1 : script;
            Pc = pc < 0 ? -1 : pc;
            Code = code;
            Message = PayloadFields.Truncate(message, MaxMessageLength);
            Function = -1;
        }

        /// <summary>With the image function that <paramref name="pc"/> is in (-1 when unknown).</summary>
        public ErrorPayload(long timeMs, int script, int function, int pc, string code, string message)
            : this(timeMs, script, pc, code, message)
        {
            Function = function < 0 ? -1 : function;
        }

        public long TimeMs { get; private set; }

        /// <summary>Script index in the program, -1 when not in a script.</summary>
        public int Script { get; private set; }

        /// <summary>The image function that <see cref="Pc"/> is in, -1 when unknown.</summary>
        public int Function { get; private set; }

        /// <summary>Instruction offset within <see cref="Function"/> (or the script), -1 when unknown.</summary>
        public int Pc { get; private set; }

        /// <summary>The code's wire name ("DivideByZero").</summary>
        public string Code { get; private set; }

        /// <summary>The code as the enum knows it (Unknown for a name it does not have).</summary>
        public RuntimeErrorCode KnownCode
        {
            get { return ErrorCodes.Parse(Code); }
        }

        public string Message { get; private set; }

        public byte[] Encode()
        {
            JsonWriter w = new JsonWriter(96 + Message.Length);
            w.BeginObject()
                .Property("t", TimeMs)
                .Property("script", (long)Script)
                .Property("pc", (long)Pc)
                .Property("code", Code)
                .Property("message", Message);
            if (Function >= 0)
            {
                w.Property("function", (long)Function);
            }

            w.EndObject();
            return w.ToUtf8();
        }

        public static ErrorPayload Decode(byte[] payload)
        {
            const string what = "error";
            JsonNode o = PayloadFields.ParseObject(payload, MaxBytes, what);
            PayloadFields.AllowOnly(o, what, Fields, 0);
            long t = PayloadFields.GetInteger(o, "t", what, true, 0, long.MaxValue, 0, 0);
            long script = PayloadFields.GetInteger(o, "script", what, true, -1, int.MaxValue, 0, 0);
            long pc = PayloadFields.GetInteger(o, "pc", what, true, -1, int.MaxValue, 0, 0);
            string code = PayloadFields.GetString(o, "code", what, true, ErrorCodes.MaxNameLength, 0);
            if (!ErrorCodes.IsValidName(code))
            {
                throw new PayloadException(what + ": invalid code \"" + Topics.Shorten(code) + "\"");
            }

            string message = PayloadFields.GetString(o, "message", what, true, MaxMessageLength, 0);
            long function = PayloadFields.GetInteger(o, "function", what, false, -1, int.MaxValue, -1, 0);
            return new ErrorPayload(t, (int)script, (int)function, (int)pc, code, message);
        }
    }
}
