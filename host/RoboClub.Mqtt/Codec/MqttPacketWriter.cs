using System.Buffers;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Codec;

/// <summary>
/// Encodes packets for a given protocol version. The body is built in a reused per-thread buffer,
/// then the fixed header and body are written to the output in one piece, so the total size is
/// known before anything is written (needed to honour a peer's Maximum Packet Size).
/// </summary>
public static class MqttPacketWriter
{
    [ThreadStatic] static PacketBodyWriter? t_body;
    [ThreadStatic] static PacketBodyWriter? t_props;

    /// <summary>Writes <paramref name="packet"/> and returns its size in bytes.</summary>
    public static int Write(IBufferWriter<byte> output, MqttPacket packet, MqttProtocolVersion version)
        => TryWrite(output, packet, version, uint.MaxValue, out int size) ? size : throw new InvalidOperationException("unreachable");

    /// <summary>
    /// Writes <paramref name="packet"/> unless it would be larger than <paramref name="maxPacketSize"/>
    /// (then nothing is written and false is returned).
    /// </summary>
    public static bool TryWrite(IBufferWriter<byte> output, MqttPacket packet, MqttProtocolVersion version, uint maxPacketSize, out int size)
    {
        var body = t_body ??= new PacketBodyWriter();
        body.Clear();
        // A PUBLISH payload is not copied into the scratch body: it goes straight to the output after it.
        byte header = WriteBody(body, packet, version, out var payload);
        long remaining = (long)body.Length + payload.Length;
        if (remaining > VariableInt.Max) throw new ArgumentException("packet is larger than MQTT allows (256 MB)");
        size = 1 + VariableInt.Size((uint)remaining) + (int)remaining;
        if ((uint)size > maxPacketSize) return false;
        int headSize = size - payload.Length;
        var span = output.GetSpan(headSize);
        span[0] = header;
        int n = 1 + VariableInt.Write(span[1..], (uint)remaining);
        body.WrittenSpan.CopyTo(span[n..]);
        output.Advance(headSize);
        if (!payload.IsEmpty) output.Write(payload.Span);
        return true;
    }

