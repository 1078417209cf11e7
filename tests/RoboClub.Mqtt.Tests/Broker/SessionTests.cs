using System.Text;
using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Broker;

public class SessionTests
{
    const MqttProtocolVersion V3 = MqttProtocolVersion.V311, V5 = MqttProtocolVersion.V500;

    static MqttApplicationMessage Will(string topic, string payload, bool retain = false) =>
        new() { Topic = topic, Payload = Encoding.UTF8.GetBytes(payload), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, Retain = retain };

    static PublishPacket Qos1(string topic, string payload, ushort id) =>
        new() { Topic = topic, Payload = Encoding.UTF8.GetBytes(payload), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = id };

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Persistent_session_gets_messages_sent_while_it_was_offline(MqttProtocolVersion v)
    {
        await using var b = await TestBroker.StartAsync();
        Action<ConnectPacket> persistent = c => { c.CleanStart = false; c.SessionExpiryInterval = 3600; };
        await using (var s = await RawClient.ConnectAsync(b.Port, "board-7", v, persistent))
        {
            Assert.False(s.LastConnAck!.SessionPresent);
            await s.SubscribeAsync("club/board-7/program", MqttQualityOfServiceLevel.ExactlyOnce);
            await s.SendAsync(new DisconnectPacket());
        }
        await b.GoneAsync("board-7");
        await using var pub = await RawClient.ConnectAsync(b.Port, "hub", v);
        for (ushort i = 1; i <= 3; i++) { await pub.SendAsync(Qos1("club/board-7/program", $"v{i}", i)); await pub.ExpectAsync<PubAckPacket>(); }

        await using var back = await RawClient.ConnectAsync(b.Port, "board-7", v, persistent);
        Assert.True(back.LastConnAck!.SessionPresent);
        for (int i = 1; i <= 3; i++)
        {
            var m = await back.ExpectAsync<PublishPacket>();
            Assert.Equal($"v{i}", Encoding.UTF8.GetString(m.Payload.Span));
            await back.SendAsync(new PubAckPacket { PacketId = m.PacketId });
        }
    }

    [Fact]
    public async Task Unacknowledged_message_is_sent_again_with_dup_after_reconnect()
    {
        await using var b = await TestBroker.StartAsync();
        Action<ConnectPacket> persistent = c => c.CleanStart = false;
        var s = await RawClient.ConnectAsync(b.Port, "flaky", V3, persistent);
        await s.SubscribeAsync("t", MqttQualityOfServiceLevel.AtLeastOnce);
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", V3);
        await pub.SendAsync(Qos1("t", "important", 1));
        var first = await s.ExpectAsync<PublishPacket>();
        Assert.False(first.Dup);
        s.Abort(); // no PUBACK: the link dropped
        await s.DisposeAsync();

        await using var back = await RawClient.ConnectAsync(b.Port, "flaky", V3, persistent);
        var again = await back.ExpectAsync<PublishPacket>();
        Assert.True(again.Dup);
        Assert.Equal(first.PacketId, again.PacketId);
        Assert.Equal("important", Encoding.UTF8.GetString(again.Payload.Span));
    }

