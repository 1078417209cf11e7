using System.Globalization;
using System.Text;

namespace RoboClub.Mqtt.Broker;

/// <summary>Publishes the broker's counters as retained messages under $SYS/broker/ (mosquitto's names
/// where it has them), so any MQTT tool can watch a club's broker.</summary>
internal sealed class SysTopicPublisher
{
    public const string Version = "RoboClub.Mqtt 1.0";
    readonly MqttBroker _broker;

    public SysTopicPublisher(MqttBroker broker) => _broker = broker;

    public void Publish()
    {
        try
        {
            var s = _broker.Statistics;
            var (bytesIn, bytesOut) = _broker.TotalTraffic();
            s.Subscriptions = _broker.Tree.Count;
            s.RetainedMessages = _broker.Retained.Count;
            s.Sessions = _broker.SessionCount;
            Set("version", Version);
            Set("uptime", $"{(long)(DateTime.UtcNow - s.StartedUtc).TotalSeconds} seconds");
            Set("clients/connected", s.ClientsConnected);
            Set("clients/maximum", s.ClientsMaximum);
            Set("clients/total", s.Sessions);
            Set("clients/disconnected", Math.Max(0, s.Sessions - s.ClientsConnected));
            Set("connections/total", s.ConnectionsTotal);
            Set("connections/malformed", s.MalformedPackets);
            Set("connections/auth-failures", s.AuthenticationFailures);
            Set("messages/received", s.MessagesReceived);
            Set("messages/sent", s.MessagesSent);
            Set("publish/messages/received", s.PublishReceived);
            Set("publish/messages/sent", s.PublishSent);
            Set("publish/messages/dropped", s.PublishDropped);
            Set("publish/messages/expired", s.PublishExpired);
            Set("bytes/received", bytesIn);
            Set("bytes/sent", bytesOut);
            Set("subscriptions/count", s.Subscriptions);
            Set("retained messages/count", s.RetainedMessages);
        }
        catch (Exception ex)
        {
            _broker.Log(MqttLogLevel.Error, $"$SYS update failed: {ex.Message}");
        }
    }

    void Set(string name, long value) => Set(name, value.ToString(CultureInfo.InvariantCulture));

    void Set(string name, string value)
    {
        _broker.Route(new BrokerMessage
        {
            Topic = "$SYS/broker/" + name,
            Payload = Encoding.UTF8.GetBytes(value),
            Retain = true,
        }, new List<Subscription>());
    }
}
