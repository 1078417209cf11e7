using System.Text.Unicode;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Codec;

/// <summary>
/// Reads an MQTT 5 property section. Every property is checked against the packet it appears in
/// (spec table 2-4: a wrong one is malformed), against repeats (a protocol error, except user
/// properties and subscription identifiers) and against its allowed values.
/// </summary>
internal static class PropertyReader
{
    /// <summary>Pseudo packet type for the will properties inside CONNECT.</summary>
    const int WillContext = 16;

    static readonly uint[] AllowedIn = BuildAllowedTable();

    static uint[] BuildAllowedTable()
    {
        var t = new uint[64];
        void Allow(PropertyId id, params int[] contexts) { foreach (var c in contexts) t[(int)id] |= 1u << c; }
        const int C = 1, CA = 2, P = 3, PA = 4, PRC = 5, PRL = 6, PC = 7, S = 8, SA = 9, U = 10, UA = 11, D = 14, A = 15, W = WillContext;
        Allow(PropertyId.PayloadFormatIndicator, P, W);
        Allow(PropertyId.MessageExpiryInterval, P, W);
        Allow(PropertyId.ContentType, P, W);
        Allow(PropertyId.ResponseTopic, P, W);
        Allow(PropertyId.CorrelationData, P, W);
        Allow(PropertyId.SubscriptionIdentifier, P, S);
        Allow(PropertyId.SessionExpiryInterval, C, CA, D);
        Allow(PropertyId.AssignedClientIdentifier, CA);
        Allow(PropertyId.ServerKeepAlive, CA);
        Allow(PropertyId.AuthenticationMethod, C, CA, A);
        Allow(PropertyId.AuthenticationData, C, CA, A);
        Allow(PropertyId.RequestProblemInformation, C);
        Allow(PropertyId.WillDelayInterval, W);
        Allow(PropertyId.RequestResponseInformation, C);
        Allow(PropertyId.ResponseInformation, CA);
        Allow(PropertyId.ServerReference, CA, D);
        Allow(PropertyId.ReasonString, CA, PA, PRC, PRL, PC, SA, UA, D, A);
        Allow(PropertyId.ReceiveMaximum, C, CA);
        Allow(PropertyId.TopicAliasMaximum, C, CA);
        Allow(PropertyId.TopicAlias, P);
        Allow(PropertyId.MaximumQoS, CA);
        Allow(PropertyId.RetainAvailable, CA);
        Allow(PropertyId.UserProperty, C, CA, P, PA, PRC, PRL, PC, S, SA, U, UA, D, A, W);
        Allow(PropertyId.MaximumPacketSize, C, CA);
        Allow(PropertyId.WildcardSubscriptionAvailable, CA);
        Allow(PropertyId.SubscriptionIdentifierAvailable, CA);
        Allow(PropertyId.SharedSubscriptionAvailable, CA);
        return t;
    }

    /// <summary>Every property a packet can carry, as read from the wire (a struct: no allocation).</summary>
    internal struct Values
    {
        public byte? PayloadFormatIndicator;
        public uint? MessageExpiryInterval;
        public string? ContentType;
        public string? ResponseTopic;
        public byte[]? CorrelationData;
        public List<uint>? SubscriptionIdentifiers;
        public uint? SessionExpiryInterval;
        public string? AssignedClientIdentifier;
        public ushort? ServerKeepAlive;
        public string? AuthenticationMethod;
        public byte[]? AuthenticationData;
        public byte? RequestProblemInformation;
        public uint? WillDelayInterval;
        public byte? RequestResponseInformation;
        public string? ResponseInformation;
        public string? ServerReference;
        public string? ReasonString;
        public ushort? ReceiveMaximum;
        public ushort? TopicAliasMaximum;
        public ushort? TopicAlias;
        public byte? MaximumQoS;
        public byte? RetainAvailable;
        public List<MqttUserProperty>? UserProperties;
        public uint? MaximumPacketSize;
        public byte? WildcardSubscriptionAvailable;
        public byte? SubscriptionIdentifierAvailable;
        public byte? SharedSubscriptionAvailable;
    }

