using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using RoboClub.Mqtt.Client;
using RoboClub.Mqtt.Tests.Peers;

namespace RoboClub.Mqtt.Tests.Client;

/// <summary>Shared helpers for client tests: options for a broker, message collection, polling.</summary>
internal static class ClientTestKit
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    static int s_counter;

    /// <summary>A unique name (client id, topic) so that tests sharing a broker never meet.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}";

    public static MqttClientOptions Options(IBrokerEndpoint broker, MqttProtocolVersion version, string? clientId = null) => new()
    {
        Host = broker.Host,
        Port = broker.Port,
        ProtocolVersion = version,
        ClientId = clientId ?? Unique("c"),
        ConnectTimeout = TimeSpan.FromSeconds(3),
        Timeout = TimeSpan.FromSeconds(3),
    };

    public static async Task<MqttClient> ConnectAsync(MqttClientOptions options, MessageLog? log = null)
    {
        var client = new MqttClient(options);
        log?.Attach(client);
        await client.ConnectAsync();
        return client;
    }

    public static MqttApplicationMessage Message(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtMostOnce, bool retain = false) => new()
    {
        Topic = topic,
        Payload = Encoding.UTF8.GetBytes(payload),
        QualityOfServiceLevel = qos,
        Retain = retain,
    };

    /// <summary>Polls <paramref name="condition"/> until true or the deadline (no fixed sleeps).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > (timeout ?? Deadline)) throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}

/// <summary>Collects what a client receives.</summary>
internal sealed class MessageLog
{
    readonly ConcurrentQueue<MqttApplicationMessageReceivedEventArgs> _received = new();

    public IReadOnlyList<MqttApplicationMessageReceivedEventArgs> All => _received.ToArray();

    public IReadOnlyList<MqttApplicationMessage> On(string topic) => _received.Select(e => e.ApplicationMessage).Where(m => m.Topic == topic).ToList();

    public void Attach(MqttClient client) => client.ApplicationMessageReceivedAsync += e =>
    {
        _received.Enqueue(e);
        return Task.CompletedTask;
    };

    public async Task<IReadOnlyList<MqttApplicationMessage>> WaitAsync(string topic, int count, TimeSpan? timeout = null)
    {
        await ClientTestKit.UntilAsync(() => On(topic).Count >= count, $"{count} message(s) on {topic} (got {On(topic).Count})", timeout);
        return On(topic);
    }
}