    /// <summary>Convenience: the packet as a new byte array.</summary>
    public static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, packet, version);
        return buffer.WrittenSpan.ToArray();
    }

    static byte WriteBody(PacketBodyWriter w, MqttPacket packet, MqttProtocolVersion version, out ReadOnlyMemory<byte> payload)
    {
        bool v5 = version == MqttProtocolVersion.V500;
        payload = default;
        switch (packet)
        {
            case PublishPacket p:
                payload = p.Payload;
                return WritePublish(w, p, v5);
            case PublishResponsePacket p:
                w.WriteUInt16(p.PacketId);
                if (v5 && (p.ReasonCode != 0 || HasAckProperties(p)))
                {
                    w.WriteByte((byte)p.ReasonCode);
                    if (HasAckProperties(p)) WriteAckProperties(w, p);
                }
                return (byte)((int)p.Type << 4 | (p.Type == MqttPacketType.PubRel ? 0x2 : 0));
            case ConnectPacket p: WriteConnect(w, p); return 0x10;
            case ConnAckPacket p: WriteConnAck(w, p, v5); return 0x20;
            case SubscribePacket p: WriteSubscribe(w, p, v5); return 0x82;
            case SubAckPacket p:
                w.WriteUInt16(p.PacketId);
                if (v5) WriteAckProperties(w, p);
                foreach (var rc in p.ReasonCodes) w.WriteByte(v5 ? (byte)rc : ReasonCodeMap.ToV311SubAck(rc));
                return 0x90;
            case UnsubscribePacket p:
                w.WriteUInt16(p.PacketId);
                if (v5) WriteProperties(w, p, static (pw, pk) => pw.UserProperties(pk.UserProperties));
                foreach (var f in p.TopicFilters) w.WriteString(f);
                return 0xA2;
            case UnsubAckPacket p:
                w.WriteUInt16(p.PacketId);
                if (v5)
                {
                    WriteAckProperties(w, p);
                    foreach (var rc in p.ReasonCodes) w.WriteByte((byte)rc);
                }
                return 0xB0;
            case PingReqPacket: return 0xC0;
            case PingRespPacket: return 0xD0;
            case DisconnectPacket p:
                if (v5 && (p.ReasonCode != 0 || p.SessionExpiryInterval is not null || p.ReasonString is not null || p.ServerReference is not null || p.UserProperties is { Count: > 0 }))
                {
                    w.WriteByte((byte)p.ReasonCode);
                    WriteProperties(w, p, static (pw, pk) =>
                    {
                        if (pk.SessionExpiryInterval is { } se) pw.Property(PropertyId.SessionExpiryInterval, se);
                        if (pk.ReasonString is { } rs) pw.Property(PropertyId.ReasonString, rs);
                        if (pk.ServerReference is { } sr) pw.Property(PropertyId.ServerReference, sr);
                        pw.UserProperties(pk.UserProperties);
                    });
                }
                return 0xE0;
            case AuthPacket p:
                if (!v5) throw new ArgumentException("AUTH exists only in MQTT 5");
                w.WriteByte((byte)p.ReasonCode);
                WriteProperties(w, p, static (pw, pk) =>
                {
                    if (pk.AuthenticationMethod is { } am) pw.Property(PropertyId.AuthenticationMethod, am);
                    if (pk.AuthenticationData is { } ad) pw.Property(PropertyId.AuthenticationData, ad);
                    if (pk.ReasonString is { } rs) pw.Property(PropertyId.ReasonString, rs);
                    pw.UserProperties(pk.UserProperties);
                });
                return 0xF0;
            default:
                throw new ArgumentException($"cannot encode {packet.GetType().Name}");
        }
    }

    /// <summary>Writes the property section: variable-int length, then the properties.</summary>
    static void WriteProperties<T>(PacketBodyWriter w, T packet, Action<PacketBodyWriter, T> write)
    {
        var props = t_props ??= new PacketBodyWriter();
        props.Clear();
        write(props, packet);
        w.WriteVariableInt((uint)props.Length);
        w.WriteBytes(props.WrittenSpan);
    }

    static bool HasAckProperties(MqttPacket p) => p.ReasonString is not null || p.UserProperties is { Count: > 0 };

    static void WriteAckProperties(PacketBodyWriter w, MqttPacket p) => WriteProperties(w, p, static (pw, pk) =>
    {
        if (pk.ReasonString is { } rs) pw.Property(PropertyId.ReasonString, rs);
        pw.UserProperties(pk.UserProperties);
    });

    /// <summary>Everything of a PUBLISH but its payload.</summary>
    static byte WritePublish(PacketBodyWriter w, PublishPacket p, bool v5)
    {
        if (p.QualityOfServiceLevel > MqttQualityOfServiceLevel.ExactlyOnce) throw new ArgumentException("QoS must be 0, 1 or 2");
        w.WriteString(p.Topic);
        if (p.QualityOfServiceLevel > 0)
        {
            if (p.PacketId == 0) throw new ArgumentException("a QoS 1 or 2 PUBLISH needs a packet identifier");
            w.WriteUInt16(p.PacketId);
        }
        if (v5) WriteProperties(w, p, static (pw, pk) =>
        {
            if (pk.PayloadFormatIndicator) pw.Property(PropertyId.PayloadFormatIndicator, (byte)1);
            if (pk.MessageExpiryInterval is { } me) pw.Property(PropertyId.MessageExpiryInterval, me);
            if (pk.TopicAlias != 0) pw.Property(PropertyId.TopicAlias, pk.TopicAlias);
            if (pk.ResponseTopic is { } rt) pw.Property(PropertyId.ResponseTopic, rt);
            if (pk.CorrelationData is { } cd) pw.Property(PropertyId.CorrelationData, cd);
            pw.UserProperties(pk.UserProperties);
            if (pk.SubscriptionIdentifiers is { } ids) foreach (var id in ids) pw.PropertyVariableInt(PropertyId.SubscriptionIdentifier, id);
            if (pk.ContentType is { } ct) pw.Property(PropertyId.ContentType, ct);
        });
        return (byte)(0x30 | (p.Dup ? 0x08 : 0) | ((int)p.QualityOfServiceLevel << 1) | (p.Retain ? 1 : 0));
    }

    static void WriteConnect(PacketBodyWriter w, ConnectPacket p)
    {
        bool v5 = p.ProtocolVersion == MqttProtocolVersion.V500;
        if (p.ProtocolVersion == MqttProtocolVersion.V310) { w.WriteString("MQIsdp"); w.WriteByte(3); }
        else { w.WriteString("MQTT"); w.WriteByte((byte)p.ProtocolVersion); }
        byte flags = 0;
        if (p.CleanStart) flags |= 0x02;
        if (p.Will is { } will)
        {
            flags |= 0x04;
            flags |= (byte)((int)will.QualityOfServiceLevel << 3);
            if (will.Retain) flags |= 0x20;
        }
        if (p.Password is not null) flags |= 0x40;
        if (!v5 && p.Password is not null && p.UserName is null)
            throw new ArgumentException("MQTT 3.1.1 does not allow a password without a user name"); // the reader refuses it (MQTT-3.1.2-22)
        if (p.UserName is not null) flags |= 0x80;
        w.WriteByte(flags);
        w.WriteUInt16(p.KeepAliveSeconds);
        if (v5) WriteProperties(w, p, static (pw, pk) =>
        {
            if (pk.SessionExpiryInterval != 0) pw.Property(PropertyId.SessionExpiryInterval, pk.SessionExpiryInterval);
            if (pk.ReceiveMaximum != ushort.MaxValue) pw.Property(PropertyId.ReceiveMaximum, pk.ReceiveMaximum);
            if (pk.MaximumPacketSize != 0) pw.Property(PropertyId.MaximumPacketSize, pk.MaximumPacketSize);
            if (pk.TopicAliasMaximum != 0) pw.Property(PropertyId.TopicAliasMaximum, pk.TopicAliasMaximum);
            if (pk.RequestResponseInformation) pw.Property(PropertyId.RequestResponseInformation, (byte)1);
            if (!pk.RequestProblemInformation) pw.Property(PropertyId.RequestProblemInformation, (byte)0);
            if (pk.AuthenticationMethod is { } am) pw.Property(PropertyId.AuthenticationMethod, am);
            if (pk.AuthenticationData is { } ad) pw.Property(PropertyId.AuthenticationData, ad);
            pw.UserProperties(pk.UserProperties);
        });
        w.WriteString(p.ClientId);
        if (p.Will is { } wm)
        {
            if (v5) WriteProperties(w, p, static (pw, pk) =>
            {
                var m = pk.Will!;
                if (pk.WillDelayInterval != 0) pw.Property(PropertyId.WillDelayInterval, pk.WillDelayInterval);
                if (m.PayloadFormatIndicator) pw.Property(PropertyId.PayloadFormatIndicator, (byte)1);
                if (m.MessageExpiryInterval is { } me) pw.Property(PropertyId.MessageExpiryInterval, me);
                if (m.ContentType is { } ct) pw.Property(PropertyId.ContentType, ct);
                if (m.ResponseTopic is { } rt) pw.Property(PropertyId.ResponseTopic, rt);
                if (m.CorrelationData is { } cd) pw.Property(PropertyId.CorrelationData, cd.Span);
                pw.UserProperties(m.UserProperties);
            });
            w.WriteString(wm.Topic);
            w.WriteBinary(wm.Payload.Span);
        }
        if (p.UserName is not null) w.WriteString(p.UserName);
        if (p.Password is not null) w.WriteBinary(p.Password);
    }

    static void WriteConnAck(PacketBodyWriter w, ConnAckPacket p, bool v5)
    {
        w.WriteByte(p.SessionPresent ? (byte)1 : (byte)0);
        w.WriteByte(v5 ? (byte)p.ReasonCode : ReasonCodeMap.ToV311ConnAck(p.ReasonCode));
        if (v5) WriteProperties(w, p, static (pw, pk) =>
        {
            if (pk.SessionExpiryInterval is { } se) pw.Property(PropertyId.SessionExpiryInterval, se);
            if (pk.ReceiveMaximum is { } rm) pw.Property(PropertyId.ReceiveMaximum, rm);
            if (pk.MaximumQoS is { } mq) pw.Property(PropertyId.MaximumQoS, (byte)mq);
            if (pk.RetainAvailable is { } ra) pw.Property(PropertyId.RetainAvailable, ra ? (byte)1 : (byte)0);
            if (pk.MaximumPacketSize is { } mp) pw.Property(PropertyId.MaximumPacketSize, mp);
            if (pk.AssignedClientIdentifier is { } ac) pw.Property(PropertyId.AssignedClientIdentifier, ac);
            if (pk.TopicAliasMaximum is { } ta) pw.Property(PropertyId.TopicAliasMaximum, ta);
            if (pk.ReasonString is { } rs) pw.Property(PropertyId.ReasonString, rs);
            pw.UserProperties(pk.UserProperties);
            if (pk.WildcardSubscriptionAvailable is { } wa) pw.Property(PropertyId.WildcardSubscriptionAvailable, wa ? (byte)1 : (byte)0);
            if (pk.SubscriptionIdentifiersAvailable is { } sa) pw.Property(PropertyId.SubscriptionIdentifierAvailable, sa ? (byte)1 : (byte)0);
            if (pk.SharedSubscriptionAvailable is { } sh) pw.Property(PropertyId.SharedSubscriptionAvailable, sh ? (byte)1 : (byte)0);
            if (pk.ServerKeepAlive is { } sk) pw.Property(PropertyId.ServerKeepAlive, sk);
            if (pk.ResponseInformation is { } ri) pw.Property(PropertyId.ResponseInformation, ri);
            if (pk.ServerReference is { } sr) pw.Property(PropertyId.ServerReference, sr);
            if (pk.AuthenticationMethod is { } am) pw.Property(PropertyId.AuthenticationMethod, am);
            if (pk.AuthenticationData is { } ad) pw.Property(PropertyId.AuthenticationData, ad);
        });
    }

    static void WriteSubscribe(PacketBodyWriter w, SubscribePacket p, bool v5)
    {
        w.WriteUInt16(p.PacketId);
        if (v5) WriteProperties(w, p, static (pw, pk) =>
        {
            if (pk.SubscriptionIdentifier != 0) pw.PropertyVariableInt(PropertyId.SubscriptionIdentifier, pk.SubscriptionIdentifier);
            pw.UserProperties(pk.UserProperties);
        });
        foreach (var f in p.TopicFilters)
        {
            w.WriteString(f.Topic);
            byte o = (byte)f.QualityOfServiceLevel;
            if (v5)
            {
                if (f.NoLocal) o |= 0x04;
                if (f.RetainAsPublished) o |= 0x08;
                o |= (byte)((f.RetainHandling & 0x03) << 4);
            }
            w.WriteByte(o);
        }
    }
}
