using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Broker;

/// <summary>Bad input ends that connection with the right reason code and a log line; the broker keeps serving everyone else.</summary>
public class ProtocolErrorTests
{
    const MqttProtocolVersion V3 = MqttProtocolVersion.V311, V5 = MqttProtocolVersion.V500;

    async Task AssertBrokerStillServesAsync(TestBroker b)
    {
        await using var ok = await RawClient.ConnectAsync(b.Port, "still-ok-" + Guid.NewGuid().ToString("N")[..6]);
        await ok.SendAsync(PingReqPacket.Instance);
        await ok.ExpectAsync<PingRespPacket>();
    }

    public static TheoryData<string, byte[], MqttReasonCode> MalformedAfterConnect => new()
    {
        // PUBLISH QoS 3
        { "qos 3", [0x36, 0x05, 0x00, 0x01, (byte)'t', 0x00, 0x01], MqttReasonCode.MalformedPacket },
        // PUBREL with reserved flags 0000
        { "pubrel flags", [0x60, 0x02, 0x00, 0x01], MqttReasonCode.MalformedPacket },
        // SUBSCRIBE without topic filters (v5: protocol error)
        { "empty subscribe", [0x82, 0x03, 0x00, 0x01, 0x00], MqttReasonCode.ProtocolError },
        // PUBLISH topic with a wildcard
        { "wildcard topic", [0x30, 0x05, 0x00, 0x02, (byte)'a', (byte)'#', 0x00], MqttReasonCode.TopicNameInvalid },
        // invalid UTF-8 in topic
        { "bad utf8", [0x30, 0x05, 0x00, 0x02, 0xC3, 0x28, 0x00], MqttReasonCode.MalformedPacket },
        // remaining length of 5 bytes
        { "long remaining length", [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], MqttReasonCode.MalformedPacket },
        // a second CONNECT
        { "second connect", [0x10, 0x0D, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x05, 0x02, 0x00, 0x3C, 0x00, 0x00, 0x00], MqttReasonCode.ProtocolError },
        // duplicate property (two Message Expiry Interval)
        { "duplicate property", [0x30, 0x10, 0x00, 0x01, (byte)'t', 0x0A, 0x02, 0, 0, 0, 1, 0x02, 0, 0, 0, 1, (byte)'x', (byte)'y'], MqttReasonCode.ProtocolError },
    };

    [Theory]
    [MemberData(nameof(MalformedAfterConnect))]
    public async Task Malformed_packet_from_a_v5_client_gets_disconnect_with_reason_then_close(string what, byte[] bytes, MqttReasonCode expected)
    {
        await using var b = await TestBroker.StartAsync();
        await using var c = await RawClient.ConnectAsync(b.Port, "bad", V5);
        await c.SendRawAsync(bytes);
        var packets = await c.ReadUntilClosedAsync();
        var d = Assert.IsType<DisconnectPacket>(Assert.Single(packets));
        Assert.True(expected == d.ReasonCode, $"{what}: expected {expected}, got {d.ReasonCode}");
        Assert.Contains(b.LogLines, l => l.Contains("'bad'") && l.Contains("broke the protocol"));
        await AssertBrokerStillServesAsync(b);
        Assert.True(b.Broker.Statistics.MalformedPackets >= 1);
    }

    [Fact]
    public async Task Malformed_packet_from_a_v311_client_closes_without_a_reply()
    {
        await using var b = await TestBroker.StartAsync();
        await using var c = await RawClient.ConnectAsync(b.Port, "bad", V3);
        await c.SendRawAsync([0x36, 0x05, 0x00, 0x01, (byte)'t', 0x00, 0x01]);
        Assert.Empty(await c.ReadUntilClosedAsync());
        await AssertBrokerStillServesAsync(b);
    }

    [Fact]
    public async Task Unsupported_protocol_version_gets_connack_0x01()
    {
        await using var b = await TestBroker.StartAsync();
        await using var c = await RawClient.OpenAsync(b.Port);
        await c.SendRawAsync([0x10, 0x0C, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x06, 0x02, 0x00, 0x3C, 0x00, 0x00]);
        var packets = await c.ReadUntilClosedAsync();
        Assert.Equal(MqttReasonCode.UnsupportedProtocolVersion, Assert.IsType<ConnAckPacket>(Assert.Single(packets)).ReasonCode);
    }