    static void Read(ref PacketSpanReader outer, int context, out Values v)
    {
        v = default;
        uint length = outer.ReadVariableInt();
        if (length == 0) return;
        if (length > outer.Remaining) throw MqttProtocolException.Malformed("property length runs past the end of the packet");
        var r = new PacketSpanReader(outer.ReadBytes((int)length));
        ulong seen = 0;
        while (!r.End)
        {
            uint id = r.ReadVariableInt();
            if (id >= 64 || (AllowedIn[id] & (1u << context)) == 0)
                throw MqttProtocolException.Malformed($"property 0x{id:X2} is not allowed in {ContextName(context)}");
            var pid = (PropertyId)id;
            if (pid != PropertyId.UserProperty && pid != PropertyId.SubscriptionIdentifier)
            {
                if ((seen & (1UL << (int)id)) != 0) throw MqttProtocolException.Protocol($"property {pid} appears twice");
                seen |= 1UL << (int)id;
            }
            switch (pid)
            {
                case PropertyId.PayloadFormatIndicator: v.PayloadFormatIndicator = Flag(ref r, pid); break;
                case PropertyId.MessageExpiryInterval: v.MessageExpiryInterval = r.ReadUInt32(); break;
                case PropertyId.ContentType: v.ContentType = r.ReadString(); break;
                case PropertyId.ResponseTopic:
                    v.ResponseTopic = r.ReadString();
                    if (!MqttTopic.IsValidTopicName(v.ResponseTopic)) throw MqttProtocolException.Protocol("response topic must be a topic name without wildcards");
                    break;
                case PropertyId.CorrelationData: v.CorrelationData = r.ReadBinary().ToArray(); break;
                case PropertyId.SubscriptionIdentifier:
                    uint sid = r.ReadVariableInt();
                    if (sid == 0) throw MqttProtocolException.Protocol("subscription identifier 0");
                    if (context == (int)MqttPacketType.Subscribe && v.SubscriptionIdentifiers is not null)
                        throw MqttProtocolException.Protocol("SUBSCRIBE has two subscription identifiers");
                    (v.SubscriptionIdentifiers ??= new List<uint>(1)).Add(sid);
                    break;
                case PropertyId.SessionExpiryInterval: v.SessionExpiryInterval = r.ReadUInt32(); break;
                case PropertyId.AssignedClientIdentifier: v.AssignedClientIdentifier = r.ReadString(); break;
                case PropertyId.ServerKeepAlive: v.ServerKeepAlive = r.ReadUInt16(); break;
                case PropertyId.AuthenticationMethod: v.AuthenticationMethod = r.ReadString(); break;
                case PropertyId.AuthenticationData: v.AuthenticationData = r.ReadBinary().ToArray(); break;
                case PropertyId.RequestProblemInformation: v.RequestProblemInformation = Flag(ref r, pid); break;
                case PropertyId.WillDelayInterval: v.WillDelayInterval = r.ReadUInt32(); break;
                case PropertyId.RequestResponseInformation: v.RequestResponseInformation = Flag(ref r, pid); break;
                case PropertyId.ResponseInformation: v.ResponseInformation = r.ReadString(); break;
                case PropertyId.ServerReference: v.ServerReference = r.ReadString(); break;
                case PropertyId.ReasonString: v.ReasonString = r.ReadString(); break;
                case PropertyId.ReceiveMaximum: v.ReceiveMaximum = NonZero16(ref r, pid); break;
                case PropertyId.TopicAliasMaximum: v.TopicAliasMaximum = r.ReadUInt16(); break;
                case PropertyId.TopicAlias: v.TopicAlias = NonZero16(ref r, pid); break;
                case PropertyId.MaximumQoS: v.MaximumQoS = Flag(ref r, pid); break;
                case PropertyId.RetainAvailable: v.RetainAvailable = Flag(ref r, pid); break;
                case PropertyId.UserProperty:
                    string name = r.ReadString();
                    string value = r.ReadString();
                    (v.UserProperties ??= new List<MqttUserProperty>()).Add(new MqttUserProperty(name, value));
                    break;
                case PropertyId.MaximumPacketSize:
                    v.MaximumPacketSize = r.ReadUInt32();
                    if (v.MaximumPacketSize == 0) throw MqttProtocolException.Protocol("maximum packet size 0");
                    break;
                case PropertyId.WildcardSubscriptionAvailable: v.WildcardSubscriptionAvailable = Flag(ref r, pid); break;
                case PropertyId.SubscriptionIdentifierAvailable: v.SubscriptionIdentifierAvailable = Flag(ref r, pid); break;
                case PropertyId.SharedSubscriptionAvailable: v.SharedSubscriptionAvailable = Flag(ref r, pid); break;
            }
        }
    }

