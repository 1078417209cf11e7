using System.Collections.Concurrent;
using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Broker;

/// <summary>
/// An in-process subscriber with acknowledgeAfterHandled (the hub's telemetry store): a client's
/// QoS 1/2 message is acknowledged only when the handler's task completed, in the client's order,
/// without holding up other clients; a failed handler gets no ack and the connection is closed so
/// the client sends the message again.
/// </summary>
public class AcknowledgeAfterHandledTests
{
    /// <summary>A handler whose task per payload the test completes (or fails) when it likes.</summary>
    sealed class HeldHandler
    {
        public readonly ConcurrentDictionary<string, TaskCompletionSource> Pending = new();
        public readonly ConcurrentQueue<string> Received = new();

        public ValueTask Handle(MqttApplicationMessage m)
        {
            string payload = m.PayloadAsString();
            Received.Enqueue(payload);
            var done = Pending.GetOrAdd(payload, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return new ValueTask(done.Task);
        }

        public TaskCompletionSource For(string payload) =>
            Pending.GetOrAdd(payload, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    static PublishPacket Publish(string payload, ushort id, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, bool dup = false) =>
        new() { Topic = "club/b1/telemetry", Payload = System.Text.Encoding.UTF8.GetBytes(payload), QualityOfServiceLevel = qos, PacketId = id, Dup = dup };

    static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task PUBACK_waits_for_the_handler_and_keeps_the_publish_order()
    {
        await using var b = await TestBroker.StartAsync();
        var handler = new HeldHandler();
        using var sub = b.Broker.Subscribe("club/+/telemetry", handler.Handle, includeRetained: false, acknowledgeAfterHandled: true);
        await using var board = await RawClient.ConnectAsync(b.Port, "b1");

        await board.SendAsync(Publish("one", 1));
        await board.SendAsync(Publish("two", 2));
        await Eventually.TrueAsync(() => handler.Received.Count == 2, "both messages handed to the subscriber");
        Assert.True(await board.NothingWithinAsync(Quiet), "no PUBACK before the handler finished");

        handler.For("two").SetResult(); // the later one is stored first: its ack still waits for the first
        Assert.True(await board.NothingWithinAsync(Quiet), "no PUBACK of message 2 before message 1's");

        handler.For("one").SetResult();
        Assert.Equal(1, (await board.ExpectAsync<PubAckPacket>()).PacketId);
        Assert.Equal(2, (await board.ExpectAsync<PubAckPacket>()).PacketId);
        Assert.Equal(["one", "two"], handler.Received);
    }

    [Fact]
    public async Task A_waiting_client_does_not_hold_up_another_client()
    {
        await using var b = await TestBroker.StartAsync();
        var handler = new HeldHandler();
        using var sub = b.Broker.Subscribe("club/+/telemetry", handler.Handle, includeRetained: false, acknowledgeAfterHandled: true);
        await using var slow = await RawClient.ConnectAsync(b.Port, "b1");
        await using var other = await RawClient.ConnectAsync(b.Port, "b2");

        await slow.SendAsync(Publish("held", 1));
        await Eventually.TrueAsync(() => handler.Received.Contains("held"), "the held message arrived");
        handler.For("quick").SetResult();
        await other.SendAsync(Publish("quick", 7));
        Assert.Equal(7, (await other.ExpectAsync<PubAckPacket>()).PacketId);
        Assert.True(await slow.NothingWithinAsync(Quiet));
        handler.For("held").SetResult();
        Assert.Equal(1, (await slow.ExpectAsync<PubAckPacket>()).PacketId);
    }

    [Fact]
    public async Task A_failed_handler_gets_no_ack_the_connection_closes_and_the_resend_is_handled_again()
    {
        await using var b = await TestBroker.StartAsync();
        var handler = new HeldHandler();
        using var sub = b.Broker.Subscribe("club/+/telemetry", handler.Handle, includeRetained: false, acknowledgeAfterHandled: true);
        await using (var board = await RawClient.ConnectAsync(b.Port, "b1", configure: c => c.CleanStart = false))
        {
            await board.SendAsync(Publish("one", 1));
            await board.SendAsync(Publish("two", 2));
            await Eventually.TrueAsync(() => handler.Received.Count == 2, "both messages handed to the subscriber");
            handler.For("two").SetResult();
            handler.For("one").SetException(new IOException("the database is down"));
            var before = await board.ReadUntilClosedAsync();
            Assert.DoesNotContain(before, p => p is PubAckPacket);
        }
        Assert.Contains(b.LogLines, l => l.Contains("the database is down") && l.Contains("closing the connection"));
        await b.GoneAsync("b1");

        handler.Pending.Clear();
        handler.For("one").SetResult();
        handler.For("two").SetResult();
        await using var again = await RawClient.ConnectAsync(b.Port, "b1", configure: c => c.CleanStart = false);
        await again.SendAsync(Publish("one", 1, dup: true));
        await again.SendAsync(Publish("two", 2, dup: true));
        Assert.Equal(1, (await again.ExpectAsync<PubAckPacket>()).PacketId);
        Assert.Equal(2, (await again.ExpectAsync<PubAckPacket>()).PacketId);
    }

    [Fact]
    public async Task QoS_2_PUBREC_waits_and_a_failed_message_is_routed_again_when_resent()
    {
        await using var b = await TestBroker.StartAsync();
        var handler = new HeldHandler();
        using var sub = b.Broker.Subscribe("club/+/telemetry", handler.Handle, includeRetained: false, acknowledgeAfterHandled: true);
        await using (var board = await RawClient.ConnectAsync(b.Port, "b1", configure: c => c.CleanStart = false))
        {
            await board.SendAsync(Publish("q2", 5, MqttQualityOfServiceLevel.ExactlyOnce));
            await Eventually.TrueAsync(() => handler.Received.Count == 1, "handed to the subscriber");
            Assert.True(await board.NothingWithinAsync(Quiet), "no PUBREC before the handler finished");
            handler.For("q2").SetException(new IOException("the database is down"));
            Assert.DoesNotContain(await board.ReadUntilClosedAsync(), p => p is PubRecPacket);
        }
        await b.GoneAsync("b1");
        handler.Pending.Clear();
        handler.For("q2").SetResult();
        await using var again = await RawClient.ConnectAsync(b.Port, "b1", configure: c => c.CleanStart = false);
        await again.SendAsync(Publish("q2", 5, MqttQualityOfServiceLevel.ExactlyOnce, dup: true));
        Assert.Equal(5, (await again.ExpectAsync<PubRecPacket>()).PacketId);
        Assert.Equal(["q2", "q2"], handler.Received); // routed again: the first one was never stored
    }

    [Fact]
    public async Task QoS_0_and_the_brokers_own_messages_reach_the_handler_too()
    {
        await using var b = await TestBroker.StartAsync();
        var handler = new HeldHandler();
        using var sub = b.Broker.Subscribe("club/+/telemetry", handler.Handle, includeRetained: false, acknowledgeAfterHandled: true);
        await using var board = await RawClient.ConnectAsync(b.Port, "b1");
        await board.SendAsync(Publish("zero", 0, MqttQualityOfServiceLevel.AtMostOnce));
        await b.Broker.PublishAsync(new MqttApplicationMessage { Topic = "club/hub/telemetry", Payload = "own"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        await Eventually.TrueAsync(() => handler.Received.Count == 2, "both messages handed to the subscriber");
        sub.Dispose();
        await board.SendAsync(Publish("after", 9));
        Assert.Equal(9, (await board.ExpectAsync<PubAckPacket>()).PacketId);
        Assert.Equal(2, handler.Received.Count);
    }
}
