using System.Collections.Concurrent;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Mqtt.Tests.Support;

/// <summary>Our broker on a free loopback port, with its log captured for assertions.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    public MqttBroker Broker { get; }
    public ConcurrentQueue<string> LogLines { get; } = new();
    public int Port => Broker.Port;

    TestBroker(MqttBroker broker) => Broker = broker;

    public static async Task<TestBroker> StartAsync(Action<MqttBrokerOptions>? configure = null)
    {
        var options = new MqttBrokerOptions { Port = 0, SysInterval = TimeSpan.Zero };
        TestBroker? tb = null;
        var lines = new ConcurrentQueue<string>();
        options.Log = (level, msg) => lines.Enqueue($"{level}: {msg}");
        configure?.Invoke(options);
        var broker = new MqttBroker(options);
        tb = new TestBroker(broker);
        while (lines.TryDequeue(out var l)) tb.LogLines.Enqueue(l);
        options.Log = (level, msg) => tb.LogLines.Enqueue($"{level}: {msg}");
        await broker.StartAsync();
        return tb;
    }

    /// <summary>Waits until the broker has processed the end of this client's connection, so that what
    /// is published next finds its session offline.</summary>
    public Task GoneAsync(string clientId) =>
        Eventually.TrueAsync(() => Broker.ConnectedClients.All(c => c.ClientId != clientId), $"'{clientId}' disconnected at the broker");

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}

public static class Eventually
{
    /// <summary>Polls until the condition holds (or fails the test after the timeout).</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}
