using System.Net.WebSockets;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Hub.Tests;

/// <summary>
/// End to end: `dotnet roboclub.dll broker` as a child process, with mosquitto_pub/mosquitto_sub
/// (Debian package mosquitto-clients) and a WebSocket client. They need the real MqttBroker, hence
/// the trait; run them with `dotnet test --filter Needs=Broker`.
/// </summary>
[Trait("Needs", "Broker")]
public sealed class BrokerProcessTests : IDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(20);
    const string ListeningPattern = @"RoboClub broker listening on mqtt://127\.0\.0\.1:(\d+)";

    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-e2e-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static Task<Tool.Result> Pub(string port, params string[] args) =>
        Tool.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", port, .. args], ToolTimeout);

    static Task<Tool.Result> Sub(string port, params string[] args) =>
        Tool.RunAsync("mosquitto_sub", ["-h", "127.0.0.1", "-p", port, .. args], ToolTimeout);

    [Fact]
    public async Task MosquittoClients_AndSigtermSavesRetainedMessages()
    {
        string data = Path.Combine(_dir, "data");
        await using (var broker = RoboclubProcess.Start("broker", "--port", "0", "--data", data))
        {
            string port = (await broker.WaitForLineAsync(ListeningPattern, StartTimeout)).Groups[1].Value;

            // A live message: publish until the subscriber (started first) has it.
            using (var sub = Tool.Start("mosquitto_sub", ["-h", "127.0.0.1", "-p", port, "-t", "roboclub/live", "-C", "1", "-W", "20"]))
            {
                var stdout = sub.StandardOutput.ReadToEndAsync();
                var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
                while (!sub.HasExited && DateTime.UtcNow < until)
                {
                    Assert.Equal(0, (await Pub(port, "-t", "roboclub/live", "-m", "ping", "-q", "1")).ExitCode);
                    await Task.Delay(200);
                }
                await sub.WaitForExitAsync();
                Assert.Equal(0, sub.ExitCode);
                Assert.Equal("ping", (await stdout).Trim());
            }

            // A retained message, read back with MQTT 3.1.1 and 5.
            Assert.Equal(0, (await Pub(port, "-t", "roboclub/retained", "-m", "hello", "-r", "-q", "1")).ExitCode);
            var got = await Sub(port, "-t", "roboclub/retained", "-C", "1", "-W", "10");
            Assert.Equal((0, "hello"), (got.ExitCode, got.Output.Trim()));
            got = await Sub(port, "-V", "5", "-t", "roboclub/retained", "-C", "1", "-W", "10");
            Assert.Equal((0, "hello"), (got.ExitCode, got.Output.Trim()));

            await broker.SignalAsync("TERM");
            Assert.Equal(0, await broker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("Broker stopped.", broker.Output);
        }

        // The retained message was saved at shutdown and is there after a restart.
        await using (var broker = RoboclubProcess.Start("broker", "--port", "0", "--data", data))
        {
            string port = (await broker.WaitForLineAsync(ListeningPattern, StartTimeout)).Groups[1].Value;
            var got = await Sub(port, "-t", "roboclub/retained", "-C", "1", "-W", "10");
            Assert.Equal((0, "hello"), (got.ExitCode, got.Output.Trim()));
            await broker.SignalAsync("INT");
            Assert.Equal(0, await broker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public async Task ConfigFile_UsersRulesAndReload()
    {
        string config = Path.Combine(_dir, "broker.conf");
        var quiet = TextWriter.Null;
        Assert.Equal(0, PasswdCommand.Execute(config, "board-01", "pw1", false, () => null, quiet, quiet));
        Assert.Equal(0, PasswdCommand.Execute(config, "board-02", "pw2", false, () => null, quiet, quiet));
        File.AppendAllText(config, "allow_anonymous false\npattern readwrite robots/%u/#\ntopic read robots/+/status\n");

        await using var broker = RoboclubProcess.Start("broker", "--port", "0", "--config", config);
        string port = (await broker.WaitForLineAsync(ListeningPattern, StartTimeout)).Groups[1].Value;
        string[] board1 = ["-u", "board-01", "-P", "pw1"], board2 = ["-u", "board-02", "-P", "pw2"];

        // Authentication.
        Assert.NotEqual(0, (await Pub(port, "-t", "robots/x", "-m", "anon")).ExitCode);
        Assert.NotEqual(0, (await Pub(port, "-u", "board-01", "-P", "wrong", "-t", "robots/board-01/x", "-m", "x")).ExitCode);
        Assert.NotEqual(0, (await Pub(port, "-u", "nobody", "-P", "pw1", "-t", "robots/board-01/x", "-m", "x")).ExitCode);

        // board-01 writes its own status; board-02 may read every status.
        Assert.Equal(0, (await Pub(port, [.. board1, "-t", "robots/board-01/status", "-m", "up", "-r", "-q", "1"])).ExitCode);
        var got = await Sub(port, [.. board2, "-t", "robots/+/status", "-C", "1", "-W", "10"]);
        Assert.Equal((0, "up"), (got.ExitCode, got.Output.Trim()));

        // ...but not board-01's whole subtree, and board-01 cannot write board-02's status.
        got = await Sub(port, [.. board2, "-t", "robots/board-01/#", "-C", "1", "-W", "3"]);
        Assert.DoesNotContain("up", got.Output);
        await Pub(port, [.. board1, "-t", "robots/board-02/status", "-m", "fake", "-r", "-q", "1"]);
        got = await Sub(port, [.. board2, "-t", "robots/board-02/status", "-C", "1", "-W", "3"]);
        Assert.DoesNotContain("fake", got.Output);

        // SIGHUP reloads the file: a new user can connect.
        Assert.Equal(0, PasswdCommand.Execute(config, "board-03", "pw3", false, () => null, quiet, quiet));
        Assert.NotEqual(0, (await Pub(port, "-u", "board-03", "-P", "pw3", "-t", "robots/board-03/x", "-m", "x")).ExitCode);
        await broker.SignalAsync("HUP");
        await broker.WaitForLineAsync("reloaded .*3 user", TimeSpan.FromSeconds(30)); // a loaded CI machine can be slow to deliver the signal
        Assert.Equal(0, (await Pub(port, "-u", "board-03", "-P", "pw3", "-t", "robots/board-03/x", "-m", "x", "-q", "1")).ExitCode);

        await broker.SignalAsync("TERM");
        Assert.Equal(0, await broker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task WebSocketClient_GetsMessagesFromATcpClient()
    {
        await using var broker = RoboclubProcess.Start("broker", "--port", "0", "--ws-port", "0");
        string port = (await broker.WaitForLineAsync(ListeningPattern, StartTimeout)).Groups[1].Value;
        string wsPort = (await broker.WaitForLineAsync(@"MQTT over WebSocket on ws://127\.0\.0\.1:(\d+)/mqtt", StartTimeout)).Groups[1].Value;

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ws = new ClientWebSocket();
        ws.Options.AddSubProtocol("mqtt");
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{wsPort}/mqtt"), cts.Token);
        Assert.Equal("mqtt", ws.SubProtocol);
        await using var channel = new MqttPacketChannel(WebSocketStream.Create(ws, WebSocketMessageType.Binary, ownsWebSocket: true))
        {
            ProtocolVersion = MqttProtocolVersion.V500,
        };

        channel.Write(new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V500, ClientId = "ws-client", KeepAliveSeconds = 60 });
        await channel.FlushAsync(cts.Token);
        var connAck = Assert.IsType<ConnAckPacket>(await channel.ReadPacketAsync(cts.Token));
        Assert.Equal(MqttReasonCode.Success, connAck.ReasonCode);

        channel.Write(new SubscribePacket { PacketId = 1, TopicFilters = [new MqttTopicFilter("ws/test", MqttQualityOfServiceLevel.AtLeastOnce)] });
        await channel.FlushAsync(cts.Token);
        var subAck = Assert.IsType<SubAckPacket>(await channel.ReadPacketAsync(cts.Token));
        Assert.Equal([MqttReasonCode.GrantedQoS1], subAck.ReasonCodes);

        Assert.Equal(0, (await Pub(port, "-t", "ws/test", "-m", "over tcp", "-q", "1")).ExitCode);
        var publish = Assert.IsType<PublishPacket>(await channel.ReadPacketAsync(cts.Token));
        Assert.Equal("ws/test", publish.Topic);
        Assert.Equal("over tcp", System.Text.Encoding.UTF8.GetString(publish.Payload.Span));

        await broker.SignalAsync("INT");
        Assert.Equal(0, await broker.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