    [Fact]
    public async Task First_packet_other_than_connect_closes_the_connection()
    {
        await using var b = await TestBroker.StartAsync();
        await using var c = await RawClient.OpenAsync(b.Port);
        await c.SendAsync(PingReqPacket.Instance);
        Assert.Empty(await c.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task Client_exceeding_receive_maximum_is_disconnected_with_0x93()
    {
        await using var b = await TestBroker.StartAsync(o => o.ReceiveMaximum = 3);
        await using var c = await RawClient.ConnectAsync(b.Port, "greedy", V5);
        Assert.Equal((ushort)3, c.LastConnAck!.ReceiveMaximum);
        // QoS 2 publishes that are never released stay in flight at the broker.
        for (ushort i = 1; i <= 4; i++)
            await c.SendAsync(new PublishPacket { Topic = "t", Payload = new byte[1], QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce, PacketId = i });
        var packets = await c.ReadUntilClosedAsync();
        Assert.Equal(3, packets.Count(p => p is PubRecPacket));
        Assert.Equal(MqttReasonCode.ReceiveMaximumExceeded, Assert.IsType<DisconnectPacket>(packets[^1]).ReasonCode);
    }

    [Fact]
    public async Task Packet_larger_than_the_maximum_is_refused_with_0x95_before_it_is_read()
    {
        await using var b = await TestBroker.StartAsync(o => o.MaximumPacketSize = 1024);
        await using var c = await RawClient.ConnectAsync(b.Port, "big", V5);
        Assert.Equal(1024u, c.LastConnAck!.MaximumPacketSize);
        // Header only: announces 2,000 bytes; the broker must not wait for them.
        await c.SendRawAsync([0x30, 0xD0, 0x0F]);
        var packets = await c.ReadUntilClosedAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(MqttReasonCode.PacketTooLarge, Assert.IsType<DisconnectPacket>(Assert.Single(packets)).ReasonCode);
    }

    [Fact]
    public async Task Message_larger_than_the_client_accepts_is_dropped_and_counted()
    {
        await using var b = await TestBroker.StartAsync();
        await using var small = await RawClient.ConnectAsync(b.Port, "small", V5, c => c.MaximumPacketSize = 64);
        await small.SubscribeAsync("t", MqttQualityOfServiceLevel.AtLeastOnce);
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", V5);
        await pub.SendAsync(new PublishPacket { Topic = "t", Payload = new byte[200] });
        await pub.SendAsync(new PublishPacket { Topic = "t", Payload = new byte[4] });
        var got = await small.ExpectAsync<PublishPacket>();
        Assert.Equal(4, got.Payload.Length);
        Assert.Equal(1, b.Broker.Statistics.PublishDropped);
    }

    [Fact]
    public async Task Topic_alias_above_the_maximum_is_refused_with_0x94()
    {
        await using var b = await TestBroker.StartAsync(o => o.TopicAliasMaximum = 2);
        await using var c = await RawClient.ConnectAsync(b.Port, "alias", V5);
        await c.SendAsync(new PublishPacket { Topic = "t", TopicAlias = 3, Payload = new byte[1] });
        var packets = await c.ReadUntilClosedAsync();
        Assert.Equal(MqttReasonCode.TopicAliasInvalid, Assert.IsType<DisconnectPacket>(Assert.Single(packets)).ReasonCode);
    }

    [Fact]
    public async Task Invalid_subscription_filter_gets_a_failure_code_but_the_others_are_granted()
    {
        await using var b = await TestBroker.StartAsync();
        await using var v5 = await RawClient.ConnectAsync(b.Port, "v5", V5);
        await v5.SendAsync(new SubscribePacket { PacketId = 1, TopicFilters = { new("a/#/b"), new("ok/+", MqttQualityOfServiceLevel.AtLeastOnce) } });
        Assert.Equal(new[] { MqttReasonCode.TopicFilterInvalid, MqttReasonCode.GrantedQoS1 }, (await v5.ExpectAsync<SubAckPacket>()).ReasonCodes);

        await using var v3 = await RawClient.ConnectAsync(b.Port, "v3", V3);
        await v3.SendAsync(new SubscribePacket { PacketId = 1, TopicFilters = { new("a/#/b") } });
        var raw = await v3.ExpectAsync<SubAckPacket>();
        Assert.Equal(0x80, (byte)raw.ReasonCodes[0] & 0x80);
    }
}
