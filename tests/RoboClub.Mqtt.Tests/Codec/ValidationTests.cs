using System.Buffers;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;
using static RoboClub.Mqtt.Tests.Codec.CodecTestKit;

namespace RoboClub.Mqtt.Tests.Codec;

/// <summary>Strict validation: one test per rule, each asserting the exact reason code the decoder reports.</summary>
public class ValidationTests
{
    const MqttProtocolVersion V3 = MqttProtocolVersion.V311;
    const MqttProtocolVersion V5 = MqttProtocolVersion.V500;
    const MqttReasonCode Malformed = MqttReasonCode.MalformedPacket;
    const MqttReasonCode Protocol = MqttReasonCode.ProtocolError;

    // ------------------------------------------------------------ builders

    static byte[] Connect(byte level, byte flags, Action<Bytes>? props = null, Action<Bytes>? payload = null, string name = "MQTT")
    {
        var b = new Bytes().Str(name).U8(level, flags).U16(60);
        if (level == 5) b.Props(props);
        if (payload is null) b.Str("c"); else payload(b);
        return b.Packet(0x10);
    }

    /// <summary>A v5 CONNECT with a will whose will-properties are <paramref name="willProps"/>.</summary>
    static byte[] ConnectWithWill(Action<Bytes>? willProps, byte[]? willPayload = null, string willTopic = "w") =>
        Connect(5, 0x06, payload: b => b.Str("c").Props(willProps).Str(willTopic).Bin(willPayload ?? [1]));

    static byte[] PublishV5(Action<Bytes>? props, string topic = "t", byte[]? payload = null, byte header = 0x30)
    {
        var b = new Bytes().Str(topic);
        if ((header & 0x06) != 0) b.U16(1);
        return b.Props(props).Raw(payload ?? []).Packet(header);
    }

    /// <summary>A v5 packet of the given kind whose property section is <paramref name="props"/>.</summary>
    static byte[] V5WithProps(string kind, Action<Bytes> props) => kind switch
    {
        "CONNECT" => Connect(5, 0x02, props),
        "WILL" => ConnectWithWill(props),
        "CONNACK" => new Bytes().U8(0, 0).Props(props).Packet(0x20),
        "PUBLISH" => PublishV5(props),
        "PUBACK" => new Bytes().U16(1).U8(0).Props(props).Packet(0x40),
        "PUBREC" => new Bytes().U16(1).U8(0).Props(props).Packet(0x50),
        "PUBREL" => new Bytes().U16(1).U8(0).Props(props).Packet(0x62),
        "PUBCOMP" => new Bytes().U16(1).U8(0).Props(props).Packet(0x70),
        "SUBSCRIBE" => new Bytes().U16(1).Props(props).Str("a").U8(1).Packet(0x82),
        "SUBACK" => new Bytes().U16(1).Props(props).U8(0).Packet(0x90),
        "UNSUBSCRIBE" => new Bytes().U16(1).Props(props).Str("a").Packet(0xA2),
        "UNSUBACK" => new Bytes().U16(1).Props(props).U8(0).Packet(0xB0),
        "DISCONNECT" => new Bytes().U8(0).Props(props).Packet(0xE0),
        "AUTH" => new Bytes().U8(0x18).Props(props).Packet(0xF0),
        _ => throw new ArgumentException(kind),
    };

    static void Fails(byte[] wire, MqttProtocolVersion v, MqttReasonCode code) => DecodeFails(wire, v, code);

    static void FailsBoth(byte[] wire, MqttReasonCode code)
    {
        Fails(wire, V3, code);
        Fails(wire, V5, code);
    }

    static void Ok(byte[] wire, MqttProtocolVersion v) => Decode(wire, v);

    // ------------------------------------------------------------ fixed header / framing

    [Theory]
    [InlineData("30 FF FF FF FF 01")]
    [InlineData("30 80 80 80 80 00")]
    [InlineData("C0 FF FF FF FF 7F")]
    public void Remaining_length_longer_than_4_bytes_is_malformed(string hex)
    {
        foreach (var v in Versions)
        {
            var seq = new ReadOnlySequence<byte>(Hex(hex));
            var ex = Assert.Throws<MqttProtocolException>(() => MqttFrameReader.TryReadFrame(ref seq, uint.MaxValue, out _, out _));
            Assert.Equal(Malformed, ex.ReasonCode);
        }
    }

