using System.Text;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;
using static RoboClub.Mqtt.Tests.Codec.CodecTestKit;

namespace RoboClub.Mqtt.Tests.Codec;

/// <summary>Encode with MqttPacketWriter, frame with MqttFrameReader, decode with MqttPacketReader, compare every field.</summary>
public class RoundTripTests
{
    public static TheoryData<MqttProtocolVersion, string> Samples()
    {
        var data = new TheoryData<MqttProtocolVersion, string>();
        foreach (var v in Versions)
            foreach (var (name, _) in SamplePackets.All(v)) data.Add(v, name);
        return data;
    }

    static MqttPacket Sample(MqttProtocolVersion v, string name) => SamplePackets.All(v).Single(s => s.Name == name).Packet;

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_round_trips_field_by_field(MqttProtocolVersion version, string name)
    {
        var packet = Sample(version, name);
        var decoded = RoundTrip(packet, version);
        AssertDeepEqual(packet, decoded);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_round_trips_when_the_bytes_arrive_in_tiny_segments(MqttProtocolVersion version, string name)
    {
        var packet = Sample(version, name);
        foreach (int seg in new[] { 1, 2, 3, 7 })
            AssertDeepEqual(packet, RoundTrip(packet, version, seg));
    }

    [Fact]
    public void The_samples_cover_every_packet_type_in_both_versions()
    {
        foreach (var v in Versions)
        {
            var types = SamplePackets.All(v).Select(s => s.Packet.Type).ToHashSet();
            foreach (MqttPacketType t in Enum.GetValues<MqttPacketType>())
            {
                if (t == MqttPacketType.Auth && v != MqttProtocolVersion.V500) Assert.DoesNotContain(t, types);
                else Assert.Contains(t, types);
            }
        }
    }

    [Fact]
    public void V5_samples_set_every_property_of_every_packet()
    {
        // Reflection guard: if someone adds a property to a packet class, the full sample must set it
        // (non-null), or this test points at the gap.
        var full = SamplePackets.All(MqttProtocolVersion.V500).Where(s => s.Name.EndsWith("-full") || s.Name == "subscribe-many" || s.Name == "suback" || s.Name == "unsuback" || s.Name == "unsubscribe").ToList();
        foreach (var (name, p) in full)
        {
            foreach (var prop in p.GetType().GetProperties())
            {
                if (prop.Name is "Type") continue;
                if (p is ConnectPacket or PublishPacket or SubscribePacket or UnsubscribePacket && prop.Name == "ReasonString") continue; // not carried by these packets
                Assert.True(prop.GetValue(p) is not null, $"{name}.{prop.Name} is not set by the sample");
            }
        }
        var connect = (ConnectPacket)full.Single(s => s.Name == "connect-full").Packet;
        foreach (var prop in typeof(MqttApplicationMessage).GetProperties())
        {
            if (prop.Name is "SubscriptionIdentifiers") continue; // only on received messages, not in a will
            Assert.True(prop.GetValue(connect.Will) is not null, $"will.{prop.Name} is not set by the sample");
        }
    }

    [Fact]
    public void User_properties_keep_order_and_duplicates()
    {
        var props = Enumerable.Range(0, 50).Select(i => new MqttUserProperty(i % 3 == 0 ? "same" : $"n{49 - i}", $"v{i}")).ToList();
        var p = new PublishPacket { Topic = "t", UserProperties = props };
        var d = (PublishPacket)RoundTrip(p, MqttProtocolVersion.V500);
        Assert.Equal(props, d.UserProperties);
    }

    [Fact]
    public void Publish_with_several_subscription_identifiers_keeps_them_all_in_order()
    {
        uint[] ids = [42, 1, 268_435_455, 42, 300];
        var p = new PublishPacket { Topic = "t", SubscriptionIdentifiers = ids.ToList() };
        var d = (PublishPacket)RoundTrip(p, MqttProtocolVersion.V500);
        Assert.Equal(ids, d.SubscriptionIdentifiers);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Empty_payloads_round_trip(MqttProtocolVersion v)
    {
        foreach (var qos in new[] { MqttQualityOfServiceLevel.AtMostOnce, MqttQualityOfServiceLevel.AtLeastOnce, MqttQualityOfServiceLevel.ExactlyOnce })
        {
            var p = new PublishPacket { Topic = "t", QualityOfServiceLevel = qos, PacketId = qos == 0 ? (ushort)0 : (ushort)9, Retain = true };
            var d = (PublishPacket)RoundTrip(p, v);
            Assert.Equal(0, d.Payload.Length);
            AssertDeepEqual(p, d);
        }
        var c = new ConnectPacket { ProtocolVersion = v, ClientId = "c", UserName = "", Password = [], Will = new MqttApplicationMessage { Topic = "w" } };
        AssertDeepEqual(c, RoundTrip(c, v));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Strings_of_exactly_65535_utf8_bytes_round_trip(MqttProtocolVersion v)
    {
        string ascii = new('r', 65535);
        string threeByte = string.Concat(Enumerable.Repeat("✓", 21845)); // 21845 * 3 = 65535 bytes
        Assert.Equal(65535, Encoding.UTF8.GetByteCount(threeByte));
        foreach (var s in new[] { ascii, threeByte })
        {
            var pub = new PublishPacket { Topic = s, Payload = new byte[] { 1 } };
            Assert.Equal(s, ((PublishPacket)RoundTrip(pub, v)).Topic);
            var con = new ConnectPacket { ProtocolVersion = v, ClientId = s, UserName = s, Password = new byte[65535] };
            AssertDeepEqual(con, RoundTrip(con, v));
            if (v == MqttProtocolVersion.V500)
            {
                var ack = new PubAckPacket { PacketId = 1, ReasonString = s, UserProperties = [new(s, s)] };
                AssertDeepEqual(ack, RoundTrip(ack, v));
            }
        }
    }

    [Fact]
    public void Strings_and_binaries_over_65535_bytes_are_refused_by_the_writer()
    {
        string tooLong = new('r', 65536);
        Assert.Throws<ArgumentException>(() => Encode(new PublishPacket { Topic = tooLong }, MqttProtocolVersion.V311));
        Assert.Throws<ArgumentException>(() => Encode(new PublishPacket { Topic = string.Concat(Enumerable.Repeat("✓", 21846)) }, MqttProtocolVersion.V311));
        Assert.Throws<ArgumentException>(() => Encode(new ConnectPacket { ClientId = "c", Password = new byte[65536] }, MqttProtocolVersion.V311));
        // The writer's buffer must not be left dirty by the failed attempt.
        var ok = new PublishPacket { Topic = "after", Payload = new byte[] { 7 } };
        AssertDeepEqual(ok, RoundTrip(ok, MqttProtocolVersion.V311));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void One_megabyte_payload_round_trips(MqttProtocolVersion v)
    {
        var payload = new byte[1 << 20];
        new Random(1234).NextBytes(payload);
        var p = new PublishPacket { Topic = "big", Payload = payload, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 3 };
        var wire = Encode(p, v);
        Assert.Equal(0x32, wire[0]);
        // Body: topic (2 + 3) + packet id (2) + [v5: property length 1] + 1 MB, so a 3-byte remaining length.
        int body = 5 + 2 + (v == MqttProtocolVersion.V500 ? 1 : 0) + (1 << 20);
        Assert.Equal(1 + 3 + body, wire.Length);
        Assert.Equal(body, (wire[1] & 0x7F) | (wire[2] & 0x7F) << 7 | wire[3] << 14);
        AssertDeepEqual(p, Decode(wire, v));
        AssertDeepEqual(p, Decode(wire, v, segmentSize: 4096));
    }

    [Fact]
    public void Largest_packet_the_protocol_allows_is_framed_and_one_byte_more_is_refused()
    {
        // Frame reader only: a 268,435,455-byte body is legal; build the header and check the size arithmetic
        // without allocating 256 MB.
        var header = Hex("30 FF FF FF 7F");
        var seq = new System.Buffers.ReadOnlySequence<byte>(header);
        Assert.False(MqttFrameReader.TryReadFrame(ref seq, MqttFrameReader.DefaultMaximumPacketSize, out _, out _)); // waits for the body
        var ex = Assert.Throws<MqttProtocolException>(() =>
        {
            var s = new System.Buffers.ReadOnlySequence<byte>(header);
            MqttFrameReader.TryReadFrame(ref s, MqttFrameReader.DefaultMaximumPacketSize - 1, out _, out _);
        });
        Assert.Equal(MqttReasonCode.PacketTooLarge, ex.ReasonCode);
    }

    [Fact]
    public void Decoded_will_and_publish_do_not_invent_correlation_data()
    {
        // Regression: byte[]? -> ReadOnlyMemory<byte>? turned "absent" into "present and empty".
        var c = (ConnectPacket)RoundTrip(new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V500, ClientId = "c", Will = new MqttApplicationMessage { Topic = "w" } }, MqttProtocolVersion.V500);
        Assert.Null(c.Will!.CorrelationData);
        var p = (PublishPacket)RoundTrip(new PublishPacket { Topic = "t" }, MqttProtocolVersion.V500);
        var m = p.ToApplicationMessage();
        Assert.Null(m.CorrelationData);
        Assert.Null(PublishPacket.FromApplicationMessage(m).CorrelationData);
        // ...while present correlation data (even empty) still survives.
        var p2 = (PublishPacket)RoundTrip(new PublishPacket { Topic = "t", CorrelationData = [] }, MqttProtocolVersion.V500);
        Assert.NotNull(p2.ToApplicationMessage().CorrelationData);
        Assert.NotNull(p2.CorrelationData);
    }

    [Fact]
    public void V5_only_fields_are_not_sent_on_a_311_connection()
    {
        var p = new PublishPacket { Topic = "t", ContentType = "x", UserProperties = [new("a", "b")], SubscriptionIdentifiers = [1], Payload = new byte[] { 1 } };
        var wire = Encode(p, MqttProtocolVersion.V311);
        Assert.Equal(Hex("30 04 00 01 74 01"), wire);
        var ack = new PubAckPacket { PacketId = 1, ReasonCode = MqttReasonCode.QuotaExceeded, ReasonString = "no" };
        Assert.Equal(Hex("40 02 00 01"), Encode(ack, MqttProtocolVersion.V311));
        var unsuback = new UnsubAckPacket { PacketId = 1, ReasonCodes = [MqttReasonCode.Success] };
        Assert.Equal(Hex("B0 02 00 01"), Encode(unsuback, MqttProtocolVersion.V311));
        Assert.Throws<ArgumentException>(() => Encode(new AuthPacket(), MqttProtocolVersion.V311));
    }
}
