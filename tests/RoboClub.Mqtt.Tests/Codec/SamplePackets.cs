using System.Text;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Tests.Codec;

/// <summary>
/// One or more fully populated packets of every type for each protocol version. For MQTT 5 every
/// property a packet can carry is set (with non-default values); for 3.1.1 only what 3.1.1 has,
/// so that a round trip must give back exactly the same object graph. Also the fuzzer's seeds.
/// </summary>
internal static class SamplePackets
{
    static List<MqttUserProperty> Ups(string tag) =>
    [
        new("z-first", tag + "1"),
        new("a-second", tag + "2"),
        new("z-first", tag + "3"), // repeated name: order and duplicates must survive
        new("ünï", "çødé ✓"),
        new("", ""),
    ];

    public static IEnumerable<(string Name, MqttPacket Packet)> All(MqttProtocolVersion version)
    {
        bool v5 = version == MqttProtocolVersion.V500;

        // ---------------- CONNECT
        yield return ("connect-minimal", new ConnectPacket { ProtocolVersion = version, ClientId = "", CleanStart = true });
        yield return ("connect-full", v5
            ? new ConnectPacket
            {
                ProtocolVersion = version,
                ClientId = "robot-7",
                CleanStart = false,
                KeepAliveSeconds = 65535,
                UserName = "kid",
                Password = [0x00, 0xFF, 0x10],
                WillDelayInterval = 30,
                SessionExpiryInterval = 0xFFFFFFFF,
                ReceiveMaximum = 20,
                MaximumPacketSize = 1_048_576,
                TopicAliasMaximum = 10,
                RequestResponseInformation = true,
                RequestProblemInformation = false,
                AuthenticationMethod = "SCRAM-SHA-1",
                AuthenticationData = [1, 2, 3],
                UserProperties = Ups("c"),
                Will = new MqttApplicationMessage
                {
                    Topic = "robots/7/status",
                    Payload = "offline"u8.ToArray(),
                    QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce,
                    Retain = true,
                    MessageExpiryInterval = 120,
                    PayloadFormatIndicator = true,
                    ContentType = "text/plain",
                    ResponseTopic = "robots/7/answers",
                    CorrelationData = new byte[] { 9, 8, 7 },
                    UserProperties = Ups("w"),
                },
            }
            : new ConnectPacket
            {
                ProtocolVersion = version,
                ClientId = "robot-7",
                CleanStart = false,
                KeepAliveSeconds = 60,
                UserName = "kid",
                Password = [0x00, 0xFF, 0x10],
                Will = new MqttApplicationMessage
                {
                    Topic = "robots/7/status",
                    Payload = "offline"u8.ToArray(),
                    QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                    Retain = true,
                },
            });
        // A will without any properties: nothing may appear out of nowhere (e.g. empty correlation data).
        yield return ("connect-plain-will", new ConnectPacket
        {
            ProtocolVersion = version,
            ClientId = "w",
            Will = new MqttApplicationMessage { Topic = "t", Payload = ReadOnlyMemory<byte>.Empty },
        });
        if (v5)
        {
            yield return ("connect-v5-password-only", new ConnectPacket { ProtocolVersion = version, ClientId = "p", Password = [1] });
        }
        else
        {
            yield return ("connect-v310", new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V310, ClientId = "old-robot", KeepAliveSeconds = 10, UserName = "u", Password = [] });
        }

