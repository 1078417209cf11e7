using System.Collections.Concurrent;
using RoboClub.Mqtt.Client;
using RoboClub.Mqtt.Tests.Peers;
using static RoboClub.Mqtt.Tests.Client.ClientTestKit;

namespace RoboClub.Mqtt.Tests.Client;

/// <summary>
/// MqttApplicationMessageReceivedEventArgs.AcknowledgeAfter against a real mosquitto keeping the
/// subscriber's session: the ack waits for the work while later messages already arrive, and a
/// failed work gets no ack, so mosquitto sends the message again on the next connection.
/// </summary>
public sealed class AcknowledgeAfterTests : IAsyncLifetime
{
    MosquittoFixture _mosquitto = null!;

    public async Task InitializeAsync() => _mosquitto = await MosquittoFixture.StartAsync(new MosquittoConfig { Persistence = true });
    public async Task DisposeAsync() => await _mosquitto.DisposeAsync();

    MqttClientOptions Persistent(string clientId)
    {
        var o = Options(_mosquitto, MqttProtocolVersion.V311, clientId);
        o.CleanSession = false;
        o.AutoReconnect = true;
        o.ReconnectDelay = TimeSpan.FromMilliseconds(100);
        o.MaximumReconnectDelay = TimeSpan.FromMilliseconds(500);
        return o;
    }

    [Fact]
    public async Task Acks_wait_for_the_work_later_messages_still_arrive_and_a_failed_one_comes_again()
    {
        string topic = Unique("ack-after");
        string id = Unique("hub");
        var works = new ConcurrentDictionary<string, TaskCompletionSource>();
        var received = new ConcurrentQueue<(string Payload, bool Dup)>();
        TaskCompletionSource Work(string payload) => works.GetOrAdd(payload, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        await using var hub = new MqttClient(Persistent(id));
        hub.ApplicationMessageReceivedAsync += e =>
        {
            string payload = e.ApplicationMessage.PayloadAsString();
            received.Enqueue((payload, e.IsDuplicate));
            e.AcknowledgeAfter(Work(payload + "#" + received.Count(r => r.Payload == payload)).Task);
            return Task.CompletedTask;
        };
        await hub.ConnectAsync();
        await hub.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);

        await using var board = await ConnectAsync(Options(_mosquitto, MqttProtocolVersion.V311));
        foreach (var p in new[] { "one", "two", "three" })
            await board.PublishAsync(Message(topic, p, MqttQualityOfServiceLevel.AtLeastOnce));

        // All three are handed over although none is acknowledged yet (the acks do not stall delivery).
        await UntilAsync(() => received.Count == 3, "three messages delivered before any ack");
        Work("one#1").SetResult();
        Work("three#1").SetResult();
        Work("two#1").SetException(new IOException("the database is down")); // "two" is not stored: no ack, reconnect

        // mosquitto sends "two" again (and "one" or "three" too if their acks had not left when the
        // connection dropped: at least once, never lost).
        foreach (var p in new[] { "one#2", "two#2", "three#2" }) Work(p).SetResult();
        await UntilAsync(() => received.Any(r => r.Payload == "two" && r.Dup), "'two' delivered again with DUP", TimeSpan.FromSeconds(15));
        Assert.All(received.Skip(3), r => Assert.True(r.Dup, $"'{r.Payload}' came again without DUP"));

        // Everything is acknowledged now: a new connection of the same session gets nothing more.
        // (A fence message first: messages are handled one after another, so once it arrived the acks
        // before it are queued on the connection, and DISCONNECT goes out after them.)
        await UntilAsync(() => hub.IsConnected, "reconnected", TimeSpan.FromSeconds(10));
        Work("fence#1").SetResult();
        await board.PublishAsync(Message(topic, "fence", MqttQualityOfServiceLevel.AtLeastOnce));
        await UntilAsync(() => received.Any(r => r.Payload == "fence"), "the fence");
        await hub.DisconnectAsync();
        await using var again = new MqttClient(Persistent(id));
        var late = new ConcurrentQueue<string>();
        again.ApplicationMessageReceivedAsync += e => { late.Enqueue(e.ApplicationMessage.PayloadAsString()); return Task.CompletedTask; };
        await again.ConnectAsync();
        await board.PublishAsync(Message(topic, "marker", MqttQualityOfServiceLevel.AtLeastOnce));
        await UntilAsync(() => late.Contains("marker"), "the marker after the resumed session");
        Assert.Equal(["marker"], late.Where(p => p != "fence")); // the fence's own ack may not have left before DISCONNECT
    }
}