    static string ContextName(int context) => context == WillContext ? "the will properties" : ((MqttPacketType)context).ToString();

    static byte Flag(ref PacketSpanReader r, PropertyId id)
    {
        byte b = r.ReadByte();
        if (b > 1) throw MqttProtocolException.Protocol($"{id} must be 0 or 1");
        return b;
    }

    static ushort NonZero16(ref PacketSpanReader r, PropertyId id)
    {
        ushort v = r.ReadUInt16();
        if (v == 0) throw MqttProtocolException.Protocol($"{id} must not be 0");
        return v;
    }

    /// <summary>Payload Format Indicator 1 promises UTF-8 text; the receiver may check (0x99).</summary>
    public static void CheckPayloadFormat(bool utf8, ReadOnlySpan<byte> payload)
    {
        if (utf8 && !Utf8.IsValid(payload))
            throw new MqttProtocolException(MqttReasonCode.PayloadFormatInvalid, "payload is marked as UTF-8 but is not");
    }

    public static void ReadConnect(ref PacketSpanReader r, ConnectPacket p)
    {
        Read(ref r, (int)MqttPacketType.Connect, out var v);
        p.SessionExpiryInterval = v.SessionExpiryInterval ?? 0;
        p.ReceiveMaximum = v.ReceiveMaximum ?? ushort.MaxValue;
        p.MaximumPacketSize = v.MaximumPacketSize ?? 0;
        p.TopicAliasMaximum = v.TopicAliasMaximum ?? 0;
        p.RequestResponseInformation = v.RequestResponseInformation == 1;
        p.RequestProblemInformation = v.RequestProblemInformation != 0;
        p.AuthenticationMethod = v.AuthenticationMethod;
        p.AuthenticationData = v.AuthenticationData;
        if (p.AuthenticationData is not null && p.AuthenticationMethod is null)
            throw MqttProtocolException.Protocol("authentication data without an authentication method");
        p.UserProperties = v.UserProperties;
    }

    /// <summary>Reads the will properties into <paramref name="w"/> and returns the Will Delay Interval.</summary>
    public static uint ReadWill(ref PacketSpanReader r, MqttApplicationMessage w)
    {
        Read(ref r, WillContext, out var v);
        CopyMessageProperties(in v, w);
        return v.WillDelayInterval ?? 0;
    }

    static void CopyMessageProperties(in Values v, MqttApplicationMessage m)
    {
        m.PayloadFormatIndicator = v.PayloadFormatIndicator == 1;
        m.MessageExpiryInterval = v.MessageExpiryInterval;
        m.ContentType = v.ContentType;
        m.ResponseTopic = v.ResponseTopic;
        // Not `= v.CorrelationData`: the implicit byte[] -> ReadOnlyMemory<byte> conversion turns null into
        // an empty (non-null) value, which a re-encoder would send as an empty Correlation Data property.
        m.CorrelationData = v.CorrelationData is { } cd ? new ReadOnlyMemory<byte>(cd) : (ReadOnlyMemory<byte>?)null;
        m.UserProperties = v.UserProperties;
    }