    [Fact]
    public async Task Clean_start_discards_the_old_session()
    {
        await using var b = await TestBroker.StartAsync();
        await using (var s = await RawClient.ConnectAsync(b.Port, "c", V5, c => { c.CleanStart = false; c.SessionExpiryInterval = 60; }))
        {
            await s.SubscribeAsync("t", MqttQualityOfServiceLevel.AtLeastOnce);
            await s.SendAsync(new DisconnectPacket());
        }
        await using var again = await RawClient.ConnectAsync(b.Port, "c", V5, c => c.CleanStart = true);
        Assert.False(again.LastConnAck!.SessionPresent);
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", V5);
        await pub.SendAsync(Qos1("t", "x", 1));
        Assert.True(await again.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Session_ends_when_its_expiry_interval_runs_out()
    {
        await using var b = await TestBroker.StartAsync();
        await using (var s = await RawClient.ConnectAsync(b.Port, "brief", V5, c => { c.CleanStart = false; c.SessionExpiryInterval = 1; }))
        {
            await s.SubscribeAsync("t", MqttQualityOfServiceLevel.AtLeastOnce);
            await s.SendAsync(new DisconnectPacket());
        }
        await Task.Delay(1600);
        await using var back = await RawClient.ConnectAsync(b.Port, "brief", V5, c => { c.CleanStart = false; c.SessionExpiryInterval = 1; });
        Assert.False(back.LastConnAck!.SessionPresent);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Will_is_published_when_a_board_vanishes_but_not_after_a_normal_disconnect(MqttProtocolVersion v)
    {
        await using var b = await TestBroker.StartAsync();
        await using var watcher = await RawClient.ConnectAsync(b.Port, "hub", v);
        await watcher.SubscribeAsync("club/+/status", MqttQualityOfServiceLevel.AtLeastOnce);

        var polite = await RawClient.ConnectAsync(b.Port, "b1", v, c => c.Will = Will("club/b1/status", "offline"));
        await polite.SendAsync(new DisconnectPacket());
        await polite.DisposeAsync();
        Assert.True(await watcher.NothingWithinAsync(TimeSpan.FromMilliseconds(300)));

        var lost = await RawClient.ConnectAsync(b.Port, "b2", v, c => c.Will = Will("club/b2/status", "offline", retain: true));
        lost.Abort();
        var will = await watcher.ExpectAsync<PublishPacket>();
        Assert.Equal("club/b2/status", will.Topic);
        Assert.Equal("offline", Encoding.UTF8.GetString(will.Payload.Span));

        // retained will: a later subscriber learns the board is offline
        await using var late = await RawClient.ConnectAsync(b.Port, "late", v);
        await late.SubscribeAsync("club/b2/status");
        Assert.True((await late.ExpectAsync<PublishPacket>()).Retain);
    }

    [Fact]
    public async Task Will_with_delay_but_session_expiry_zero_goes_when_the_session_ends()
    {
        // mosquitto 2.0.11 waits the delay here; MQTT 5 says the will goes when the session ends.
        await using var b = await TestBroker.StartAsync();
        await using var watcher = await RawClient.ConnectAsync(b.Port, "hub", V5);
        await watcher.SubscribeAsync("status/#");
        var board = await RawClient.ConnectAsync(b.Port, "b", V5, c => { c.Will = Will("status/b", "gone"); c.WillDelayInterval = 30; c.SessionExpiryInterval = 0; });
        board.Abort();
        var got = await watcher.ExpectAsync<PublishPacket>(TimeSpan.FromSeconds(2));
        Assert.Equal("status/b", got.Topic);
    }

    [Fact]
    public async Task Delayed_will_is_cancelled_when_the_client_comes_back_in_time_and_sent_otherwise()
    {
        await using var b = await TestBroker.StartAsync();
        await using var watcher = await RawClient.ConnectAsync(b.Port, "hub", V5);
        await watcher.SubscribeAsync("status/#");
        Action<ConnectPacket> cfg = c => { c.Will = Will("status/b", "gone"); c.WillDelayInterval = 1; c.SessionExpiryInterval = 60; c.CleanStart = false; };

        var board = await RawClient.ConnectAsync(b.Port, "b", V5, cfg);
        board.Abort();
        await using (var back = await RawClient.ConnectAsync(b.Port, "b", V5, cfg))
        {
            Assert.True(await watcher.NothingWithinAsync(TimeSpan.FromMilliseconds(1600)));
            back.Abort();
        }
        var got = await watcher.ExpectAsync<PublishPacket>(TimeSpan.FromSeconds(3));
        Assert.Equal("gone", Encoding.UTF8.GetString(got.Payload.Span));
    }

    [Theory]
    [InlineData(false, false)] // the client came back and resumed its session: no will
    [InlineData(true, true)]   // a clean start ended the old session: its will goes now
    public async Task Takeover_decides_the_delayed_will_by_whether_the_session_lives_on(bool cleanStart, bool willExpected)
    {
        await using var b = await TestBroker.StartAsync();
        await using var watcher = await RawClient.ConnectAsync(b.Port, "hub", V5);
        await watcher.SubscribeAsync("status/#");
        await using var first = await RawClient.ConnectAsync(b.Port, "b", V5, c => { c.Will = Will("status/b", "gone"); c.WillDelayInterval = 60; c.SessionExpiryInterval = 600; });
        await using var second = await RawClient.ConnectAsync(b.Port, "b", V5, c => { c.CleanStart = cleanStart; c.SessionExpiryInterval = 600; });
        Assert.Equal(!cleanStart, second.LastConnAck!.SessionPresent);
        await first.ReadUntilClosedAsync();
        if (willExpected) Assert.Equal("gone", Encoding.UTF8.GetString((await watcher.ExpectAsync<PublishPacket>()).Payload.Span));
        else Assert.True(await watcher.NothingWithinAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Disconnect_with_will_message_reason_sends_the_will()
    {
        await using var b = await TestBroker.StartAsync();
        await using var watcher = await RawClient.ConnectAsync(b.Port, "hub", V5);
        await watcher.SubscribeAsync("status/#");
        await using var board = await RawClient.ConnectAsync(b.Port, "b", V5, c => c.Will = Will("status/b", "bye"));
        await board.SendAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage });
        Assert.Equal("bye", Encoding.UTF8.GetString((await watcher.ExpectAsync<PublishPacket>()).Payload.Span));
    }

    [Fact]
    public async Task Second_connection_with_the_same_client_id_takes_the_session_over()
    {
        await using var b = await TestBroker.StartAsync();
        await using var first = await RawClient.ConnectAsync(b.Port, "dup", V5);
        await using var second = await RawClient.ConnectAsync(b.Port, "dup", V5);
        var packets = await first.ReadUntilClosedAsync();
        var d = Assert.IsType<DisconnectPacket>(Assert.Single(packets));
        Assert.Equal(MqttReasonCode.SessionTakenOver, d.ReasonCode);
        await second.SendAsync(PingReqPacket.Instance);
        await second.ExpectAsync<PingRespPacket>();
    }

    [Fact]
    public async Task Keep_alive_timeout_closes_a_silent_client_and_fires_its_will()
    {
        await using var b = await TestBroker.StartAsync();
        await using var watcher = await RawClient.ConnectAsync(b.Port, "hub", V5);
        await watcher.SubscribeAsync("status/#");
        await using var silent = await RawClient.ConnectAsync(b.Port, "quiet", V5, c => { c.KeepAliveSeconds = 1; c.Will = Will("status/quiet", "lost"); });
        var packets = await silent.ReadUntilClosedAsync(TimeSpan.FromSeconds(4));
        Assert.Equal(MqttReasonCode.KeepAliveTimeout, Assert.IsType<DisconnectPacket>(Assert.Single(packets)).ReasonCode);
        Assert.Equal("status/quiet", (await watcher.ExpectAsync<PublishPacket>()).Topic);
    }

    [Fact]
    public async Task Pings_keep_a_client_alive()
    {
        await using var b = await TestBroker.StartAsync();
        await using var c = await RawClient.ConnectAsync(b.Port, "pinger", V3, c => c.KeepAliveSeconds = 1);
        for (int i = 0; i < 4; i++)
        {
            await Task.Delay(600);
            await c.SendAsync(PingReqPacket.Instance);
            await c.ExpectAsync<PingRespPacket>();
        }
    }

    [Fact]
    public async Task Connection_that_never_sends_connect_is_closed_by_the_connect_timeout()
    {
        await using var b = await TestBroker.StartAsync(o => o.ConnectTimeout = TimeSpan.FromMilliseconds(500));
        await using var idle = await RawClient.OpenAsync(b.Port);
        var packets = await idle.ReadUntilClosedAsync(TimeSpan.FromSeconds(3));
        Assert.Empty(packets);
    }

    [Fact]
    public async Task Empty_client_id_gets_an_assigned_id_in_v5_and_is_refused_with_clean_session_0_in_v311()
    {
        await using var b = await TestBroker.StartAsync();
        await using var v5 = await RawClient.ConnectAsync(b.Port, "", V5);
        Assert.StartsWith("auto-", v5.LastConnAck!.AssignedClientIdentifier);

        await using var v3 = await RawClient.OpenAsync(b.Port, V3);
        await v3.SendAsync(new ConnectPacket { ClientId = "", CleanStart = false });
        Assert.Equal(MqttReasonCode.ClientIdentifierNotValid, (await v3.ExpectAsync<ConnAckPacket>()).ReasonCode);
    }

    [Fact]
    public async Task Graceful_stop_tells_v5_clients_the_server_is_shutting_down()
    {
        var b = await TestBroker.StartAsync();
        await using var c = await RawClient.ConnectAsync(b.Port, "c", V5);
        var stop = b.Broker.StopAsync();
        var packets = await c.ReadUntilClosedAsync();
        await stop;
        Assert.Equal(MqttReasonCode.ServerShuttingDown, Assert.IsType<DisconnectPacket>(Assert.Single(packets)).ReasonCode);
    }
}