    [Fact]
    public void Packet_over_the_maximum_size_is_refused_from_its_header_alone()
    {
        // 256 MB announced, not one body byte present: must throw now, not wait for the body.
        foreach (var hex in new[] { "30 FF FF FF 7F", "30 80 80 80 01", "82 80 80 40" })
        {
            var seq = new ReadOnlySequence<byte>(Hex(hex));
            var ex = Assert.Throws<MqttProtocolException>(() => MqttFrameReader.TryReadFrame(ref seq, 1_048_576, out _, out _));
            Assert.Equal(MqttReasonCode.PacketTooLarge, ex.ReasonCode);
        }
        // The limit counts the whole packet (fixed header included): 1 + 1 + 98 = 100 bytes.
        var wire = new Bytes().Str("t").Raw(new byte[95]).Packet(0x30);
        Assert.Equal(100, wire.Length);
        Decode(wire, V3, maxPacketSize: 100);
        var tooBig = Assert.Throws<MqttProtocolException>(() => Decode(wire, V3, maxPacketSize: 99));
        Assert.Equal(MqttReasonCode.PacketTooLarge, tooBig.ReasonCode);
    }

    [Fact]
    public void Packet_type_0_is_malformed() => FailsBoth(Hex("00 00"), Malformed);

    [Fact]
    public void Auth_in_311_is_a_reserved_type()
    {
        Fails(Hex("F0 00"), V3, Malformed);
        Ok(Hex("F0 00"), V5);
    }

    public static TheoryData<MqttProtocolVersion, string> NonPublishSamples()
    {
        var d = new TheoryData<MqttProtocolVersion, string>();
        foreach (var v in Versions)
            foreach (var (name, p) in SamplePackets.All(v))
                if (p.Type != MqttPacketType.Publish) d.Add(v, name);
        return d;
    }

    [Theory]
    [MemberData(nameof(NonPublishSamples))]
    public void Reserved_fixed_header_flags_are_checked_for_every_type(MqttProtocolVersion v, string name)
    {
        var p = SamplePackets.All(v).Single(s => s.Name == name).Packet;
        var wire = Encode(p, v);
        int good = wire[0] & 0x0F;
        Assert.Equal(p.Type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe ? 2 : 0, good);
        Ok(wire, v);
        for (int flags = 0; flags < 16; flags++)
        {
            if (flags == good) continue;
            var bad = (byte[])wire.Clone();
            bad[0] = (byte)((bad[0] & 0xF0) | flags);
            Fails(bad, v, Malformed);
        }
    }

    [Fact]
    public void Publish_with_qos_3_is_malformed()
    {
        var body = new Bytes().Str("t").U16(1);
        FailsBoth(body.Packet(0x36), Malformed);
        FailsBoth(body.Packet(0x3F), Malformed);
    }

    [Fact]
    public void Publish_with_dup_and_qos_0_is_malformed()
    {
        FailsBoth(new Bytes().Str("t").Packet(0x38), Malformed);
        Fails(new Bytes().Str("t").Props().Packet(0x39), V5, Malformed);
        Ok(new Bytes().Str("t").U16(1).Packet(0x3A), V3); // DUP with QoS 1 is fine
    }

    [Theory]
    [InlineData("PUBLISH1")]
    [InlineData("PUBLISH2")]
    [InlineData("PUBACK")]
    [InlineData("PUBREC")]
    [InlineData("PUBREL")]
    [InlineData("PUBCOMP")]
    [InlineData("SUBSCRIBE")]
    [InlineData("SUBACK")]
    [InlineData("UNSUBSCRIBE")]
    [InlineData("UNSUBACK")]
    public void Packet_identifier_0_is_malformed(string kind)
    {
        foreach (var v in Versions)
        {
            bool v5 = v == V5;
            Bytes Pid0() => new Bytes().U16(0);
            byte[] wire = kind switch
            {
                "PUBLISH1" => (v5 ? new Bytes().Str("t").U16(0).Props() : new Bytes().Str("t").U16(0)).Packet(0x32),
                "PUBLISH2" => (v5 ? new Bytes().Str("t").U16(0).Props() : new Bytes().Str("t").U16(0)).Packet(0x34),
                "PUBACK" => Pid0().Packet(0x40),
                "PUBREC" => Pid0().Packet(0x50),
                "PUBREL" => Pid0().Packet(0x62),
                "PUBCOMP" => Pid0().Packet(0x70),
                "SUBSCRIBE" => (v5 ? Pid0().Props() : Pid0()).Str("a").U8(0).Packet(0x82),
                "SUBACK" => (v5 ? Pid0().Props() : Pid0()).U8(0).Packet(0x90),
                "UNSUBSCRIBE" => (v5 ? Pid0().Props() : Pid0()).Str("a").Packet(0xA2),
                "UNSUBACK" => (v5 ? Pid0().Props().U8(0) : Pid0()).Packet(0xB0),
                _ => throw new ArgumentException(kind),
            };
            Fails(wire, v, Malformed);
            // Same packet with identifier 1 is fine (proves it is the identifier being refused).
            var fixedWire = (byte[])wire.Clone();
            int idAt = kind.StartsWith("PUBLISH") ? 2 + 3 + 1 : 3;
            Assert.Equal(0, fixedWire[idAt]);
            fixedWire[idAt] = 1;
            Ok(fixedWire, v);
        }
    }

