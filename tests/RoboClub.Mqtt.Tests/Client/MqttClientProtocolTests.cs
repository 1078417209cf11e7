using System.Text;
using RoboClub.Mqtt.Client;
using RoboClub.Mqtt.Packets;
using static RoboClub.Mqtt.Tests.Client.ClientTestKit;

namespace RoboClub.Mqtt.Tests.Client;

/// <summary>Protocol details checked against a scripted server (see <see cref="FakeMqttServer"/>).</summary>
public sealed class MqttClientProtocolTests
{
    static MqttClientOptions Options(FakeMqttServer server, MqttProtocolVersion version) => new()
    {
        Host = "127.0.0.1",
        Port = server.Port,
        ProtocolVersion = version,
        ClientId = Unique("fake"),
        ConnectTimeout = TimeSpan.FromSeconds(3),
        Timeout = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public async Task Server_disconnect_reason_reaches_the_disconnected_event()
    {
        await using var server = new FakeMqttServer(MqttProtocolVersion.V500);
        await using var client = new MqttClient(Options(server, MqttProtocolVersion.V500));
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>();
        client.DisconnectedAsync += e => { disconnected.TrySetResult(e); return Task.CompletedTask; };
        var connecting = client.ConnectAsync();
        var (session, _) = await server.AcceptConnectAsync();
        await connecting;

        await session.SendAsync(new DisconnectPacket { ReasonCode = MqttReasonCode.ServerShuttingDown, ReasonString = "library closes at 18:00" });
        var e = await disconnected.Task.WaitAsync(Deadline);
        Assert.Equal(MqttReasonCode.ServerShuttingDown, e.ReasonCode);
        Assert.Equal("library closes at 18:00", e.ReasonString);
        Assert.True(e.IsClean);
        Assert.True(e.InitiatedByServer);
        Assert.False(client.IsConnected);
        await session.DisposeAsync();
    }

    [Fact]
    public async Task Incoming_topic_aliases_are_resolved_and_an_unknown_alias_disconnects()
    {
        await using var server = new FakeMqttServer(MqttProtocolVersion.V500);
        var options = Options(server, MqttProtocolVersion.V500);
        options.TopicAliasMaximum = 4;
        var log = new MessageLog();
        await using var client = new MqttClient(options);
        log.Attach(client);
        var connecting = client.ConnectAsync();
        var (session, connect) = await server.AcceptConnectAsync();
        await connecting;
        Assert.Equal(4, connect.TopicAliasMaximum);

        await session.SendAsync(new PublishPacket { Topic = "robot/1/speed", TopicAlias = 2, Payload = "10"u8.ToArray() });
        await session.SendAsync(new PublishPacket { Topic = "", TopicAlias = 2, Payload = "20"u8.ToArray() });
        var received = await log.WaitAsync("robot/1/speed", 2);
        Assert.Equal(["10", "20"], received.Select(m => m.PayloadAsString()));

        await session.SendAsync(new PublishPacket { Topic = "", TopicAlias = 3, Payload = "?"u8.ToArray() }); // never set
        var disconnect = await session.ReadAsync<DisconnectPacket>();
        Assert.Equal(MqttReasonCode.TopicAliasInvalid, disconnect.ReasonCode);
        await UntilAsync(() => !client.IsConnected, "client closed the connection");
        await session.DisposeAsync();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Duplicate_qos2_publish_is_acknowledged_but_delivered_once(MqttProtocolVersion version)
    {
        await using var server = new FakeMqttServer(version);
        var log = new MessageLog();
        await using var client = new MqttClient(Options(server, version));
        log.Attach(client);
        var connecting = client.ConnectAsync();
        var (session, _) = await server.AcceptConnectAsync();
        await connecting;

        var publish = new PublishPacket { Topic = "t/q2", PacketId = 7, QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce, Payload = "once"u8.ToArray() };
        await session.SendAsync(publish);
        Assert.Equal(7, (await session.ReadAsync<PubRecPacket>()).PacketId);
        publish.Dup = true;
        await session.SendAsync(publish); // our PUBREC "got lost": the server resends
        Assert.Equal(7, (await session.ReadAsync<PubRecPacket>()).PacketId);
        await session.SendAsync(new PubRelPacket { PacketId = 7 });
        Assert.Equal(7, (await session.ReadAsync<PubCompPacket>()).PacketId);

        // Same identifier, new message after the exchange completed: delivered.
        publish.Dup = false;
        publish.Payload = "again"u8.ToArray();
        await session.SendAsync(publish);
        Assert.Equal(7, (await session.ReadAsync<PubRecPacket>()).PacketId);
        var received = await log.WaitAsync("t/q2", 2);
        Assert.Equal(["once", "again"], received.Select(m => m.PayloadAsString()));
        await session.DisposeAsync();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Unacknowledged_publishes_are_resent_with_dup_after_reconnect(MqttProtocolVersion version)
    {
        await using var server = new FakeMqttServer(version);
        var options = Options(server, version);
        options.CleanStart = false;
        options.SessionExpiryInterval = 60;
        options.AutoReconnect = true;
        options.ReconnectDelay = TimeSpan.FromMilliseconds(20);
        await using var client = new MqttClient(options);
        var connecting = client.ConnectAsync();
        var (first, _) = await server.AcceptConnectAsync();
        await connecting;

        var q1 = client.PublishAsync(Message("t/q1", "one", MqttQualityOfServiceLevel.AtLeastOnce));
        var q2 = client.PublishAsync(Message("t/q2", "two", MqttQualityOfServiceLevel.ExactlyOnce));
        var p1 = await first.ReadAsync<PublishPacket>();
        var p2 = await first.ReadAsync<PublishPacket>();
        Assert.False(p1.Dup);
        await first.SendAsync(new PubRecPacket { PacketId = p2.PacketId });
        Assert.Equal(p2.PacketId, (await first.ReadAsync<PubRelPacket>()).PacketId);
        await first.DisposeAsync(); // link lost: q1 awaits PUBACK, q2 awaits PUBCOMP

        var (second, connect) = await server.AcceptConnectAsync(sessionPresent: true);
        Assert.False(connect.CleanStart);
        Assert.Equal(options.ClientId, connect.ClientId);
        var resent = await second.ReadAsync<PublishPacket>();
        Assert.True(resent.Dup);
        Assert.Equal(p1.PacketId, resent.PacketId);
        Assert.Equal("one", Encoding.UTF8.GetString(resent.Payload.Span));
        Assert.Equal(p2.PacketId, (await second.ReadAsync<PubRelPacket>()).PacketId); // PUBREL, not PUBLISH
        await second.SendAsync(new PubAckPacket { PacketId = p1.PacketId });
        await second.SendAsync(new PubCompPacket { PacketId = p2.PacketId });
        Assert.True((await q1.WaitAsync(Deadline)).IsSuccess);
        Assert.True((await q2.WaitAsync(Deadline)).IsSuccess);
        await second.DisposeAsync();
    }

    [Fact]
    public async Task Mqtt311_server_answering_a_v5_connect_is_reported_as_unsupported_version()
    {
        await using var server = new FakeMqttServer(MqttProtocolVersion.V311);
        await using var client = new MqttClient(Options(server, MqttProtocolVersion.V500));
        var connecting = client.ConnectAsync();
        await using var session = await server.AcceptAsync();
        await session.ReadAsync<ConnectPacket>();
        await session.SendAsync(new ConnAckPacket { ReasonCode = MqttReasonCode.UnsupportedProtocolVersion }); // 3.1.1 encoding: code 1
        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => connecting);
        Assert.Equal(MqttReasonCode.UnsupportedProtocolVersion, ex.ReasonCode);
    }
}
