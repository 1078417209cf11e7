using System.Collections.Concurrent;

namespace RoboClub.Mqtt.Broker;

/// <summary>The last retained message of every topic. A retained message with an empty payload deletes it.</summary>
internal sealed class RetainedMessageStore
{
    readonly ConcurrentDictionary<string, BrokerMessage> _messages = new(StringComparer.Ordinal);

    public int Count => _messages.Count;

    public void Set(BrokerMessage message)
    {
        if (message.Payload.IsEmpty) _messages.TryRemove(message.Topic, out _);
        else _messages[message.Topic] = message;
    }

    /// <summary>Retained messages whose topic matches <paramref name="filter"/>; expired ones are removed.
    /// A scan of all retained topics: fine for a club's few thousand; a tree would be next.</summary>
    public List<BrokerMessage> Match(string filter, long nowUtcTicks)
    {
        var result = new List<BrokerMessage>();
        bool exact = !MqttTopic.HasWildcards(filter);
        if (exact)
        {
            if (_messages.TryGetValue(filter, out var m)) AddIfLive(m);
            return result;
        }
        foreach (var (topic, m) in _messages)
        {
            if (MqttTopic.Matches(filter, topic)) AddIfLive(m);
        }
        return result;

        void AddIfLive(BrokerMessage m)
        {
            if (m.IsExpired(nowUtcTicks)) _messages.TryRemove(new KeyValuePair<string, BrokerMessage>(m.Topic, m));
            else result.Add(m);
        }
    }

    public IEnumerable<BrokerMessage> All => _messages.Values;
}