    // ------------------------------------------------------------ strings

    public static TheoryData<string> BadUtf8 => new()
    {
        "FF", "FE", "C328", "80", "61BF", "E282", "F8888080 80", "F4908080", // invalid / truncated / out of range
    };

    public static TheoryData<string> OverlongUtf8 => new()
    {
        "C0AF", "E080AF", "F08080AF", "C1BF", "C080", "E08080",
    };

    public static TheoryData<string> Surrogates => new()
    {
        "EDA080", "EDBFBF", "EDA0BDEDB880", "EDB080",
    };

    static void AssertStringRejectedEverywhere(byte[] bad)
    {
        // PUBLISH topic (both versions)
        FailsBoth(new Bytes().Bin(bad).Packet(0x30), Malformed);
        Fails(new Bytes().Bin(bad).Props().Packet(0x30), V5, Malformed);
        // CONNECT client id, user name, will topic
        FailsBoth(Connect(4, 0x02, payload: b => b.Bin(bad)), Malformed);
        Fails(Connect(5, 0x02, payload: b => b.Bin(bad)), V5, Malformed);
        Fails(Connect(4, 0x82, payload: b => b.Str("c").Bin(bad)), V3, Malformed);
        Fails(Connect(4, 0x06, payload: b => b.Str("c").Bin(bad).Bin(1)), V3, Malformed);
        // SUBSCRIBE / UNSUBSCRIBE filters
        Fails(new Bytes().U16(1).Bin(bad).U8(0).Packet(0x82), V3, Malformed);
        Fails(new Bytes().U16(1).Bin(bad).Packet(0xA2), V3, Malformed);
        // MQTT 5 string properties: user property name and value, reason string, content type
        Fails(PublishV5(p => p.U8(0x26).Bin(bad).Str("v")), V5, Malformed);
        Fails(PublishV5(p => p.U8(0x26).Str("n").Bin(bad)), V5, Malformed);
        Fails(PublishV5(p => p.U8(0x03).Bin(bad)), V5, Malformed);
        Fails(V5WithProps("PUBACK", p => p.U8(0x1F).Bin(bad)), V5, Malformed);
    }

    [Theory]
    [MemberData(nameof(BadUtf8))]
    public void Invalid_utf8_is_malformed(string hex) => AssertStringRejectedEverywhere(Hex(hex));

    [Theory]
    [MemberData(nameof(OverlongUtf8))]
    public void Overlong_utf8_is_malformed(string hex) => AssertStringRejectedEverywhere(Hex(hex));

    [Theory]
    [MemberData(nameof(Surrogates))]
    public void Utf16_surrogates_encoded_in_utf8_are_malformed(string hex) => AssertStringRejectedEverywhere(Hex(hex));

    [Fact]
    public void Null_character_in_a_string_is_malformed()
    {
        AssertStringRejectedEverywhere(Hex("610062"));
        AssertStringRejectedEverywhere(Hex("00"));
    }

    [Fact]
    public void Valid_multibyte_utf8_including_4_byte_sequences_is_accepted()
    {
        var p = (PublishPacket)Decode(new Bytes().Bin(Hex("F09FA496 2F C3BC 2F E29C93")).Packet(0x30), V3); // 🤖/ü/✓
        Assert.Equal("🤖/ü/✓", p.Topic);
    }

    // ------------------------------------------------------------ PUBLISH topic

