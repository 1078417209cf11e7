using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Tests.Security;

/// <summary>
/// Boards' logins and ACL on the hub's embedded broker, tried with the real mosquitto_pub and
/// mosquitto_sub as a child with a laptop on the library's network would.
/// </summary>
public sealed class BoardAclTests(SecuredHub fixture) : IClassFixture<SecuredHub>
{
    int Port => fixture.MqttPort;
    IHubBus Bus => fixture.Hub.Service<IHubBus>();
    BoardBrokerSecurity Security => fixture.Hub.Service<EmbeddedBroker>().Security;

    static string Unique(string what) => $"{what}-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_provisioned_board_publishes_its_own_telemetry_and_it_reaches_the_store()
    {
        var meteo = fixture.Meteo;
        var sent = await MosquittoClients.PubAsync(meteo.Args(Port), "roboclub/club1/meteo-01/telemetry",
            """{"samples":[{"t":1000,"s":"presiune","v":1013.25}],"dropped":0,"now":1000}""");
        Assert.True(sent.ExitCode == 0, sent.Error);

        JsonElement series = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            series = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/telemetry/meteo-01/series");
            if (series.EnumerateArray().Any(s => s.GetProperty("series").GetString() == "presiune")) break;
        }
        Assert.Contains("presiune", series.EnumerateArray().Select(s => s.GetProperty("series").GetString()));
    }

    [Fact]
    public async Task A_board_cannot_publish_into_another_boards_subtree_nor_its_own_program_cmd_or_config()
    {
        using var recorder = new BusRecorder(Bus);
        var meteo = fixture.Meteo;
        string intruder = Unique("intruder");
        string[] forbidden =
        [
            "roboclub/club1/robot-07/cmd", "roboclub/club1/robot-07/program", "roboclub/club1/robot-07/config",
            "roboclub/club1/robot-07/telemetry", "roboclub/club1/robot-1/cmd", "roboclub/club1/all/cmd",
            "roboclub/club1/messages/salut", "roboclub/club1/time", "roboclub/club2/meteo-01/telemetry",
            "roboclub/club1/meteo-01/program", "roboclub/club1/meteo-01/cmd", "roboclub/club1/meteo-01/config",
        ];
        long deniedBefore = Security.DeniedPublishes;
        foreach (var topic in forbidden)
        {
            // MQTT 3.1.1 cannot refuse a PUBLISH: the broker acknowledges it and drops it.
            var r = await MosquittoClients.PubAsync(meteo.Args(Port), topic, $$"""{"cmd":"stop","seq":1,"note":"{{intruder}}"}""");
            Assert.True(r.ExitCode == 0, topic + ": " + r.Error);
        }
        // Another board's status (retained): robot-1 must stay online for the hub.
        var status = await MosquittoClients.PubAsync(meteo.Args(Port), "roboclub/club1/robot-1/status", $$"""{"state":"offline","note":"{{intruder}}"}""", "-r");
        Assert.Equal(0, status.ExitCode);
        // MQTT 5 says why.
        var v5 = await MosquittoClients.PubAsync(meteo.Args(Port, v5: true), "roboclub/club1/robot-07/cmd", intruder);
        Assert.Contains("Not authorized", v5.Error);

        // The board's own topics still work, and come after every refused one (one broker, in order).
        string marker = Unique("marker");
        Assert.Equal(0, (await MosquittoClients.PubAsync(meteo.Args(Port), "roboclub/club1/meteo-01/console", $$"""{"text":"{{marker}}"}""")).ExitCode);
        await recorder.WaitForAsync(marker);
        Assert.False(recorder.Saw(intruder), "refused messages reached the hub: " + string.Join(", ", recorder.Messages.Where(m => m.Payload.Contains(intruder)).Select(m => m.Topic)));
        Assert.True(Security.DeniedPublishes - deniedBefore >= forbidden.Length + 2);

        var robot = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1");
        Assert.True(robot.GetProperty("online").GetBoolean());
        Assert.DoesNotContain("robot-07", (await fixture.Client.GetFromJsonAsync<JsonElement>("/api/telemetry/series")).EnumerateArray().Select(b => b.GetProperty("board").GetString()));
    }

    [Fact]
    public async Task A_board_cannot_subscribe_to_another_boards_topics_or_everything_but_gets_its_own()
    {
        var meteo = fixture.Meteo;
        foreach (var filter in new[] { "roboclub/club1/robot-07/cmd", "roboclub/club1/+/status", "roboclub/#", "#", "roboclub/club1/meteo-01/#" })
        {
            var r = await MosquittoClients.SubAsync(meteo.Args(Port), [filter], "-W", "10");
            Assert.Contains("All subscription requests were denied", r.Error);
        }

        // Allowed and refused filters in one SUBSCRIBE: while the hub sends robot-07's command and then
        // meteo-01's, again and again, the first message mosquitto_sub gets is meteo-01's.
        using var sub = Tool.Start("mosquitto_sub", [.. meteo.Args(Port), "-t", "roboclub/club1/meteo-01/cmd", "-t", "#", "-t", "roboclub/club1/robot-07/cmd", "-v", "-C", "1", "-W", "30"]);
        var output = sub.StandardOutput.ReadToEndAsync();
        for (int i = 0; i < 200 && !sub.HasExited; i++)
        {
            await Bus.PublishAsync("roboclub/club1/robot-07/cmd", """{"cmd":"stop","seq":7}"""u8.ToArray(), retain: false);
            await Bus.PublishAsync("roboclub/club1/meteo-01/cmd", """{"cmd":"stop","seq":1}"""u8.ToArray(), retain: false);
            await Task.Delay(100);
        }
        await sub.WaitForExitAsync();
        Assert.Equal("roboclub/club1/meteo-01/cmd {\"cmd\":\"stop\",\"seq\":1}", (await output).Trim());

        // The club-wide topics a board needs.
        var clubWide = await MosquittoClients.SubAsync(meteo.Args(Port), ["roboclub/club1/all/cmd", "roboclub/club1/messages/#", "roboclub/club1/time"], "-W", "2");
        Assert.DoesNotContain("denied", clubWide.Error);
    }

    [Fact]
    public async Task Wrong_or_missing_passwords_and_another_boards_client_id_are_refused()
    {
        var meteo = fixture.Meteo;
        string topic = "roboclub/club1/meteo-01/console";
        var wrong = await MosquittoClients.PubAsync(new BoardLogin("meteo-01", "not-the-password").Args(Port), topic, "{}");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("bad user name or password", wrong.Error);
        var otherBoards = await MosquittoClients.PubAsync(new BoardLogin("meteo-01", fixture.Robot.Password).Args(Port), topic, "{}");
        Assert.Contains("bad user name or password", otherBoards.Error);
        var unknown = await MosquittoClients.PubAsync(new BoardLogin("robot-99", meteo.Password).Args(Port), "roboclub/club1/robot-99/console", "{}");
        Assert.Contains("bad user name or password", unknown.Error);
        var anonymous = await MosquittoClients.PubAsync(MosquittoClients.Anonymous(Port, "meteo-01"), topic, "{}");
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains("not authorised", anonymous.Error);
        // A board's client id names its broker session: nobody may take over robot-07's.
        var takeover = await MosquittoClients.PubAsync(["-h", "127.0.0.1", "-p", Port.ToString(), "-i", "roboclub-club1-robot-07", "-u", "meteo-01", "-P", meteo.Password], topic, "{}");
        Assert.Contains("identifier rejected", takeover.Error);
        // Its own two forms of client id are fine.
        Assert.Equal(0, (await MosquittoClients.PubAsync(["-h", "127.0.0.1", "-p", Port.ToString(), "-i", "meteo-01", "-u", "meteo-01", "-P", meteo.Password], topic, "{}")).ExitCode);
        Assert.Equal(0, (await MosquittoClients.PubAsync(meteo.Args(Port), topic, "{}")).ExitCode);
    }

    [Fact]
    public async Task A_board_flashed_before_this_version_logs_in_with_its_slow_hash()
    {
        var old = fixture.Old;
        for (int i = 0; i < 2; i++) // the second login is answered from the cache
        {
            var r = await MosquittoClients.PubAsync(old.Args(Port), "roboclub/club1/old-01/console", """{"text":"încă merg"}""");
            Assert.True(r.ExitCode == 0, r.Error);
        }
        var wrong = await MosquittoClients.PubAsync(new BoardLogin("old-01", fixture.Meteo.Password).Args(Port), "roboclub/club1/old-01/console", "{}");
        Assert.Contains("bad user name or password", wrong.Error);
    }

    [Fact]
    public async Task The_hubs_virtual_boards_log_in_with_passwords_made_at_start_and_kept_nowhere()
    {
        // ReadyClientAsync saw both virtual boards online; they logged in as themselves.
        var boards = fixture.Hub.Service<VirtualBoards>().Boards;
        Assert.NotEmpty(boards);
        foreach (var b in boards)
        {
            Assert.Equal(b.Options.Board, b.Options.UserName);
            Assert.False(string.IsNullOrEmpty(b.Options.Password));
            Assert.Null(fixture.Hub.Service<RoboClub.Hub.Flashing.BoardInventory>().Find(b.Options.Board));
        }
        // A virtual board's password is its alone.
        var robot1 = boards.Single(b => b.Options.Board == "robot-1");
        var asStation = await MosquittoClients.PubAsync(new BoardLogin("station-1", robot1.Options.Password!).Args(Port), "roboclub/club1/station-1/console", "{}");
        Assert.Contains("bad user name or password", asStation.Error);
        foreach (var file in Directory.GetFiles(fixture.Hub.DataDirectory, "*", SearchOption.AllDirectories))
        {
            using var s = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Assert.DoesNotContain(robot1.Options.Password!, await new StreamReader(s).ReadToEndAsync());
        }
    }
}