        // ---------------- CONNACK
        yield return ("connack-minimal", new ConnAckPacket { SessionPresent = true, ReasonCode = MqttReasonCode.Success });
        yield return ("connack-refused", new ConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized });
        if (v5)
        {
            yield return ("connack-full", new ConnAckPacket
            {
                SessionPresent = true,
                ReasonCode = MqttReasonCode.Success,
                SessionExpiryInterval = 3600,
                ReceiveMaximum = 100,
                MaximumQoS = MqttQualityOfServiceLevel.AtLeastOnce,
                RetainAvailable = false,
                MaximumPacketSize = 65536,
                AssignedClientIdentifier = "auto-1234",
                TopicAliasMaximum = 0, // present with value 0 is legal and must survive
                ReasonString = "welcome",
                UserProperties = Ups("ca"),
                WildcardSubscriptionAvailable = true,
                SubscriptionIdentifiersAvailable = false,
                SharedSubscriptionAvailable = true,
                ServerKeepAlive = 30,
                ResponseInformation = "resp/",
                ServerReference = "other:1883",
                AuthenticationMethod = "SCRAM-SHA-1",
                AuthenticationData = [4, 5, 6],
            });
            yield return ("connack-flags-false", new ConnAckPacket
            {
                ReasonCode = MqttReasonCode.Banned,
                MaximumQoS = MqttQualityOfServiceLevel.AtMostOnce,
                RetainAvailable = true,
                WildcardSubscriptionAvailable = false,
                SubscriptionIdentifiersAvailable = true,
                SharedSubscriptionAvailable = false,
            });
        }

        // ---------------- PUBLISH
        yield return ("publish-qos0-empty", new PublishPacket { Topic = "a", Payload = ReadOnlyMemory<byte>.Empty });
        yield return ("publish-qos1", new PublishPacket { Topic = "robots/1/sensors/distance", Payload = "42"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 1, Retain = true });
        yield return ("publish-qos2-dup", new PublishPacket { Topic = "$SYS/ünïcødé/✓", Payload = new byte[] { 0, 1, 2, 255 }, QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce, PacketId = 65535, Dup = true });
        if (v5)
        {
            yield return ("publish-full", new PublishPacket
            {
                Topic = "robots/2/cmd",
                Payload = Encoding.UTF8.GetBytes("forward 10 ✓"),
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                PacketId = 77,
                Retain = true,
                PayloadFormatIndicator = true,
                MessageExpiryInterval = 0, // present with value 0
                TopicAlias = 3,
                ResponseTopic = "robots/2/reply",
                CorrelationData = [0xCA, 0xFE],
                ContentType = "text/plain; charset=utf-8",
                SubscriptionIdentifiers = [1, 127, 128, 16_383, 16_384, 268_435_455],
                UserProperties = Ups("p"),
            });
            yield return ("publish-alias-only", new PublishPacket { Topic = "", TopicAlias = 65535, Payload = new byte[] { 1 } });
            yield return ("publish-one-subid", new PublishPacket { Topic = "x", SubscriptionIdentifiers = [5], Payload = ReadOnlyMemory<byte>.Empty });
        }

        // ---------------- PUBACK / PUBREC / PUBREL / PUBCOMP
        foreach (var make in new Func<PublishResponsePacket>[] { () => new PubAckPacket(), () => new PubRecPacket(), () => new PubRelPacket(), () => new PubCompPacket() })
        {
            var plain = make();
            plain.PacketId = 1;
            yield return ($"{plain.Type}-plain", plain);
            var high = make();
            high.PacketId = 65535;
            yield return ($"{high.Type}-id65535", high);
            if (v5)
            {
                var rc = make();
                rc.PacketId = 2;
                rc.ReasonCode = rc.Type is MqttPacketType.PubRel or MqttPacketType.PubComp ? MqttReasonCode.PacketIdentifierNotFound : MqttReasonCode.NoMatchingSubscribers;
                yield return ($"{rc.Type}-reason", rc);
                var full = make();
                full.PacketId = 3;
                full.ReasonCode = full.Type is MqttPacketType.PubRel or MqttPacketType.PubComp ? MqttReasonCode.Success : MqttReasonCode.QuotaExceeded;
                full.ReasonString = "because";
                full.UserProperties = Ups(full.Type.ToString());
                yield return ($"{full.Type}-full", full);
            }
        }

        // ---------------- SUBSCRIBE / SUBACK
        yield return ("subscribe-one", new SubscribePacket { PacketId = 1, TopicFilters = [new MqttTopicFilter("a/#", MqttQualityOfServiceLevel.AtLeastOnce)] });
        yield return ("subscribe-many", v5
            ? new SubscribePacket
            {
                PacketId = 900,
                SubscriptionIdentifier = 268_435_455,
                UserProperties = Ups("s"),
                TopicFilters =
                [
                    new MqttTopicFilter { Topic = "robots/+/sensors/#", QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce, NoLocal = true, RetainAsPublished = true, RetainHandling = 2 },
                    new MqttTopicFilter { Topic = "$share/team/robots/+", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, RetainHandling = 1 },
                    new MqttTopicFilter { Topic = "#" },
                ],
            }
            : new SubscribePacket
            {
                PacketId = 900,
                TopicFilters = [new MqttTopicFilter("robots/+/sensors/#", MqttQualityOfServiceLevel.ExactlyOnce), new MqttTopicFilter("#"), new MqttTopicFilter("ü/✓", MqttQualityOfServiceLevel.AtLeastOnce)],
            });
        yield return ("suback", new SubAckPacket
        {
            PacketId = 900,
            ReasonCodes = v5
                ? [MqttReasonCode.GrantedQoS0, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.TopicFilterInvalid, MqttReasonCode.SharedSubscriptionsNotSupported]
                : [MqttReasonCode.GrantedQoS0, MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.UnspecifiedError],
            ReasonString = v5 ? "some refused" : null,
            UserProperties = v5 ? Ups("sa") : null,
        });

        // ---------------- UNSUBSCRIBE / UNSUBACK
        yield return ("unsubscribe", new UnsubscribePacket { PacketId = 5, TopicFilters = ["a/#", "$share/g/x", "ü"], UserProperties = v5 ? Ups("u") : null });
        yield return ("unsuback", v5
            ? new UnsubAckPacket { PacketId = 5, ReasonCodes = [MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted, MqttReasonCode.NotAuthorized], ReasonString = "ok", UserProperties = Ups("ua") }
            : new UnsubAckPacket { PacketId = 5 });

        // ---------------- PING
        yield return ("pingreq", PingReqPacket.Instance);
        yield return ("pingresp", PingRespPacket.Instance);

        // ---------------- DISCONNECT
        yield return ("disconnect-normal", new DisconnectPacket());
        if (v5)
        {
            yield return ("disconnect-reason", new DisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage });
            yield return ("disconnect-full", new DisconnectPacket
            {
                ReasonCode = MqttReasonCode.ServerMoved,
                SessionExpiryInterval = 0,
                ReasonString = "moved",
                ServerReference = "robohub-2",
                UserProperties = Ups("d"),
            });

            // ---------------- AUTH (MQTT 5 only)
            yield return ("auth-minimal", new AuthPacket { ReasonCode = MqttReasonCode.Success });
            yield return ("auth-full", new AuthPacket
            {
                ReasonCode = MqttReasonCode.ContinueAuthentication,
                AuthenticationMethod = "SCRAM-SHA-1",
                AuthenticationData = [0, 1, 2, 3],
                ReasonString = "next step",
                UserProperties = Ups("a"),
            });
            yield return ("auth-reauth", new AuthPacket { ReasonCode = MqttReasonCode.ReAuthenticate, AuthenticationMethod = "X" });
        }
    }
}