    [Theory]
    [InlineData("a/+")]
    [InlineData("+")]
    [InlineData("#")]
    [InlineData("a/#")]
    [InlineData("a+b")]
    [InlineData("sport/tennis#")]
    public void Wildcards_in_a_publish_topic_are_TopicNameInvalid(string topic)
    {
        Fails(new Bytes().Str(topic).Packet(0x30), V3, MqttReasonCode.TopicNameInvalid);
        Fails(PublishV5(null, topic), V5, MqttReasonCode.TopicNameInvalid);
        // and in a will topic
        Fails(Connect(4, 0x06, payload: b => b.Str("c").Str(topic).Bin(1)), V3, MqttReasonCode.TopicNameInvalid);
        Fails(ConnectWithWill(null, willTopic: topic), V5, MqttReasonCode.TopicNameInvalid);
    }

    [Fact]
    public void Empty_publish_topic_needs_a_topic_alias()
    {
        Fails(new Bytes().Str("").Packet(0x30), V3, Malformed);
        Fails(PublishV5(null, ""), V5, Protocol);
        Fails(PublishV5(p => p.U8(0x26).Str("a").Str("b"), ""), V5, Protocol);
        var ok = (PublishPacket)Decode(PublishV5(p => p.U8(0x23).U16(4), ""), V5);
        Assert.Equal(4, ok.TopicAlias);
        Assert.Equal("", ok.Topic);
    }

    [Fact]
    public void Empty_will_topic_is_TopicNameInvalid()
    {
        Fails(Connect(4, 0x06, payload: b => b.Str("c").Str("").Bin(1)), V3, MqttReasonCode.TopicNameInvalid);
        Fails(ConnectWithWill(null, willTopic: ""), V5, MqttReasonCode.TopicNameInvalid);
    }

    // ------------------------------------------------------------ CONNECT

    [Fact]
    public void Connect_reserved_flag_is_malformed()
    {
        Fails(Connect(4, 0x03), V3, Malformed);
        Fails(Connect(5, 0x03), V5, Malformed);
        Ok(Connect(4, 0x02), V3);
    }

    [Fact]
    public void Will_qos_3_is_malformed()
    {
        Fails(Connect(4, 0x1E, payload: b => b.Str("c").Str("w").Bin(1)), V3, Malformed);
        Fails(Connect(5, 0x1E, payload: b => b.Str("c").Props().Str("w").Bin(1)), V5, Malformed);
        Ok(Connect(4, 0x16, payload: b => b.Str("c").Str("w").Bin(1)), V3); // will QoS 2 is fine
    }

    [Theory]
    [InlineData(0x0A)] // will QoS 1 without will flag
    [InlineData(0x12)] // will QoS 2 without will flag
    [InlineData(0x22)] // will retain without will flag
    public void Will_qos_or_retain_without_will_flag_is_malformed(byte flags)
    {
        Fails(Connect(4, flags), V3, Malformed);
        Fails(Connect(5, flags), V5, Malformed);
    }

    [Fact]
    public void Password_without_user_name_is_malformed_in_311_only()
    {
        Fails(Connect(4, 0x42, payload: b => b.Str("c").Bin(1, 2)), V3, Malformed);
        var p = (ConnectPacket)Decode(Connect(5, 0x42, payload: b => b.Str("c").Bin(1, 2)), V5);
        Assert.Null(p.UserName);
        Assert.Equal(new byte[] { 1, 2 }, p.Password);
    }

    [Theory]
    [InlineData("MQTT", 3)]
    [InlineData("MQTT", 6)]
    [InlineData("MQTT", 0)]
    [InlineData("MQTT", 255)]
    [InlineData("MQIsdp", 4)]
    [InlineData("MQIsdp", 5)]
    [InlineData("MQTX", 4)]
    [InlineData("mqtt", 4)]
    [InlineData("MQT", 4)]
    [InlineData("", 4)]
    public void Unsupported_protocol_name_or_level_is_UnsupportedProtocolVersion(string name, byte level)
    {
        // CONNECT carries its own version: the connection's version does not matter.
        FailsBoth(new Bytes().Str(name).U8(level, 0x02).U16(60).Str("c").Packet(0x10), MqttReasonCode.UnsupportedProtocolVersion);
    }

    [Fact]
    public void Authentication_data_without_method_is_a_protocol_error()
    {
        Fails(Connect(5, 0x02, p => p.U8(0x16).Bin(1)), V5, Protocol);
        Ok(Connect(5, 0x02, p => p.U8(0x15).Str("m").U8(0x16).Bin(1)), V5);
    }

