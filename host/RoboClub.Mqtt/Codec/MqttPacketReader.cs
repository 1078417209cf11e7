using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Codec;

/// <summary>
/// Decodes one MQTT packet body (everything after the fixed header) into a packet object.
/// Every rule the spec makes a receiver check is checked here; a violation throws
/// <see cref="MqttProtocolException"/> with the reason code to disconnect with.
/// </summary>
public static class MqttPacketReader
{
    /// <summary>Decodes the packet whose first fixed-header byte is <paramref name="header"/>.</summary>
    /// <param name="version">Version negotiated on this connection (CONNECT carries its own).</param>
    public static MqttPacket Read(byte header, ReadOnlySpan<byte> body, MqttProtocolVersion version)
    {
        var type = (MqttPacketType)(header >> 4);
        int flags = header & 0x0F;
        bool v5 = version == MqttProtocolVersion.V500;
        switch (type)
        {
            case MqttPacketType.Publish:
                return ReadPublish(flags, body, v5);
            case MqttPacketType.PubRel:
            case MqttPacketType.Subscribe:
            case MqttPacketType.Unsubscribe:
                if (flags != 0x2) throw MqttProtocolException.Malformed($"reserved flags of {type} must be 0010");
                break;
            case 0:
                throw MqttProtocolException.Malformed("packet type 0 is reserved");
            case MqttPacketType.Auth when !v5:
                throw MqttProtocolException.Malformed("packet type 15 is reserved in MQTT 3.1.1");
            default:
                if (flags != 0) throw MqttProtocolException.Malformed($"reserved flags of {type} must be 0000");
                break;
        }
        return type switch
        {
            MqttPacketType.Connect => ReadConnect(body),
            MqttPacketType.ConnAck => ReadConnAck(body, v5),
            MqttPacketType.PubAck => ReadPublishResponse(new PubAckPacket(), body, v5),
            MqttPacketType.PubRec => ReadPublishResponse(new PubRecPacket(), body, v5),
            MqttPacketType.PubRel => ReadPublishResponse(new PubRelPacket(), body, v5),
            MqttPacketType.PubComp => ReadPublishResponse(new PubCompPacket(), body, v5),
            MqttPacketType.Subscribe => ReadSubscribe(body, v5),
            MqttPacketType.SubAck => ReadSubAck(body, v5),
            MqttPacketType.Unsubscribe => ReadUnsubscribe(body, v5),
            MqttPacketType.UnsubAck => ReadUnsubAck(body, v5),
            MqttPacketType.PingReq => Empty(body, PingReqPacket.Instance),
            MqttPacketType.PingResp => Empty(body, PingRespPacket.Instance),
            MqttPacketType.Disconnect => ReadDisconnect(body, v5),
            MqttPacketType.Auth => ReadAuth(body),
            _ => throw MqttProtocolException.Malformed($"unknown packet type {(int)type}"),
        };
    }

    static MqttPacket Empty(ReadOnlySpan<byte> body, MqttPacket packet)
    {
        if (!body.IsEmpty) throw MqttProtocolException.Malformed($"{packet.Type} must have no body");
        return packet;
    }

    static ushort ReadPacketId(ref PacketSpanReader r)
    {
        ushort id = r.ReadUInt16();
        if (id == 0) throw MqttProtocolException.Malformed("packet identifier must not be 0");
        return id;
    }

    static void ExpectEnd(ref PacketSpanReader r, MqttPacketType type)
    {
        if (!r.End) throw MqttProtocolException.Malformed($"{type} has {r.Remaining} unexpected trailing bytes");
    }

