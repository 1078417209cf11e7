using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using RoboClub.Hub.Serve;
using RoboClub.Hub.Tests.Api;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Client;
using RoboClub.Mqtt.Tests.Peers;

namespace RoboClub.Hub.Tests.Security;

/// <summary>`roboclub boards add-login` and `roboclub boards mosquitto-passwd`, as the librarian runs them.</summary>
public sealed class BoardsCommandTests : IDisposable
{
    readonly string _data = Directory.CreateTempSubdirectory("roboclub-logins-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    /// <summary>The mosquitto acl_file of docs/scaling.md for club1, with the hub's user "hub-club1".</summary>
    internal static readonly string[] MosquittoAcl =
    [
        "pattern write roboclub/club1/%u/status",
        "pattern write roboclub/club1/%u/info",
        "pattern write roboclub/club1/%u/ack",
        "pattern write roboclub/club1/%u/telemetry",
        "pattern write roboclub/club1/%u/console",
        "pattern write roboclub/club1/%u/error",
        "pattern write roboclub/club1/%u/watch",
        "pattern write roboclub/club1/%u/broadcast",
        "pattern read roboclub/club1/%u/program",
        "pattern read roboclub/club1/%u/cmd",
        "pattern read roboclub/club1/%u/config",
        "pattern read roboclub/club1/all/cmd",
        "pattern read roboclub/club1/messages/#",
        "pattern read roboclub/club1/time",
        "user hub-club1",
        "topic readwrite roboclub/club1/#",
    ];

    async Task<string> AddLoginAsync(string board)
    {
        await using var p = RoboclubProcess.Start("boards", "add-login", board, "--data", _data);
        Assert.Equal(0, await p.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        return (await p.WaitForLineAsync(@"password / parolă: (\S+)", TimeSpan.FromSeconds(5))).Groups[1].Value;
    }

    [Fact]
    public async Task A_login_added_while_the_hub_runs_works_at_once_and_a_new_one_replaces_it()
    {
        await using var hub = new HubFactory(_data);
        await hub.ReadyClientAsync();
        int port = hub.Service<EmbeddedBroker>().Broker.Port;
        string topic = "roboclub/club1/robot-09/console";

        string first = await AddLoginAsync("robot-09");
        Assert.Matches("^[A-Za-z0-9]{20}$", first);
        Tool.Result r = null!;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(200))
            if ((r = await MosquittoClients.PubAsync(new BoardLogin("robot-09", first).Args(port), topic, "{}")).ExitCode == 0) break;
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.DoesNotContain(first, await File.ReadAllTextAsync(Path.Combine(_data, "inventory.db")));

        string second = await AddLoginAsync("robot-09");
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(200))
            if ((r = await MosquittoClients.PubAsync(new BoardLogin("robot-09", first).Args(port), topic, "{}")).ExitCode != 0) break;
        Assert.Contains("bad user name or password", r.Error);
        Assert.Equal(0, (await MosquittoClients.PubAsync(new BoardLogin("robot-09", second).Args(port), topic, "{}")).ExitCode);
    }

    [Fact]
    public async Task A_name_that_cannot_be_a_login_is_refused_with_the_reason()
    {
        await using var p = RoboclubProcess.Start("boards", "add-login", "messages", "--data", _data);
        Assert.Equal(1, await p.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("'messages' cannot be a board's login", p.Output);
        Assert.Contains("nu poate fi numele de login", p.Output);
    }

    [Fact]
    public async Task The_exported_logins_and_the_documented_acl_hold_boards_to_their_topics_on_mosquitto()
    {
        string password = await AddLoginAsync("robot-09");
        string file = Path.Combine(_data, "mosquitto-passwords");
        await using (var export = RoboclubProcess.Start("boards", "mosquitto-passwd", "--data", _data, "-o", file))
            Assert.Equal(0, await export.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Matches(new Regex(@"^robot-09:\$7\$101\$\S+$"), (await File.ReadAllTextAsync(file)).Trim());
        Assert.Equal(0, (await Tool.RunAsync("mosquitto_passwd", ["-b", file, "hub-club1", "hub-parolă"], TimeSpan.FromSeconds(20))).ExitCode);

        await using var mosquitto = await MosquittoFixture.StartAsync(new MosquittoConfig { Acl = [.. MosquittoAcl], ExtraLines = { "allow_anonymous false", $"password_file {file}" } });
        var seen = new ConcurrentQueue<string>();
        await using var hub = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = mosquitto.Port, ClientId = "hub-club1" }.WithCredentials("hub-club1", "hub-parolă"));
        hub.ApplicationMessageReceivedAsync += e => { seen.Enqueue(e.ApplicationMessage.Topic + " " + Encoding.UTF8.GetString(e.ApplicationMessage.Payload.Span)); return Task.CompletedTask; };
        await hub.ConnectAsync();
        await hub.SubscribeAsync("roboclub/club1/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await hub.PublishAsync(new MqttApplicationMessage { Topic = "roboclub/club1/robot-09/program", Payload = "RCB1"u8.ToArray(), Retain = true, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });

        var board = new BoardLogin("robot-09", password);
        string intruder = Guid.NewGuid().ToString("N");
        Assert.Equal(0, (await MosquittoClients.PubAsync(board.Args(mosquitto.Port), "roboclub/club1/robot-1/cmd", intruder)).ExitCode);
        Assert.Equal(0, (await MosquittoClients.PubAsync(board.Args(mosquitto.Port), "roboclub/club1/robot-09/program", intruder)).ExitCode);
        Assert.Equal(0, (await MosquittoClients.PubAsync(board.Args(mosquitto.Port), "roboclub/club1/robot-09/telemetry", "ok-" + intruder)).ExitCode);
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !seen.Any(m => m.Contains("ok-" + intruder)) && DateTime.UtcNow < deadline;) await Task.Delay(50);
        Assert.Contains("roboclub/club1/robot-09/telemetry ok-" + intruder, seen);
        Assert.DoesNotContain(seen, m => m.Contains(" " + intruder));

        // The board reads its own program, and nothing of another board's even when it asks for everything.
        var own = await MosquittoClients.SubAsync(board.Args(mosquitto.Port), ["roboclub/club1/robot-09/program", "#"], "-C", "1", "-W", "10");
        Assert.Equal("roboclub/club1/robot-09/program RCB1", own.Output.Trim());

        var wrong = await MosquittoClients.PubAsync(new BoardLogin("robot-09", "not-it").Args(mosquitto.Port), "roboclub/club1/robot-09/telemetry", "{}");
        Assert.NotEqual(0, wrong.ExitCode);
    }
}
