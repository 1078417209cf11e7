using System.Text;
using RoboClub.Mqtt.Broker;
using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Broker;

/// <summary>The hook the hub uses for board credentials: each board may only touch its own subtree.</summary>
public class SecurityHookTests
{
    sealed class BoardSecurity : IMqttBrokerSecurity
    {
        public ValueTask<MqttReasonCode> AuthenticateAsync(MqttClientIdentity client, ReadOnlyMemory<byte> password, CancellationToken ct) =>
            ValueTask.FromResult(client.UserName is { } u && Encoding.UTF8.GetString(password.Span) == u + "-secret" ? MqttReasonCode.Success : MqttReasonCode.BadUserNameOrPassword);

        public bool CanPublish(MqttClientIdentity client, string topic) => topic.StartsWith($"club/{client.UserName}/", StringComparison.Ordinal);

        public bool CanSubscribe(MqttClientIdentity client, string filter) =>
            filter == $"club/{client.UserName}/cmd" || client.UserName == "hub";
    }

    static Action<ConnectPacket> As(string user, string? password = null) => c => { c.UserName = user; c.Password = Encoding.UTF8.GetBytes(password ?? user + "-secret"); };

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Wrong_password_is_refused(MqttProtocolVersion v)
    {
        await using var b = await TestBroker.StartAsync(o => o.Security = new BoardSecurity());
        await using var c = await RawClient.OpenAsync(b.Port, v);
        var connect = new ConnectPacket { ClientId = "b1", ProtocolVersion = v };
        As("b1", "guess")(connect);
        await c.SendAsync(connect);
        var packets = await c.ReadUntilClosedAsync();
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, Assert.IsType<ConnAckPacket>(Assert.Single(packets)).ReasonCode);
        Assert.Equal(1, b.Broker.Statistics.AuthenticationFailures);
    }

    [Fact]
    public async Task Board_cannot_publish_into_another_boards_subtree_or_subscribe_to_it()
    {
        await using var b = await TestBroker.StartAsync(o => o.Security = new BoardSecurity());
        await using var hub = await RawClient.ConnectAsync(b.Port, "hub", MqttProtocolVersion.V500, As("hub"));
        await hub.SubscribeAsync("club/#");
        await using var b1 = await RawClient.ConnectAsync(b.Port, "b1", MqttProtocolVersion.V500, As("b1"));

        await b1.SendAsync(new PublishPacket { Topic = "club/b2/cmd", Payload = "stop"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 1 });
        Assert.Equal(MqttReasonCode.NotAuthorized, (await b1.ExpectAsync<PubAckPacket>()).ReasonCode);
        await b1.SendAsync(new PublishPacket { Topic = "club/b1/telemetry", Payload = "1"u8.ToArray() });
        Assert.Equal("club/b1/telemetry", (await hub.ExpectAsync<PublishPacket>()).Topic);
        Assert.True(await hub.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));

        await b1.SendAsync(new SubscribePacket { PacketId = 2, TopicFilters = { new("club/b2/cmd"), new("club/b1/cmd") } });
        Assert.Equal(new[] { MqttReasonCode.NotAuthorized, MqttReasonCode.GrantedQoS0 }, (await b1.ExpectAsync<SubAckPacket>()).ReasonCodes);
    }

    [Fact]
    public async Task Will_into_a_forbidden_topic_refuses_the_connection()
    {
        await using var b = await TestBroker.StartAsync(o => o.Security = new BoardSecurity());
        await using var c = await RawClient.OpenAsync(b.Port, MqttProtocolVersion.V500);
        var connect = new ConnectPacket { ClientId = "b1", ProtocolVersion = MqttProtocolVersion.V500, Will = new MqttApplicationMessage { Topic = "club/b2/status", Payload = "x"u8.ToArray() } };
        As("b1")(connect);
        await c.SendAsync(connect);
        Assert.Equal(MqttReasonCode.NotAuthorized, (await c.ExpectAsync<ConnAckPacket>()).ReasonCode);
    }

    [Fact]
    public async Task Anonymous_clients_are_refused_when_not_allowed()
    {
        await using var b = await TestBroker.StartAsync(o => o.AllowAnonymous = false);
        await using var c = await RawClient.OpenAsync(b.Port);
        await c.SendAsync(new ConnectPacket { ClientId = "anon" });
        Assert.Equal(MqttReasonCode.NotAuthorized, (await c.ExpectAsync<ConnAckPacket>()).ReasonCode);
    }
}