    // ---------------------------------------------------------------- CONNECT
    static ConnectPacket ReadConnect(ReadOnlySpan<byte> body)
    {
        var r = new PacketSpanReader(body);
        var name = r.ReadBinary();
        byte level = r.ReadByte();
        var p = new ConnectPacket();
        if (name.SequenceEqual("MQTT"u8) && (level == 4 || level == 5)) p.ProtocolVersion = (MqttProtocolVersion)level;
        else if (name.SequenceEqual("MQIsdp"u8) && level == 3) p.ProtocolVersion = MqttProtocolVersion.V310;
        else if (name.SequenceEqual("MQTT"u8) || name.SequenceEqual("MQIsdp"u8))
            throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, $"unsupported protocol level {level}");
        else throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, "unknown protocol name");
        bool v5 = p.ProtocolVersion == MqttProtocolVersion.V500;

        byte flags = r.ReadByte();
        if ((flags & 0x01) != 0) throw MqttProtocolException.Malformed("CONNECT reserved flag must be 0");
        p.CleanStart = (flags & 0x02) != 0;
        bool will = (flags & 0x04) != 0;
        int willQos = (flags >> 3) & 0x03;
        bool willRetain = (flags & 0x20) != 0;
        bool hasPassword = (flags & 0x40) != 0;
        bool hasUser = (flags & 0x80) != 0;
        if (willQos == 3) throw MqttProtocolException.Malformed("will QoS 3 is invalid");
        if (!will && (willQos != 0 || willRetain)) throw MqttProtocolException.Malformed("will QoS/retain set without a will");
        if (!v5 && hasPassword && !hasUser) throw MqttProtocolException.Malformed("password without user name (3.1.1)");
        p.KeepAliveSeconds = r.ReadUInt16();

        if (v5) PropertyReader.ReadConnect(ref r, p);
        p.ClientId = r.ReadString();
        if (will)
        {
            var w = new MqttApplicationMessage { QualityOfServiceLevel = (MqttQualityOfServiceLevel)willQos, Retain = willRetain };
            if (v5) p.WillDelayInterval = PropertyReader.ReadWill(ref r, w);
            w.Topic = r.ReadString();
            if (!MqttTopic.IsValidTopicName(w.Topic)) throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, "will topic is not a valid topic name");
            w.Payload = r.ReadBinary().ToArray();
            PropertyReader.CheckPayloadFormat(w.PayloadFormatIndicator, w.Payload.Span);
            p.Will = w;
        }
        if (hasUser) p.UserName = r.ReadString();
        if (hasPassword) p.Password = r.ReadBinary().ToArray();
        ExpectEnd(ref r, MqttPacketType.Connect);
        return p;
    }

    static ConnAckPacket ReadConnAck(ReadOnlySpan<byte> body, bool v5)
    {
        var r = new PacketSpanReader(body);
        byte ackFlags = r.ReadByte();
        if ((ackFlags & 0xFE) != 0) throw MqttProtocolException.Malformed("CONNACK reserved flags must be 0");
        var p = new ConnAckPacket { SessionPresent = (ackFlags & 1) != 0 };
        byte code = r.ReadByte();
        if (v5 && r.End && code == 1)
        {
            // A 3.1.1-only server refusing our MQTT 5 CONNECT answers with its own 2-byte CONNACK
            // (return code 1, unacceptable protocol version): report that, not "malformed".
            p.ReasonCode = MqttReasonCode.UnsupportedProtocolVersion;
            return p;
        }
        p.ReasonCode = v5 ? (MqttReasonCode)code : ReasonCodeMap.FromV311ConnAck(code);
        if (v5) PropertyReader.ReadConnAck(ref r, p); // MQTT 5 CONNACK always has a property length (unlike PUBACK/DISCONNECT/AUTH)
        ExpectEnd(ref r, MqttPacketType.ConnAck);
        return p;
    }

    // ---------------------------------------------------------------- PUBLISH
    static PublishPacket ReadPublish(int flags, ReadOnlySpan<byte> body, bool v5)
    {
        int qos = (flags >> 1) & 0x03;
        if (qos == 3) throw MqttProtocolException.Malformed("PUBLISH with QoS 3");
        bool dup = (flags & 0x08) != 0;
        if (dup && qos == 0) throw MqttProtocolException.Malformed("DUP set on a QoS 0 PUBLISH");
        var r = new PacketSpanReader(body);
        var p = new PublishPacket
        {
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
            Dup = dup,
            Retain = (flags & 0x01) != 0,
        };
        p.Topic = r.ReadString();
        if (qos > 0) p.PacketId = ReadPacketId(ref r);
        if (v5) PropertyReader.ReadPublish(ref r, p);
        if (p.Topic.Length == 0)
        {
            if (!v5 || p.TopicAlias == 0) throw new MqttProtocolException(v5 ? MqttReasonCode.ProtocolError : MqttReasonCode.MalformedPacket, "PUBLISH topic is empty");
        }
        else if (!MqttTopic.IsValidTopicName(p.Topic))
        {
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, "PUBLISH topic contains a wildcard");
        }
        var payload = r.ReadRest();
        PropertyReader.CheckPayloadFormat(p.PayloadFormatIndicator, payload);
        p.Payload = payload.ToArray();
        return p;
    }

    static T ReadPublishResponse<T>(T p, ReadOnlySpan<byte> body, bool v5) where T : PublishResponsePacket
    {
        var r = new PacketSpanReader(body);
        p.PacketId = ReadPacketId(ref r);
        if (v5 && !r.End)
        {
            p.ReasonCode = (MqttReasonCode)r.ReadByte();
            if (!r.End) PropertyReader.ReadAck(ref r, p);
        }
        ExpectEnd(ref r, p.Type);
        return p;
    }

    // ---------------------------------------------------------------- SUBSCRIBE
    static SubscribePacket ReadSubscribe(ReadOnlySpan<byte> body, bool v5)
    {
        var r = new PacketSpanReader(body);
        var p = new SubscribePacket { PacketId = ReadPacketId(ref r) };
        if (v5) PropertyReader.ReadSubscribe(ref r, p);
        if (r.End) throw new MqttProtocolException(v5 ? MqttReasonCode.ProtocolError : MqttReasonCode.MalformedPacket, "SUBSCRIBE has no topic filter");
        while (!r.End)
        {
            var f = new MqttTopicFilter { Topic = r.ReadString() };
            byte o = r.ReadByte();
            int qos = o & 0x03;
            if (v5)
            {
                if ((o & 0xC0) != 0) throw MqttProtocolException.Malformed("subscription options reserved bits must be 0");
                // MQTT 5 3.8.3.1: Maximum QoS 3 and Retain Handling 3 are Protocol Errors (not malformed).
                if (qos == 3) throw MqttProtocolException.Protocol("subscription QoS 3");
                f.QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos;
                f.NoLocal = (o & 0x04) != 0;
                f.RetainAsPublished = (o & 0x08) != 0;
                f.RetainHandling = (byte)((o >> 4) & 0x03);
                if (f.RetainHandling == 3) throw MqttProtocolException.Protocol("retain handling 3 is invalid");
                if (f.NoLocal && f.Topic.StartsWith(MqttTopic.SharePrefix, StringComparison.Ordinal))
                    throw MqttProtocolException.Protocol("No Local on a shared subscription");
            }
            else
            {
                // MQTT 3.1.1 3.8.3.1: reserved bits or QoS 3 make the packet malformed.
                if ((o & 0xFC) != 0) throw MqttProtocolException.Malformed("requested QoS byte reserved bits must be 0");
                if (qos == 3) throw MqttProtocolException.Malformed("subscription QoS 3");
                f.QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos;
            }
            p.TopicFilters.Add(f);
        }
        return p;
    }

    static SubAckPacket ReadSubAck(ReadOnlySpan<byte> body, bool v5)
    {
        var r = new PacketSpanReader(body);
        var p = new SubAckPacket { PacketId = ReadPacketId(ref r) };
        if (v5) PropertyReader.ReadAck(ref r, p);
        while (!r.End)
        {
            byte code = r.ReadByte();
            // MQTT 3.1.1 3.9.3: return codes other than 0x00, 0x01, 0x02 and 0x80 are reserved (MQTT-3.9.3-2).
            if (!v5 && code is not (0x00 or 0x01 or 0x02 or 0x80)) throw MqttProtocolException.Malformed($"SUBACK return code 0x{code:X2} is reserved in MQTT 3.1.1");
            p.ReasonCodes.Add((MqttReasonCode)code);
        }
        return p;
    }

    static UnsubscribePacket ReadUnsubscribe(ReadOnlySpan<byte> body, bool v5)
    {
        var r = new PacketSpanReader(body);
        var p = new UnsubscribePacket { PacketId = ReadPacketId(ref r) };
        if (v5) PropertyReader.ReadUserPropertiesOnly(ref r, p, MqttPacketType.Unsubscribe);
        if (r.End) throw new MqttProtocolException(v5 ? MqttReasonCode.ProtocolError : MqttReasonCode.MalformedPacket, "UNSUBSCRIBE has no topic filter");
        while (!r.End)
        {
            string f = r.ReadString();
            if (f.Length == 0) throw MqttProtocolException.Malformed("empty topic filter");
            p.TopicFilters.Add(f);
        }
        return p;
    }

    static UnsubAckPacket ReadUnsubAck(ReadOnlySpan<byte> body, bool v5)
    {
        var r = new PacketSpanReader(body);
        var p = new UnsubAckPacket { PacketId = ReadPacketId(ref r) };
        if (v5)
        {
            PropertyReader.ReadAck(ref r, p);
            while (!r.End) p.ReasonCodes.Add((MqttReasonCode)r.ReadByte());
        }
        ExpectEnd(ref r, MqttPacketType.UnsubAck);
        return p;
    }

    // ---------------------------------------------------------------- DISCONNECT / AUTH
    static DisconnectPacket ReadDisconnect(ReadOnlySpan<byte> body, bool v5)
    {
        var r = new PacketSpanReader(body);
        var p = new DisconnectPacket();
        if (v5 && !r.End)
        {
            p.ReasonCode = (MqttReasonCode)r.ReadByte();
            if (!r.End) PropertyReader.ReadDisconnect(ref r, p);
        }
        ExpectEnd(ref r, MqttPacketType.Disconnect);
        return p;
    }

    static AuthPacket ReadAuth(ReadOnlySpan<byte> body)
    {
        var r = new PacketSpanReader(body);
        var p = new AuthPacket();
        if (!r.End)
        {
            p.ReasonCode = (MqttReasonCode)r.ReadByte();
            if (p.ReasonCode is not (MqttReasonCode.Success or MqttReasonCode.ContinueAuthentication or MqttReasonCode.ReAuthenticate))
                throw MqttProtocolException.Malformed($"AUTH reason code 0x{(byte)p.ReasonCode:X2} is invalid");
            if (!r.End) PropertyReader.ReadAuth(ref r, p);
        }
        ExpectEnd(ref r, MqttPacketType.Auth);
        return p;
    }
}