    public static void ReadConnAck(ref PacketSpanReader r, ConnAckPacket p)
    {
        Read(ref r, (int)MqttPacketType.ConnAck, out var v);
        p.SessionExpiryInterval = v.SessionExpiryInterval;
        p.ReceiveMaximum = v.ReceiveMaximum;
        p.MaximumQoS = v.MaximumQoS is { } q ? (MqttQualityOfServiceLevel)q : null;
        p.RetainAvailable = v.RetainAvailable is { } ra ? ra == 1 : null;
        p.MaximumPacketSize = v.MaximumPacketSize;
        p.AssignedClientIdentifier = v.AssignedClientIdentifier;
        p.TopicAliasMaximum = v.TopicAliasMaximum;
        p.ReasonString = v.ReasonString;
        p.UserProperties = v.UserProperties;
        p.WildcardSubscriptionAvailable = v.WildcardSubscriptionAvailable is { } w ? w == 1 : null;
        p.SubscriptionIdentifiersAvailable = v.SubscriptionIdentifierAvailable is { } s ? s == 1 : null;
        p.SharedSubscriptionAvailable = v.SharedSubscriptionAvailable is { } sh ? sh == 1 : null;
        p.ServerKeepAlive = v.ServerKeepAlive;
        p.ResponseInformation = v.ResponseInformation;
        p.ServerReference = v.ServerReference;
        p.AuthenticationMethod = v.AuthenticationMethod;
        p.AuthenticationData = v.AuthenticationData;
    }

    public static void ReadPublish(ref PacketSpanReader r, PublishPacket p)
    {
        Read(ref r, (int)MqttPacketType.Publish, out var v);
        p.PayloadFormatIndicator = v.PayloadFormatIndicator == 1;
        p.MessageExpiryInterval = v.MessageExpiryInterval;
        p.TopicAlias = v.TopicAlias ?? 0;
        p.ResponseTopic = v.ResponseTopic;
        p.CorrelationData = v.CorrelationData;
        p.ContentType = v.ContentType;
        p.SubscriptionIdentifiers = v.SubscriptionIdentifiers;
        p.UserProperties = v.UserProperties;
    }

    /// <summary>Acks (PUBACK..PUBCOMP, SUBACK, UNSUBACK) carry a reason string and user properties.</summary>
    public static void ReadAck(ref PacketSpanReader r, MqttPacket p)
    {
        Read(ref r, (int)p.Type, out var v);
        p.ReasonString = v.ReasonString;
        p.UserProperties = v.UserProperties;
    }

    public static void ReadSubscribe(ref PacketSpanReader r, SubscribePacket p)
    {
        Read(ref r, (int)MqttPacketType.Subscribe, out var v);
        p.SubscriptionIdentifier = v.SubscriptionIdentifiers is { Count: > 0 } ids ? ids[0] : 0;
        p.UserProperties = v.UserProperties;
    }

    public static void ReadUserPropertiesOnly(ref PacketSpanReader r, MqttPacket p, MqttPacketType type)
    {
        Read(ref r, (int)type, out var v);
        p.UserProperties = v.UserProperties;
    }

    public static void ReadDisconnect(ref PacketSpanReader r, DisconnectPacket p)
    {
        Read(ref r, (int)MqttPacketType.Disconnect, out var v);
        p.SessionExpiryInterval = v.SessionExpiryInterval;
        p.ReasonString = v.ReasonString;
        p.ServerReference = v.ServerReference;
        p.UserProperties = v.UserProperties;
    }

    public static void ReadAuth(ref PacketSpanReader r, AuthPacket p)
    {
        Read(ref r, (int)MqttPacketType.Auth, out var v);
        p.AuthenticationMethod = v.AuthenticationMethod;
        p.AuthenticationData = v.AuthenticationData;
        p.ReasonString = v.ReasonString;
        p.UserProperties = v.UserProperties;
    }
}
