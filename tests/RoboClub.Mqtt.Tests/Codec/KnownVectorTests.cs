using System.Buffers;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;
using static RoboClub.Mqtt.Tests.Codec.CodecTestKit;

namespace RoboClub.Mqtt.Tests.Codec;

/// <summary>Byte vectors written by hand from the specs; checked in both directions (encode = bytes, decode = packet).</summary>
public class KnownVectorTests
{
    static void Both(MqttPacket packet, MqttProtocolVersion v, string hex)
    {
        var expected = Hex(hex);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(Encode(packet, v)));
        AssertDeepEqual(packet, Decode(expected, v));
    }

    [Fact]
    public void Connect_311_with_will_user_and_password()
    {
        var p = new ConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V311,
            ClientId = "robo1",
            CleanStart = true,
            KeepAliveSeconds = 60,
            UserName = "kid",
            Password = "pw"u8.ToArray(),
            Will = new MqttApplicationMessage { Topic = "w", Payload = "bye"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, Retain = true },
        };
        // flags: user 80 | password 40 | will retain 20 | will QoS 1 08 | will 04 | clean 02 = EE
        Both(p, MqttProtocolVersion.V311,
            "10 22 0004 4D515454 04 EE 003C 0005 726F626F31 0001 77 0003 627965 0003 6B6964 0002 7077");
    }

    [Fact]
    public void Connect_31_uses_MQIsdp_and_level_3()
    {
        var p = new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V310, ClientId = "c", KeepAliveSeconds = 10 };
        Both(p, MqttProtocolVersion.V311, "10 0F 0006 4D5149736470 03 02 000A 0001 63");
    }

    [Fact]
    public void Connect_5_minimal_has_an_empty_property_section_and_default_properties_are_not_sent()
    {
        var p = new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V500, ClientId = "c" };
        Both(p, MqttProtocolVersion.V500, "10 0E 0004 4D515454 05 02 0000 00 0001 63");
    }

    [Fact]
    public void Connect_5_with_properties()
    {
        var p = new ConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = "c",
            CleanStart = false,
            KeepAliveSeconds = 30,
            SessionExpiryInterval = 600,
            ReceiveMaximum = 10,
            RequestProblemInformation = false,
        };
        // props: 11 00000258 | 21 000A | 17 00  = 5 + 3 + 2 = 10
        Both(p, MqttProtocolVersion.V500, "10 18 0004 4D515454 05 00 001E 0A 1100000258 21000A 1700 0001 63");
    }

    [Fact]
    public void Publish_5_with_properties_and_two_subscription_identifiers()
    {
        var p = new PublishPacket
        {
            Topic = "a/b",
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            PacketId = 10,
            PayloadFormatIndicator = true,
            MessageExpiryInterval = 3600,
            UserProperties = [new("k", "v")],
            SubscriptionIdentifiers = [1, 300],
            ContentType = "t",
            Payload = "hi"u8.ToArray(),
        };
        // props (23): PFI 01 01 | expiry 02 00000E10 | user 26 0001 6B 0001 76 | sub id 0B 01 | sub id 0B AC02 (300) | content type 03 0001 74
        Both(p, MqttProtocolVersion.V500,
            "32 21 0003 612F62 000A 17 0101 0200000E10 2600016B000176 0B01 0BAC02 03000174 6869");
        // Properties may come in any order on the wire.
        AssertDeepEqual(p, Decode(Hex("32 21 0003 612F62 000A 17 03000174 0B01 2600016B000176 0200000E10 0BAC02 0101 6869"), MqttProtocolVersion.V500));
    }

    [Fact]
    public void Publish_311_qos0_and_qos2_retained_dup()
    {
        Both(new PublishPacket { Topic = "a/b", Payload = "hi"u8.ToArray() }, MqttProtocolVersion.V311, "30 07 0003 612F62 6869");
        Both(new PublishPacket { Topic = "a", Payload = ReadOnlyMemory<byte>.Empty, QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce, PacketId = 0x1234, Dup = true, Retain = true },
            MqttProtocolVersion.V311, "3D 05 0001 61 1234");
    }

    [Fact]
    public void Suback_311_failure_is_0x80()
    {
        var p = new SubAckPacket { PacketId = 7, ReasonCodes = [MqttReasonCode.GrantedQoS1, MqttReasonCode.UnspecifiedError] };
        Both(p, MqttProtocolVersion.V311, "90 04 0007 01 80");
        // Any MQTT 5 failure code becomes 0x80 on a 3.1.1 connection.
        foreach (var failure in new[] { MqttReasonCode.NotAuthorized, MqttReasonCode.TopicFilterInvalid, MqttReasonCode.QuotaExceeded, MqttReasonCode.SharedSubscriptionsNotSupported })
            Assert.Equal(Hex("90 04 0007 02 80"), Encode(new SubAckPacket { PacketId = 7, ReasonCodes = [MqttReasonCode.GrantedQoS2, failure] }, MqttProtocolVersion.V311));
    }

    [Fact]
    public void Suback_5_keeps_the_reason_codes_and_has_a_property_section()
    {
        Both(new SubAckPacket { PacketId = 7, ReasonCodes = [MqttReasonCode.GrantedQoS0, MqttReasonCode.NotAuthorized] }, MqttProtocolVersion.V500, "90 05 0007 00 00 87");
    }

    [Theory]
    [InlineData(0, MqttReasonCode.Success)]
    [InlineData(1, MqttReasonCode.UnsupportedProtocolVersion)]
    [InlineData(2, MqttReasonCode.ClientIdentifierNotValid)]
    [InlineData(3, MqttReasonCode.ServerUnavailable)]
    [InlineData(4, MqttReasonCode.BadUserNameOrPassword)]
    [InlineData(5, MqttReasonCode.NotAuthorized)]
    public void Connack_311_return_codes_map_both_ways(byte returnCode, MqttReasonCode reason)
    {
        Both(new ConnAckPacket { ReasonCode = reason }, MqttProtocolVersion.V311, $"20 02 00 {returnCode:X2}");
    }

    [Theory]
    [InlineData(MqttReasonCode.Banned, 5)]
    [InlineData(MqttReasonCode.BadAuthenticationMethod, 5)]
    [InlineData(MqttReasonCode.ServerBusy, 3)]
    [InlineData(MqttReasonCode.UnspecifiedError, 3)]
    [InlineData(MqttReasonCode.ServerShuttingDown, 3)]
    public void Connack_5_only_reason_codes_degrade_to_the_nearest_311_return_code(MqttReasonCode reason, byte returnCode)
    {
        Assert.Equal(Hex($"20 02 00 {returnCode:X2}"), Encode(new ConnAckPacket { ReasonCode = reason }, MqttProtocolVersion.V311));
    }

    [Fact]
    public void Connack_session_present_both_versions()
    {
        Both(new ConnAckPacket { SessionPresent = true }, MqttProtocolVersion.V311, "20 02 01 00");
        Both(new ConnAckPacket { SessionPresent = true }, MqttProtocolVersion.V500, "20 03 01 00 00");
        Both(new ConnAckPacket { ReasonCode = MqttReasonCode.BadUserNameOrPassword }, MqttProtocolVersion.V500, "20 03 00 86 00");
        Both(new ConnAckPacket { ReceiveMaximum = 5, MaximumQoS = MqttQualityOfServiceLevel.AtLeastOnce }, MqttProtocolVersion.V500, "20 08 00 00 05 210005 2401");
    }

    [Fact]
    public void Publish_acks_use_the_short_forms_when_they_can()
    {
        Both(new PubAckPacket { PacketId = 1 }, MqttProtocolVersion.V311, "40 02 0001");
        Both(new PubAckPacket { PacketId = 1 }, MqttProtocolVersion.V500, "40 02 0001");
        Both(new PubRecPacket { PacketId = 1, ReasonCode = MqttReasonCode.NoMatchingSubscribers }, MqttProtocolVersion.V500, "50 03 0001 10");
        Both(new PubRelPacket { PacketId = 5 }, MqttProtocolVersion.V311, "62 02 0005");
        Both(new PubCompPacket { PacketId = 0xFFFF, ReasonCode = MqttReasonCode.PacketIdentifierNotFound, ReasonString = "x" }, MqttProtocolVersion.V500, "70 08 FFFF 92 04 1F000178");
        // Long forms are accepted when decoding: success reason code written out, empty property section.
        AssertDeepEqual(new PubAckPacket { PacketId = 1 }, Decode(Hex("40 03 0001 00"), MqttProtocolVersion.V500));
        AssertDeepEqual(new PubAckPacket { PacketId = 1 }, Decode(Hex("40 04 0001 00 00"), MqttProtocolVersion.V500));
    }

    [Fact]
    public void Subscribe_and_unsubscribe_vectors()
    {
        Both(new SubscribePacket { PacketId = 1, TopicFilters = [new("a/#", MqttQualityOfServiceLevel.AtLeastOnce)] }, MqttProtocolVersion.V311, "82 08 0001 0003 612F23 01");
        // options: QoS 1 (01) | No Local (04) | Retain As Published (08) | Retain Handling 2 (20) = 2D
        Both(new SubscribePacket
        {
            PacketId = 1,
            SubscriptionIdentifier = 5,
            TopicFilters = [new MqttTopicFilter { Topic = "a/#", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, NoLocal = true, RetainAsPublished = true, RetainHandling = 2 }],
        }, MqttProtocolVersion.V500, "82 0B 0001 02 0B05 0003 612F23 2D");
        Both(new UnsubscribePacket { PacketId = 2, TopicFilters = ["a"] }, MqttProtocolVersion.V311, "A2 05 0002 0001 61");
        Both(new UnsubscribePacket { PacketId = 2, TopicFilters = ["a"] }, MqttProtocolVersion.V500, "A2 06 0002 00 0001 61");
        Both(new UnsubAckPacket { PacketId = 2 }, MqttProtocolVersion.V311, "B0 02 0002");
        Both(new UnsubAckPacket { PacketId = 2, ReasonCodes = [MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted] }, MqttProtocolVersion.V500, "B0 05 0002 00 00 11");
    }

    [Fact]
    public void Ping_disconnect_and_auth_vectors()
    {
        foreach (var v in Versions)
        {
            Both(PingReqPacket.Instance, v, "C0 00");
            Both(PingRespPacket.Instance, v, "D0 00");
            Both(new DisconnectPacket(), v, "E0 00");
        }
        Both(new DisconnectPacket { ReasonCode = MqttReasonCode.SessionTakenOver }, MqttProtocolVersion.V500, "E0 02 8E 00");
        AssertDeepEqual(new DisconnectPacket { ReasonCode = MqttReasonCode.SessionTakenOver }, Decode(Hex("E0 01 8E"), MqttProtocolVersion.V500));
        Both(new AuthPacket { ReasonCode = MqttReasonCode.ContinueAuthentication, AuthenticationMethod = "SCRA" }, MqttProtocolVersion.V500, "F0 09 18 07 15 0004 53435241");
        Both(new AuthPacket { ReasonCode = MqttReasonCode.Success }, MqttProtocolVersion.V500, "F0 02 00 00");
        AssertDeepEqual(new AuthPacket { ReasonCode = MqttReasonCode.Success }, Decode(Hex("F0 00"), MqttProtocolVersion.V500));
    }

    // Spec (both versions) table "Size of Variable Byte Integer": the boundaries of each encoded size.
    [Theory]
    [InlineData(0u, "00")]
    [InlineData(127u, "7F")]
    [InlineData(128u, "8001")]
    [InlineData(16_383u, "FF7F")]
    [InlineData(16_384u, "808001")]
    [InlineData(2_097_151u, "FFFF7F")]
    [InlineData(2_097_152u, "80808001")]
    [InlineData(268_435_455u, "FFFFFF7F")]
    public void Remaining_length_encoding_matches_the_spec_table(uint value, string hex)
    {
        var buf = new byte[4];
        int n = VariableInt.Write(buf, value);
        Assert.Equal(hex, Convert.ToHexString(buf, 0, n));
        Assert.Equal(n, VariableInt.Size(value));

        // The frame reader decodes the same bytes as a remaining length: with a body of that size it frames it
        // (only for the small ones), and otherwise it waits for the body.
        var header = new byte[] { 0xC0 }.Concat(Hex(hex)).ToArray();
        if (value <= 16_384)
        {
            var wire = header.Concat(new byte[value]).ToArray();
            var seq = new ReadOnlySequence<byte>(wire);
            Assert.True(MqttFrameReader.TryReadFrame(ref seq, uint.MaxValue, out byte h, out var body));
            Assert.Equal(0xC0, h);
            Assert.Equal(value, (uint)body.Length);
            Assert.Equal(0, seq.Length);
        }
        else
        {
            var seq = new ReadOnlySequence<byte>(header.Concat(new byte[100]).ToArray());
            Assert.False(MqttFrameReader.TryReadFrame(ref seq, uint.MaxValue, out _, out _));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => VariableInt.Write(buf, 268_435_456));
    }

    [Fact]
    public void Frame_reader_waits_for_incomplete_headers_and_bodies_without_consuming()
    {
        var wire = Hex("30 07 0003 612F62 6869");
        for (int n = 0; n < wire.Length; n++)
        {
            var seq = new ReadOnlySequence<byte>(wire, 0, n);
            Assert.False(MqttFrameReader.TryReadFrame(ref seq, 1000, out _, out _));
            Assert.Equal(n, seq.Length); // nothing consumed
        }
        // Two packets back to back: one call takes exactly the first.
        var two = new ReadOnlySequence<byte>(wire.Concat(Hex("C0 00")).ToArray());
        Assert.True(MqttFrameReader.TryReadFrame(ref two, 1000, out byte h1, out var b1));
        Assert.Equal(0x30, h1);
        Assert.Equal(7, b1.Length);
        Assert.True(MqttFrameReader.TryReadFrame(ref two, 1000, out byte h2, out var b2));
        Assert.Equal(0xC0, h2);
        Assert.Equal(0, b2.Length);
        Assert.Equal(0, two.Length);
    }
}