    // ------------------------------------------------------------ SUBSCRIBE / UNSUBSCRIBE

    [Fact]
    public void Subscribe_with_no_filters_is_refused()
    {
        Fails(new Bytes().U16(1).Packet(0x82), V3, Malformed);
        Fails(new Bytes().U16(1).Props().Packet(0x82), V5, Protocol);
        Fails(new Bytes().U16(1).Props(p => p.U8(0x0B, 5)).Packet(0x82), V5, Protocol);
    }

    [Fact]
    public void Unsubscribe_with_no_filters_is_refused()
    {
        Fails(new Bytes().U16(1).Packet(0xA2), V3, Malformed);
        Fails(new Bytes().U16(1).Props().Packet(0xA2), V5, Protocol);
    }

    [Fact]
    public void Unsubscribe_with_an_empty_filter_is_malformed()
    {
        Fails(new Bytes().U16(1).Str("").Packet(0xA2), V3, Malformed);
        Fails(new Bytes().U16(1).Props().Str("a").Str("").Packet(0xA2), V5, Malformed);
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x80)]
    [InlineData(0xC1)]
    public void Subscription_options_reserved_bits_are_malformed_in_5(byte options)
    {
        Fails(new Bytes().U16(1).Props().Str("a").U8(options).Packet(0x82), V5, Malformed);
    }

    [Theory]
    [InlineData(0x04)]
    [InlineData(0x08)]
    [InlineData(0x10)]
    [InlineData(0x20)]
    [InlineData(0x41)]
    [InlineData(0x80)]
    public void Requested_qos_reserved_bits_are_malformed_in_311(byte options)
    {
        Fails(new Bytes().U16(1).Str("a").U8(options).Packet(0x82), V3, Malformed);
    }

    [Fact]
    public void Retain_handling_3_is_a_protocol_error()
    {
        // MQTT 5 3.8.3.1: "It is a Protocol Error to send a Retain Handling value of 3."
        Fails(new Bytes().U16(1).Props().Str("a").U8(0x30).Packet(0x82), V5, Protocol);
        Fails(new Bytes().U16(1).Props().Str("ok").U8(0x20).Str("a").U8(0x31).Packet(0x82), V5, Protocol);
        var sub = (SubscribePacket)Decode(new Bytes().U16(1).Props().Str("a").U8(0x20).Packet(0x82), V5);
        Assert.Equal(2, sub.TopicFilters[0].RetainHandling);
    }

    [Fact]
    public void Subscription_qos_3_is_malformed_in_311_and_a_protocol_error_in_5()
    {
        // 3.1.1 3.8.3.1: malformed. MQTT 5 3.8.3.1: "It is a Protocol Error if the Maximum QoS field has the value 3."
        Fails(new Bytes().U16(1).Str("a").U8(0x03).Packet(0x82), V3, Malformed);
        Fails(new Bytes().U16(1).Props().Str("a").U8(0x03).Packet(0x82), V5, Protocol);
    }

    [Fact]
    public void No_local_on_a_shared_subscription_is_a_protocol_error()
    {
        Fails(new Bytes().U16(1).Props().Str("$share/g/a").U8(0x04).Packet(0x82), V5, Protocol);
        Ok(new Bytes().U16(1).Props().Str("$share/g/a").U8(0x01).Packet(0x82), V5);
        Ok(new Bytes().U16(1).Props().Str("a").U8(0x04).Packet(0x82), V5);
    }

    // ------------------------------------------------------------ MQTT 5 properties

    [Theory]
    [InlineData("PUBLISH", "11 00000001")]      // session expiry
    [InlineData("PUBLISH", "1F 0001 78")]       // reason string
    [InlineData("PUBLISH", "18 00000001")]      // will delay
    [InlineData("PUBLISH", "24 01")]            // maximum QoS
    [InlineData("CONNECT", "23 0001")]          // topic alias
    [InlineData("CONNECT", "01 01")]            // payload format indicator
    [InlineData("CONNECT", "18 00000001")]      // will delay belongs to the will properties
    [InlineData("CONNECT", "1F 0001 78")]       // reason string
    [InlineData("WILL", "11 00000001")]         // session expiry
    [InlineData("WILL", "23 0001")]             // topic alias
    [InlineData("WILL", "0B 01")]               // subscription identifier
    [InlineData("CONNACK", "17 01")]            // request problem information
    [InlineData("CONNACK", "23 0001")]          // topic alias
    [InlineData("PUBACK", "03 0001 78")]        // content type
    [InlineData("PUBREC", "11 00000001")]
    [InlineData("PUBREL", "15 0001 78")]        // authentication method
    [InlineData("PUBCOMP", "0B 01")]
    [InlineData("SUBSCRIBE", "1F 0001 78")]
    [InlineData("SUBACK", "0B 01")]
    [InlineData("UNSUBSCRIBE", "0B 01")]
    [InlineData("UNSUBACK", "1C 0001 78")]      // server reference
    [InlineData("DISCONNECT", "12 0001 78")]    // assigned client identifier
    [InlineData("AUTH", "11 00000001")]
    [InlineData("PUBLISH", "00 00")]            // identifier 0 does not exist
    [InlineData("PUBLISH", "04 00")]            // unassigned identifier
    [InlineData("CONNACK", "2B 00")]            // one past the last identifier
    [InlineData("DISCONNECT", "7F 00")]
    [InlineData("PUBACK", "8001 00")]           // identifier 128 as a two-byte variable integer
    public void A_property_not_allowed_in_the_packet_is_malformed(string kind, string property)
    {
        Fails(V5WithProps(kind, p => p.Raw(Hex(property))), V5, Malformed);
    }

    [Theory]
    [InlineData("PUBLISH", "01 01")]
    [InlineData("PUBLISH", "03 0001 78")]
    [InlineData("PUBLISH", "23 0001")]
    [InlineData("CONNECT", "11 00000001")]
    [InlineData("CONNECT", "21 0001")]
    [InlineData("WILL", "18 00000001")]
    [InlineData("CONNACK", "24 00")]
    [InlineData("PUBACK", "1F 0001 78")]
    [InlineData("SUBSCRIBE", "0B 01")]          // SUBSCRIBE carries at most one subscription identifier
    [InlineData("DISCONNECT", "1C 0001 78")]
    [InlineData("AUTH", "15 0001 78")]
    public void A_repeated_property_is_a_protocol_error(string kind, string property)
    {
        var prop = Hex(property);
        Ok(V5WithProps(kind, p => p.Raw(prop)), V5);
        Fails(V5WithProps(kind, p => p.Raw(prop).Raw(prop)), V5, Protocol);
    }

    [Fact]
    public void User_properties_and_publish_subscription_identifiers_may_repeat()
    {
        var p = (PublishPacket)Decode(PublishV5(b => b.U8(0x0B, 1).U8(0x26).Str("a").Str("1").U8(0x0B, 1).U8(0x26).Str("a").Str("2")), V5);
        Assert.Equal(new uint[] { 1, 1 }, p.SubscriptionIdentifiers);
        Assert.Equal(new MqttUserProperty[] { new("a", "1"), new("a", "2") }, p.UserProperties);
    }

    [Theory]
    [InlineData("CONNECT", "21 0000")]       // receive maximum
    [InlineData("CONNACK", "21 0000")]
    [InlineData("CONNECT", "27 00000000")]   // maximum packet size
    [InlineData("CONNACK", "27 00000000")]
    [InlineData("PUBLISH", "23 0000")]       // topic alias
    [InlineData("PUBLISH", "0B 00")]         // subscription identifier
    [InlineData("SUBSCRIBE", "0B 00")]
    public void Zero_where_zero_is_not_allowed_is_a_protocol_error(string kind, string property)
    {
        Fails(V5WithProps(kind, p => p.Raw(Hex(property))), V5, Protocol);
    }

    [Theory]
    [InlineData("PUBLISH", "01 02")]   // payload format indicator
    [InlineData("WILL", "01 02")]
    [InlineData("CONNECT", "17 02")]   // request problem information
    [InlineData("CONNECT", "19 02")]   // request response information
    [InlineData("CONNACK", "24 02")]   // maximum QoS
    [InlineData("CONNACK", "25 02")]   // retain available
    [InlineData("CONNACK", "28 02")]   // wildcard subscription available
    [InlineData("CONNACK", "29 02")]   // subscription identifiers available
    [InlineData("CONNACK", "2A 02")]   // shared subscription available
    public void A_byte_property_other_than_0_or_1_is_a_protocol_error(string kind, string property)
    {
        Fails(V5WithProps(kind, p => p.Raw(Hex(property))), V5, Protocol);
    }

    [Fact]
    public void Response_topic_with_wildcards_is_a_protocol_error()
    {
        Fails(PublishV5(p => p.U8(0x08).Str("reply/#")), V5, Protocol);
        Fails(ConnectWithWill(p => p.U8(0x08).Str("+")), V5, Protocol);
    }

    [Fact]
    public void Payload_marked_utf8_but_not_utf8_is_PayloadFormatInvalid()
    {
        Fails(PublishV5(p => p.U8(0x01, 0x01), payload: Hex("C328")), V5, MqttReasonCode.PayloadFormatInvalid);
        Fails(PublishV5(p => p.U8(0x01, 0x01), payload: Hex("EDA080")), V5, MqttReasonCode.PayloadFormatInvalid);
        Fails(ConnectWithWill(p => p.U8(0x01, 0x01), willPayload: Hex("FF")), V5, MqttReasonCode.PayloadFormatInvalid);
        // Indicator 0 (or absent): any bytes.
        Ok(PublishV5(p => p.U8(0x01, 0x00), payload: Hex("C328")), V5);
        Ok(PublishV5(null, payload: Hex("C328")), V5);
        Ok(PublishV5(p => p.U8(0x01, 0x01), payload: "✓ ok"u8.ToArray()), V5);
    }

    [Fact]
    public void Property_length_past_the_end_of_the_packet_is_malformed()
    {
        Fails(new Bytes().Str("t").U8(0x05, 0x01, 0x01).Packet(0x30), V5, Malformed);
        Fails(new Bytes().U16(1).U8(0, 0x7F).Packet(0x40), V5, Malformed);
        Fails(new Bytes().U8(0, 0, 0xFF, 0xFF, 0xFF, 0x7F).Packet(0x20), V5, Malformed);
    }

    [Fact]
    public void Variable_byte_integers_longer_than_4_bytes_inside_a_packet_are_malformed()
    {
        Fails(PublishV5(p => p.U8(0x0B, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)), V5, Malformed); // subscription identifier
        Fails(new Bytes().Str("t").U8(0x80, 0x80, 0x80, 0x80, 0x00).Packet(0x30), V5, Malformed); // property length
    }

    [Fact]
    public void Auth_with_an_undefined_reason_code_is_malformed()
    {
        Fails(Hex("F0 02 87 00"), V5, Malformed);
        Fails(Hex("F0 01 04"), V5, Malformed);
    }

    // ------------------------------------------------------------ CONNACK

    [Fact]
    public void Connack_311_undefined_return_code_is_malformed()
    {
        Fails(Hex("20 02 00 06"), V3, Malformed);
        Fails(Hex("20 02 00 80"), V3, Malformed);
    }

    [Fact]
    public void Connack_reserved_acknowledge_flags_are_malformed()
    {
        Fails(Hex("20 02 02 00"), V3, Malformed);
        Fails(Hex("20 03 80 00 00"), V5, Malformed);
    }

    [Theory]
    [InlineData(0x03)]
    [InlineData(0x7F)]
    [InlineData(0x81)]
    [InlineData(0x87)] // a valid MQTT 5 code, reserved in 3.1.1
    public void Suback_311_reserved_return_code_is_malformed(byte code)
    {
        Fails(new Bytes().U16(1).U8(0x00, code).Packet(0x90), V3, Malformed);
        Ok(new Bytes().U16(1).Props().U8(0x00, code).Packet(0x90), V5);
    }

    // ------------------------------------------------------------ length mismatches

    [Theory]
    [InlineData("10 0E 0004 4D515454 04 02 003C 0001 63 00", MqttProtocolVersion.V311)]         // CONNECT
    [InlineData("10 0F 0004 4D515454 05 02 003C 00 0001 63 00", MqttProtocolVersion.V500)]
    [InlineData("20 03 00 00 00", MqttProtocolVersion.V311)]                                     // CONNACK
    [InlineData("20 04 00 00 00 00", MqttProtocolVersion.V500)]
    [InlineData("40 03 0001 00", MqttProtocolVersion.V311)]                                      // PUBACK
    [InlineData("62 03 0001 00", MqttProtocolVersion.V311)]                                      // PUBREL
    [InlineData("40 05 0001 00 00 FF", MqttProtocolVersion.V500)]
    [InlineData("B0 03 0001 00", MqttProtocolVersion.V311)]                                      // UNSUBACK
    [InlineData("C0 01 00", MqttProtocolVersion.V311)]                                           // PINGREQ
    [InlineData("D0 01 00", MqttProtocolVersion.V500)]                                           // PINGRESP
    [InlineData("E0 01 00", MqttProtocolVersion.V311)]                                           // DISCONNECT
    [InlineData("E0 03 00 00 00", MqttProtocolVersion.V500)]
    [InlineData("F0 03 00 00 FF", MqttProtocolVersion.V500)]                                     // AUTH
    public void Trailing_bytes_are_malformed(string hex, MqttProtocolVersion v) => Fails(Hex(hex), v, Malformed);

    [Theory]
    [InlineData("10 03 0004 4D", MqttProtocolVersion.V311)]                  // CONNECT cut in the protocol name
    [InlineData("10 0A 0004 4D515454 04 02 003C", MqttProtocolVersion.V311)] // no client identifier
    [InlineData("10 0D 0004 4D515454 04 02 003C 0005 63", MqttProtocolVersion.V311)] // client identifier cut
    [InlineData("10 0C 0004 4D515454 04 06 003C 0000", MqttProtocolVersion.V311)]    // will flag, no will topic
    [InlineData("10 0C 0004 4D515454 04 82 003C 0000", MqttProtocolVersion.V311)]    // user flag, no user name
    [InlineData("10 0B 0004 4D515454 05 02 003C 05", MqttProtocolVersion.V500)]      // properties cut
    [InlineData("20 01 00", MqttProtocolVersion.V311)]                       // CONNACK
    [InlineData("20 02 00 00", MqttProtocolVersion.V500)]                    // CONNACK v5 without property length
    [InlineData("30 02 0005", MqttProtocolVersion.V311)]                     // topic length 5, no topic
    [InlineData("30 01 00", MqttProtocolVersion.V311)]                       // half a topic length
    [InlineData("32 03 0001 61", MqttProtocolVersion.V311)]                  // QoS 1 without packet identifier
    [InlineData("32 04 0001 61 00", MqttProtocolVersion.V311)]               // half a packet identifier
    [InlineData("30 03 0001 61", MqttProtocolVersion.V500)]                  // v5 without property length
    [InlineData("30 08 0001 61 04 26 0005 61", MqttProtocolVersion.V500)]    // user property cut
    [InlineData("30 06 0001 61 02 02 00", MqttProtocolVersion.V500)]         // four-byte property cut
    [InlineData("40 01 00", MqttProtocolVersion.V311)]                       // PUBACK
    [InlineData("40 00", MqttProtocolVersion.V500)]
    [InlineData("82 05 0001 0001 61", MqttProtocolVersion.V311)]             // SUBSCRIBE without options byte
    [InlineData("82 05 0001 0003 61", MqttProtocolVersion.V311)]             // filter cut
    [InlineData("82 02 0001", MqttProtocolVersion.V500)]                     // v5 without property length
    [InlineData("90 02 0001", MqttProtocolVersion.V500)]                     // SUBACK v5 without property length
    [InlineData("A2 04 0001 0005", MqttProtocolVersion.V311)]                // UNSUBSCRIBE filter cut
    [InlineData("B0 01 00", MqttProtocolVersion.V311)]                       // UNSUBACK
    [InlineData("B0 02 0001", MqttProtocolVersion.V500)]                     // UNSUBACK v5 without property length
    [InlineData("E0 02 00 05", MqttProtocolVersion.V500)]                    // DISCONNECT properties cut
    public void Truncated_packets_are_malformed(string hex, MqttProtocolVersion v) => Fails(Hex(hex), v, Malformed);

    [Fact]
    public void Every_sample_cut_short_anywhere_fails_cleanly_or_is_still_a_valid_packet()
    {
        int failures = 0, stillValid = 0;
        foreach (var v in Versions)
            foreach (var (name, packet) in SamplePackets.All(v))
            {
                var wire = Encode(packet, v);
                int headerLen = 2;
                while ((wire[headerLen - 1] & 0x80) != 0) headerLen++;
                var body = wire.AsSpan(headerLen).ToArray();
                for (int cut = 0; cut < body.Length; cut++)
                {
                    try
                    {
                        MqttPacketReader.Read(wire[0], body.AsSpan(0, cut), v);
                        stillValid++;
                    }
                    catch (MqttProtocolException)
                    {
                        failures++;
                    }
                }
            }
        Assert.True(failures > 500, $"only {failures} truncations failed");
        Assert.True(stillValid > 0); // e.g. a PUBLISH with a shorter payload
    }
}
