using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Client;

/// <summary>
/// MQTT 5 server→client topic aliases of one connection (they do not survive a reconnect,
/// MQTT-3.3.2-7). A PUBLISH with topic and alias sets the alias; one with only the alias uses it.
/// </summary>
internal sealed class IncomingTopicAliases(ushort maximum)
{
    readonly string?[] _topics = new string?[maximum + 1];

    /// <summary>Fills in <see cref="PublishPacket.Topic"/> from the alias when it is empty.</summary>
    /// <exception cref="MqttProtocolException">TopicAliasInvalid: alias 0, above our maximum, or never set.</exception>
    public void Resolve(PublishPacket packet)
    {
        ushort alias = packet.TopicAlias;
        if (alias == 0) return;
        if (alias >= _topics.Length)
            throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"topic alias {alias} is above our maximum of {_topics.Length - 1}");
        if (packet.Topic.Length > 0)
        {
            _topics[alias] = packet.Topic;
        }
        else
        {
            packet.Topic = _topics[alias]
                ?? throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"topic alias {alias} was used before it was set");
        }
    }
}
