using System.Text;
using RoboClub.Board.Link;

namespace RoboClub.Board.Tests.Link;

public class PayloadTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static string S(byte[] b) => Encoding.UTF8.GetString(b);

    [Fact]
    public void Status_encode_decode_and_will()
    {
        var s = new StatusPayload(BoardState.Running, "9f3a61c2", 123456);
        Assert.Equal("{\"state\":\"running\",\"program\":\"9f3a61c2\",\"uptime\":123456}", S(s.Encode()));
        StatusPayload d = StatusPayload.Decode(s.Encode());
        Assert.Equal(BoardState.Running, d.State);
        Assert.Equal("9f3a61c2", d.Program);
        Assert.Equal(123456, d.UptimeMs);

        Assert.Equal("{\"state\":\"offline\"}", S(StatusPayload.Will()));
        StatusPayload will = StatusPayload.Decode(StatusPayload.Will());
        Assert.Equal(BoardState.Offline, will.State);
        Assert.Null(will.Program);
        Assert.Equal(-1, will.UptimeMs);

        foreach (BoardState st in Enum.GetValues<BoardState>())
        {
            Assert.Equal(st, StatusPayload.Decode(new StatusPayload(st, "", 1).Encode()).State);
        }

        Assert.Contains("unknown state \"sleeping\"", Assert.Throws<PayloadException>(() => StatusPayload.Decode(B("{\"state\":\"sleeping\"}"))).Message);
    }

    [Fact]
    public void Info_encode_decode()
    {
        var info = new InfoPayload("0.1.0", 3, BoardKind.Weather, "weather-v1", new[] { "temp.read", "wind.read" }, 81920);
        Assert.Equal(
            "{\"protocol\":1,\"firmware\":\"0.1.0\",\"format\":3,\"kind\":\"weather\",\"profile\":\"weather-v1\",\"primitives\":[\"temp.read\",\"wind.read\"],\"freeMemory\":81920}",
            S(info.Encode()));
        InfoPayload d = InfoPayload.Decode(info.Encode());
        Assert.Equal(1, d.Protocol);
        Assert.Equal("0.1.0", d.Firmware);
        Assert.Equal(3, d.FormatVersion);
        Assert.Equal(BoardKind.Weather, d.Kind);
        Assert.Equal("weather-v1", d.Profile);
        Assert.Equal(new[] { "temp.read", "wind.read" }, d.Primitives);
        Assert.Equal(81920, d.FreeMemory);

        var unknownMemory = new InfoPayload("1", 1, BoardKind.Robot, "bot", null!, -1);
        Assert.DoesNotContain("freeMemory", S(unknownMemory.Encode()));
        Assert.Equal(-1, InfoPayload.Decode(unknownMemory.Encode()).FreeMemory);
        Assert.Empty(InfoPayload.Decode(unknownMemory.Encode()).Primitives);
    }

    [Fact]
    public void Commands_round_trip()
    {
        var cases = new[]
        {
            (CommandPayload.Run(1), "{\"cmd\":\"run\",\"seq\":1}"),
            (CommandPayload.Stop(2), "{\"cmd\":\"stop\",\"seq\":2}"),
            (CommandPayload.StopAll(0), "{\"cmd\":\"stop-all\"}"),
            (CommandPayload.EvalScript(4, 2), "{\"cmd\":\"eval\",\"seq\":4,\"script\":2}"),
            (CommandPayload.EvalImage(5, new byte[] { 1, 2, 3 }), "{\"cmd\":\"eval\",\"seq\":5,\"image\":\"AQID\"}"),
            (CommandPayload.SetVariable(6, 3, LinkValue.FromNumber(42)), "{\"cmd\":\"set\",\"seq\":6,\"var\":3,\"value\":42}"),
            (CommandPayload.SetVariable(7, "speed", LinkValue.FromBool(true)), "{\"cmd\":\"set\",\"seq\":7,\"name\":\"speed\",\"value\":true}"),
            (CommandPayload.SetVariable(8, 0, LinkValue.FromText("salut ș")), "{\"cmd\":\"set\",\"seq\":8,\"var\":0,\"value\":\"salut ș\"}"),
            (CommandPayload.Identify(9), "{\"cmd\":\"identify\",\"seq\":9}"),
            (CommandPayload.Watch(10, true, 250), "{\"cmd\":\"watch\",\"seq\":10,\"on\":true,\"period\":250}"),
            (CommandPayload.Watch(11, false, 0), "{\"cmd\":\"watch\",\"seq\":11,\"on\":false}"),
        };
        foreach (var (cmd, json) in cases)
        {
            Assert.Equal(json, S(cmd.Encode()));
            CommandPayload d = CommandPayload.Decode(B(json));
            Assert.Equal(cmd.Kind, d.Kind);
            Assert.Equal(cmd.Seq, d.Seq);
            Assert.Equal(json, S(d.Encode()));
        }

        CommandPayload eval = CommandPayload.Decode(B("{\"cmd\":\"eval\",\"image\":\"AQID\"}"));
        Assert.Equal(-1, eval.Script);
        Assert.Equal(new byte[] { 1, 2, 3 }, eval.Image);
        CommandPayload set = CommandPayload.Decode(B("{\"value\":-1.5,\"name\":\"x\",\"cmd\":\"set\"}"));
        Assert.Equal(-1, set.Variable);
        Assert.Equal("x", set.VariableName);
        Assert.Equal(LinkValueKind.Number, set.Value.Kind);
        Assert.Equal(-1.5, set.Value.Number);
        Assert.Equal(0, set.Seq);
        Assert.Equal(CommandPayload.DefaultWatchPeriodMs, CommandPayload.Decode(B("{\"cmd\":\"watch\",\"on\":true}")).PeriodMs);
    }

    [Theory]
    [InlineData("", 0, "cmd: empty payload")]
    [InlineData("not json", 0, "cmd: JSON: ")]
    [InlineData("[1]", 0, "expected a JSON object")]
    [InlineData("{\"seq\":1}", 1, "missing field \"cmd\"")]
    [InlineData("{\"cmd\":\"dance\",\"seq\":5}", 5, "unknown command \"dance\"")]
    [InlineData("{\"cmd\":7,\"seq\":5}", 5, "field \"cmd\" must be a string")]
    [InlineData("{\"cmd\":\"run\",\"seq\":0}", 0, "\"seq\" must be between 1 and 2147483647")]
    [InlineData("{\"cmd\":\"run\",\"seq\":1.5}", 0, "\"seq\" must be a whole number")]
    [InlineData("{\"cmd\":\"run\",\"seq\":\"1\"}", 0, "\"seq\" must be a whole number")]
    [InlineData("{\"cmd\":\"run\",\"seq\":3,\"speed\":1}", 3, "unknown field \"speed\"")]
    [InlineData("{\"cmd\":\"eval\",\"seq\":3}", 3, "exactly one of \"script\" and \"image\"")]
    [InlineData("{\"cmd\":\"eval\",\"seq\":3,\"script\":1,\"image\":\"AQID\"}", 3, "exactly one of")]
    [InlineData("{\"cmd\":\"eval\",\"seq\":3,\"script\":-1}", 3, "\"script\" must be between 0 and 65535")]
    [InlineData("{\"cmd\":\"eval\",\"seq\":3,\"image\":\"!!!\"}", 3, "not valid base64")]
    [InlineData("{\"cmd\":\"eval\",\"seq\":3,\"image\":\"\"}", 3, "\"image\" is empty")]
    [InlineData("{\"cmd\":\"set\",\"seq\":3,\"var\":1}", 3, "missing field \"value\"")]
    [InlineData("{\"cmd\":\"set\",\"seq\":3,\"value\":1}", 3, "exactly one of \"var\" and \"name\"")]
    [InlineData("{\"cmd\":\"set\",\"seq\":3,\"var\":1,\"value\":null}", 3, "must be a number, true/false or a string")]
    [InlineData("{\"cmd\":\"set\",\"seq\":3,\"var\":1,\"value\":[1]}", 3, "must be a number, true/false or a string")]
    [InlineData("{\"cmd\":\"watch\",\"seq\":3}", 3, "missing field \"on\"")]
    [InlineData("{\"cmd\":\"watch\",\"seq\":3,\"on\":1}", 3, "\"on\" must be true or false")]
    [InlineData("{\"cmd\":\"watch\",\"seq\":3,\"on\":true,\"period\":10}", 3, "\"period\" must be between 100 and 5000")]
    [InlineData("{\"cmd\":\"run\",\"cmd\":\"stop\"}", 0, "duplicate member")]
    public void Bad_commands_are_refused_clearly(string json, int seq, string expected)
    {
        var e = Assert.Throws<PayloadException>(() => CommandPayload.Decode(B(json)));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("cmd", e.Message);
        Assert.Equal(seq, e.Seq);
    }

    [Fact]
    public void Command_size_limits()
    {
        string bigImage = Convert.ToBase64String(new byte[CommandPayload.MaxEvalImageBytes + 1]);
        var e = Assert.Throws<PayloadException>(() => CommandPayload.Decode(B("{\"cmd\":\"eval\",\"seq\":1,\"image\":\"" + bigImage + "\"}")));
        Assert.Contains("larger than 2048 bytes", e.Message);
        string okImage = Convert.ToBase64String(new byte[CommandPayload.MaxEvalImageBytes]);
        Assert.Equal(CommandPayload.MaxEvalImageBytes, CommandPayload.Decode(B("{\"cmd\":\"eval\",\"image\":\"" + okImage + "\"}")).Image.Length);
        var e2 = Assert.Throws<PayloadException>(() => CommandPayload.Decode(new byte[CommandPayload.MaxBytes + 1]));
        Assert.Contains("over the limit of 4096", e2.Message);
        var e3 = Assert.Throws<PayloadException>(() => CommandPayload.Decode(B("{\"cmd\":\"set\",\"var\":1,\"value\":\"" + new string('x', 65) + "\"}")));
        Assert.Contains("longer than 64", e3.Message);
    }

    [Fact]
    public void Telemetry_batch_encode_decode()
    {
        var buffer = new TelemetryBuffer(10, 4);
        buffer.Add(5000, "temperature", 21.5);
        buffer.Add(5000, "humidity", 48);
        buffer.Add(6000, "temperature", -3.25);
        var batch = new TelemetryBatch(10);
        buffer.TakeBatch(batch);
        byte[] bytes = TelemetryPayload.Encode(batch, 6100);
        Assert.Equal(
            "{\"samples\":[{\"t\":5000,\"s\":\"temperature\",\"v\":21.5},{\"t\":5000,\"s\":\"humidity\",\"v\":48},{\"t\":6000,\"s\":\"temperature\",\"v\":-3.25}],\"dropped\":0,\"now\":6100}",
            S(bytes));
        TelemetryPayload d = TelemetryPayload.Decode(bytes);
        Assert.Equal(3, d.Count);
        Assert.Equal(new long[] { 5000, 5000, 6000 }, d.Times);
        Assert.Equal(new[] { "temperature", "humidity", "temperature" }, d.Series);
        Assert.Equal(new[] { 21.5, 48, -3.25 }, d.Values);
        Assert.Equal(0, d.Dropped);
        Assert.Equal(6100, d.NowMs);

        Assert.Contains("sample 0: missing field \"v\"", Assert.Throws<PayloadException>(() =>
            TelemetryPayload.Decode(B("{\"samples\":[{\"t\":1,\"s\":\"a\"}],\"dropped\":0}"))).Message);
        Assert.Contains("invalid series name", Assert.Throws<PayloadException>(() =>
            TelemetryPayload.Decode(B("{\"samples\":[{\"t\":1,\"s\":\"a b\",\"v\":1}],\"dropped\":0}"))).Message);
    }

    [Fact]
    public void Console_keeps_romanian_text_and_cuts_long_lines()
    {
        var c = new ConsolePayload(1234, "Salut! ș ț ă î â Ș Ț Ă Î Â \"ok\"\n", 0);
        Assert.Equal("{\"t\":1234,\"text\":\"Salut! ș ț ă î â Ș Ț Ă Î Â \\\"ok\\\"\\n\"}", S(c.Encode()));
        ConsolePayload d = ConsolePayload.Decode(c.Encode());
        Assert.Equal("Salut! ș ț ă î â Ș Ț Ă Î Â \"ok\"\n", d.Text);
        Assert.Equal(1234, d.TimeMs);

        var longLine = new ConsolePayload(1, new string('ș', 300), 3);
        Assert.Equal(ConsolePayload.MaxTextLength, longLine.Text.Length);
        Assert.EndsWith("\u2026", longLine.Text);
        ConsolePayload d2 = ConsolePayload.Decode(longLine.Encode());
        Assert.Equal(3, d2.Dropped);
        Assert.Equal(longLine.Text, d2.Text);

        // A cut never splits a surrogate pair.
        var emoji = new ConsolePayload(1, new string('a', 254) + "😀😀", 0);
        Assert.Equal(new string('a', 254) + "\u2026", emoji.Text);
    }

    [Fact]
    public void Error_payload()
    {
        var e = new ErrorPayload(81234, 2, 57, RuntimeErrorCode.DivideByZero, "division by zero");
        Assert.Equal("{\"t\":81234,\"script\":2,\"pc\":57,\"code\":\"DivideByZero\",\"message\":\"division by zero\"}", S(e.Encode()));
        ErrorPayload d = ErrorPayload.Decode(e.Encode());
        Assert.Equal(2, d.Script);
        Assert.Equal(57, d.Pc);
        Assert.Equal(RuntimeErrorCode.DivideByZero, d.KnownCode);
        Assert.Equal("division by zero", d.Message);

        // Codes the enum does not know yet pass through.
        var vm = new ErrorPayload(1, 0, 3, "ServoJammed", "x");
        Assert.Equal("ServoJammed", ErrorPayload.Decode(vm.Encode()).Code);
        Assert.Equal(RuntimeErrorCode.Unknown, ErrorPayload.Decode(vm.Encode()).KnownCode);
        Assert.Throws<ArgumentException>(() => new ErrorPayload(1, 0, 0, "bad code", "x"));
        Assert.Throws<PayloadException>(() => ErrorPayload.Decode(B("{\"t\":1,\"script\":0,\"pc\":0,\"code\":\"lower\",\"message\":\"\"}")));

        foreach (RuntimeErrorCode code in Enum.GetValues<RuntimeErrorCode>())
        {
            Assert.Equal(code, ErrorCodes.Parse(ErrorCodes.Name(code)));
            Assert.Equal(code.ToString(), ErrorCodes.Name(code));
        }

        var noScript = new ErrorPayload(1, -5, -9, RuntimeErrorCode.BadImage, new string('m', 500));
        Assert.Equal(-1, noScript.Script);
        Assert.Equal(-1, noScript.Pc);
        Assert.Equal(ErrorPayload.MaxMessageLength, noScript.Message.Length);
    }

    [Fact]
    public void Error_payload_names_the_function_the_error_is_in_when_known()
    {
        var e = new ErrorPayload(5, 0, 3, 12, "DivideByZero", "division by zero");
        Assert.Equal("{\"t\":5,\"script\":0,\"pc\":12,\"code\":\"DivideByZero\",\"message\":\"division by zero\",\"function\":3}", S(e.Encode()));
        var d = ErrorPayload.Decode(e.Encode());
        Assert.Equal(3, d.Function);
        Assert.Equal(12, d.Pc);
        // Older boards leave it out.
        Assert.Equal(-1, ErrorPayload.Decode(B("{\"t\":1,\"script\":0,\"pc\":0,\"code\":\"Timeout\",\"message\":\"\"}")).Function);
        Assert.Throws<PayloadException>(() => ErrorPayload.Decode(B("{\"t\":1,\"script\":0,\"pc\":0,\"code\":\"Timeout\",\"message\":\"\",\"function\":\"x\"}")));
    }

    [Fact]
    public void Watch_payload()
    {
        var values = new[] { LinkValue.FromNumber(3), LinkValue.FromBool(true), LinkValue.FromText("hello"), LinkValue.FromNumber(21.5) };
        byte[] bytes = WatchPayload.Encode(81500, values, 4);
        Assert.Equal("{\"t\":81500,\"values\":[3,true,\"hello\",21.5]}", S(bytes));
        WatchPayload d = WatchPayload.Decode(bytes);
        Assert.Equal(81500, d.TimeMs);
        Assert.Equal(4, d.Values.Length);
        Assert.Equal("hello", d.Values[2].Text);
        Assert.True(d.Values[1].Bool);
        Assert.Equal("{\"t\":1,\"values\":[3,true]}", S(WatchPayload.Encode(1, values, 2)));
        Assert.Equal(WatchPayload.MaxValues, WatchPayload.Decode(WatchPayload.Encode(1, Enumerable.Range(0, 100).Select(i => LinkValue.FromNumber(i)).ToArray(), 100)).Values.Length);
    }

    [Fact]
    public void Ack_payload()
    {
        Assert.Equal("{\"seq\":4,\"ok\":true}", S(new AckPayload(4, true, null!).Encode()));
        var refused = new AckPayload(4, false, "no program loaded");
        Assert.Equal("{\"seq\":4,\"ok\":false,\"error\":\"no program loaded\"}", S(refused.Encode()));
        AckPayload d = AckPayload.Decode(refused.Encode());
        Assert.False(d.Ok);
        Assert.Equal("no program loaded", d.Error);
        Assert.Throws<PayloadException>(() => AckPayload.Decode(B("{\"seq\":4,\"ok\":false}")));
    }

    [Fact]
    public void Broadcast_payloads()
    {
        Assert.Equal("{\"name\":\"go\"}", S(BroadcastPayload.EncodeSend("go")));
        Assert.Equal("go", BroadcastPayload.DecodeSend(BroadcastPayload.EncodeSend("go")).Name);
        Assert.Throws<ArgumentException>(() => BroadcastPayload.EncodeSend("Go!"));
        Assert.Throws<PayloadException>(() => BroadcastPayload.DecodeSend(B("{\"name\":\"Go!\"}")));
        Assert.Equal("robot-1", BroadcastPayload.DecodeRelay("go", BroadcastPayload.EncodeRelay("robot-1")).From);
        Assert.Null(BroadcastPayload.DecodeRelay("go", Array.Empty<byte>()).From);
    }

    [Fact]
    public void Program_hash_and_limit()
    {
        Assert.Equal("", ProgramPayload.Hash(Array.Empty<byte>()));
        Assert.Equal("e40c292c", ProgramPayload.Hash(B("a"))); // FNV-1a 32 of "a"
        Assert.Null(ProgramPayload.Check(new byte[ProgramPayload.MaxBytes]));
        Assert.Contains("over the limit of 16384", ProgramPayload.Check(new byte[ProgramPayload.MaxBytes + 1]));
    }

    [Fact]
    public void Config_payload()
    {
        Assert.Equal(0, ConfigPayload.Decode(Array.Empty<byte>()).Count);
        Assert.Equal(60, ConfigPayload.Decode(B("{\"period\":60}")).Get("period")!.Integer);
        Assert.Contains("expected a JSON object", Assert.Throws<PayloadException>(() => ConfigPayload.Decode(B("42"))).Message);
    }
}
