using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Interop;

/// <summary>mosquitto_pub and mosquitto_sub (Debian mosquitto-clients) as real peers of our broker.</summary>
public class MosquittoClientsAgainstOurBrokerTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);
    const string Pub = "mosquitto_pub", Sub = "mosquitto_sub";

    static string[] Common(TestBroker b, string version, params string[] more) =>
        ["-h", "127.0.0.1", "-p", b.Port.ToString(), "-V", version, .. more];

    static Task WaitForSubscriptionsAsync(TestBroker b, int count) =>
        Eventually.TrueAsync(() => b.Broker.Tree.Count >= count, $"{count} subscription(s) at the broker", TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData("mqttv311", 0)]
    [InlineData("mqttv311", 1)]
    [InlineData("mqttv311", 2)]
    [InlineData("mqttv5", 0)]
    [InlineData("mqttv5", 1)]
    [InlineData("mqttv5", 2)]
    public async Task Qos_round_trip(string version, int qos)
    {
        await using var b = await TestBroker.StartAsync();
        using var sub = ExternalProcess.Start(Sub, Common(b, version, "-t", "club/+/temp", "-q", qos.ToString(), "-C", "3", "-F", "%t|%q|%p"));
        await WaitForSubscriptionsAsync(b, 1);
        for (int i = 0; i < 3; i++)
        {
            var (code, _, err) = await ExternalProcess.RunAsync(Limit, Pub, Common(b, version, "-t", $"club/b{i}/temp", "-q", qos.ToString(), "-m", $"2{i}.5"));
            Assert.True(code == 0, err);
        }
        Assert.Equal(0, await sub.WaitAsync(Limit));
        Assert.Equal(new[] { $"club/b0/temp|{qos}|20.5", $"club/b1/temp|{qos}|21.5", $"club/b2/temp|{qos}|22.5" }, sub.Output.ToArray());
    }

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Retained_message_reaches_a_late_subscriber(string version)
    {
        await using var b = await TestBroker.StartAsync();
        var (code, _, err) = await ExternalProcess.RunAsync(Limit, Pub, Common(b, version, "-t", "club/b1/status", "-r", "-q", "1", "-m", "online"));
        Assert.True(code == 0, err);
        var (subCode, lines, subErr) = await ExternalProcess.RunAsync(Limit, Sub, Common(b, version, "-t", "club/#", "-C", "1", "-F", "%t|%r|%p"));
        Assert.True(subCode == 0, subErr);
        Assert.Equal(["club/b1/status|1|online"], lines);
    }

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Will_is_published_when_a_client_is_killed(string version)
    {
        await using var b = await TestBroker.StartAsync();
        using var watcher = ExternalProcess.Start(Sub, Common(b, version, "-t", "club/+/status", "-C", "1", "-F", "%t|%p"));
        using var board = ExternalProcess.Start(Sub, Common(b, version, "-i", "board-3", "-t", "club/board-3/cmd", "--will-topic", "club/board-3/status", "--will-payload", "offline", "--will-qos", "1"));
        await WaitForSubscriptionsAsync(b, 2);
        board.Kill();
        Assert.Equal(0, await watcher.WaitAsync(Limit));
        Assert.Equal(["club/board-3/status|offline"], watcher.Output.ToArray());
    }

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Persistent_session_receives_what_was_sent_while_offline(string version)
    {
        await using var b = await TestBroker.StartAsync();
        string[] session = ["-i", "station-9", "-c", "-q", "1", "-t", "club/station-9/cmd", .. (version == "mqttv5" ? new[] { "-x", "3600" } : [])];
        // Subscribe, then leave (-E: exit once subscribed).
        var (c1, _, e1) = await ExternalProcess.RunAsync(Limit, Sub, Common(b, version, [.. session, "-E"]));
        Assert.True(c1 == 0, e1);
        for (int i = 1; i <= 2; i++)
        {
            var (c, _, e) = await ExternalProcess.RunAsync(Limit, Pub, Common(b, version, "-t", "club/station-9/cmd", "-q", "1", "-m", $"cmd{i}"));
            Assert.True(c == 0, e);
        }
        var (c2, lines, e2) = await ExternalProcess.RunAsync(Limit, Sub, Common(b, version, [.. session, "-C", "2", "-F", "%p"]));
        Assert.True(c2 == 0, e2);
        Assert.Equal(["cmd1", "cmd2"], lines);
    }

    [Fact]
    public async Task Mqtt5_properties_pass_through()
    {
        await using var b = await TestBroker.StartAsync();
        using var sub = ExternalProcess.Start(Sub, Common(b, "mqttv5", "-t", "req/#", "-C", "1", "-F", "%t|%p|%C|%R|%E|%P"));
        await WaitForSubscriptionsAsync(b, 1);
        var (code, _, err) = await ExternalProcess.RunAsync(Limit, Pub, Common(b, "mqttv5", "-t", "req/1", "-m", "{\"led\":\"red\"}",
            "-D", "publish", "content-type", "application/json",
            "-D", "publish", "response-topic", "resp/1",
            "-D", "publish", "message-expiry-interval", "120",
            "-D", "publish", "user-property", "board", "b1"));
        Assert.True(code == 0, err);
        Assert.Equal(0, await sub.WaitAsync(Limit));
        var parts = Assert.Single(sub.Output).Split('|');
        Assert.Equal("req/1", parts[0]);
        Assert.Equal("{\"led\":\"red\"}", parts[1]);
        Assert.Equal("application/json", parts[2]);
        Assert.Equal("resp/1", parts[3]);
        Assert.InRange(int.Parse(parts[4]), 115, 120);
        Assert.Equal("board:b1", parts[5]);
    }

    [Fact]
    public async Task Many_messages_from_one_publisher_all_arrive_in_order()
    {
        await using var b = await TestBroker.StartAsync();
        const int n = 2000;
        using var sub = ExternalProcess.Start(Sub, Common(b, "mqttv311", "-t", "load", "-q", "1", "-C", n.ToString(), "-F", "%p"));
        await WaitForSubscriptionsAsync(b, 1);
        var lines = string.Join("\n", Enumerable.Range(0, n)) + "\n";
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, lines);
        try
        {
            var (code, _, err) = await ExternalProcess.RunAsync(Limit, "sh", "-c", $"mosquitto_pub -h 127.0.0.1 -p {b.Port} -t load -q 1 -l < {file}");
            Assert.True(code == 0, err);
        }
        finally { File.Delete(file); }
        Assert.Equal(0, await sub.WaitAsync(Limit));
        Assert.Equal(Enumerable.Range(0, n).Select(i => i.ToString()), sub.Output.ToArray());
    }
}
