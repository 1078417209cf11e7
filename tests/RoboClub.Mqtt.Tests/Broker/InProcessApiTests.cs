using System.Collections.Concurrent;
using System.Text;
using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Broker;

public class InProcessApiTests
{
    [Fact]
    public async Task Hub_publishes_and_subscribes_without_a_socket()
    {
        await using var b = await TestBroker.StartAsync();
        var received = new ConcurrentQueue<MqttApplicationMessage>();
        using var sub = b.Broker.Subscribe("club/+/telemetry", m => { received.Enqueue(m); return ValueTask.CompletedTask; });

        await using var board = await RawClient.ConnectAsync(b.Port, "b1", MqttProtocolVersion.V500);
        await board.SubscribeAsync("club/b1/cmd", MqttQualityOfServiceLevel.AtLeastOnce);
        await board.SendAsync(new PublishPacket { Topic = "club/b1/telemetry", Payload = "t=21"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 1, UserProperties = [new("k", "v")] });
        await board.ExpectAsync<PubAckPacket>();
        await Eventually.TrueAsync(() => received.Count == 1, "in-process subscriber got the telemetry");
        Assert.True(received.TryPeek(out var m));
        Assert.Equal("t=21", m!.PayloadAsString());
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, m.QualityOfServiceLevel);
        Assert.Equal([new MqttUserProperty("k", "v")], m.UserProperties);

        await b.Broker.PublishAsync(new MqttApplicationMessage { Topic = "club/b1/cmd", Payload = Encoding.UTF8.GetBytes("forward 60"), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        Assert.Equal("forward 60", Encoding.UTF8.GetString((await board.ExpectAsync<PublishPacket>()).Payload.Span));

        sub.Dispose();
        await board.SendAsync(new PublishPacket { Topic = "club/b1/telemetry", Payload = "t=22"u8.ToArray() });
        await Task.Delay(200);
        Assert.Single(received);
    }

    [Fact]
    public async Task A_subscription_can_start_with_the_retained_messages()
    {
        await using var b = await TestBroker.StartAsync();
        await b.Broker.PublishAsync(new MqttApplicationMessage { Topic = "club/b1/status", Payload = "online"u8.ToArray(), Retain = true, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        await b.Broker.PublishAsync(new MqttApplicationMessage { Topic = "club/b2/status", Payload = "offline"u8.ToArray(), Retain = true });
        await b.Broker.PublishAsync(new MqttApplicationMessage { Topic = "club/b2/info", Payload = "x"u8.ToArray(), Retain = true });

        var withRetained = new ConcurrentQueue<MqttApplicationMessage>();
        var without = new ConcurrentQueue<MqttApplicationMessage>();
        using var s1 = b.Broker.Subscribe("club/+/status", m => { withRetained.Enqueue(m); return ValueTask.CompletedTask; }, includeRetained: true);
        using var s2 = b.Broker.Subscribe("club/+/status", m => { without.Enqueue(m); return ValueTask.CompletedTask; });
        await Eventually.TrueAsync(() => withRetained.Count == 2, "both retained statuses");
        Assert.All(withRetained, m => Assert.True(m.Retain));
        Assert.Equal(["club/b1/status", "club/b2/status"], withRetained.Select(m => m.Topic).Order());

        await b.Broker.PublishAsync(new MqttApplicationMessage { Topic = "club/b3/status", Payload = "online"u8.ToArray() });
        await Eventually.TrueAsync(() => withRetained.Count == 3 && without.Count == 1, "live message to both");
        Assert.Equal("club/b3/status", Assert.Single(without).Topic);
    }

    [Fact]
    public async Task Disposing_while_a_stop_is_running_waits_for_it_instead_of_breaking_it()
    {
        var b = await TestBroker.StartAsync();
        await using var client = await RawClient.ConnectAsync(b.Port, "slow", MqttProtocolVersion.V500);
        var stopping = b.Broker.StopAsync();  // a host stopping the hub...
        await b.Broker.DisposeAsync();          // ...and its container disposing the broker at once
        Assert.True(stopping.IsCompleted, "dispose returned only after the stop finished");
        await stopping;
        await b.DisposeAsync();
    }

    [Fact]
    public async Task A_failing_handler_is_logged_and_does_not_stop_delivery()
    {
        await using var b = await TestBroker.StartAsync();
        int calls = 0;
        using var sub = b.Broker.Subscribe("x", _ => { if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("boom"); return ValueTask.CompletedTask; });
        await b.Broker.PublishAsync(new MqttApplicationMessage { Topic = "x", Payload = new byte[1] });
        await b.Broker.PublishAsync(new MqttApplicationMessage { Topic = "x", Payload = new byte[1] });
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 2, "second message delivered");
        Assert.Contains(b.LogLines, l => l.Contains("boom"));
    }

    [Fact]
    public async Task Connection_events_report_who_came_and_went()
    {
        await using var b = await TestBroker.StartAsync();
        var events = new ConcurrentQueue<string>();
        b.Broker.ClientConnected += id => events.Enqueue("+" + id.ClientId);
        b.Broker.ClientDisconnected += (id, _) => events.Enqueue("-" + id.ClientId);
        await using (var c = await RawClient.ConnectAsync(b.Port, "b9"))
        {
            Assert.Contains(b.Broker.ConnectedClients, c => c.ClientId == "b9");
            await c.SendAsync(new DisconnectPacket());
        }
        await Eventually.TrueAsync(() => events.Count == 2, "two events");
        Assert.Equal(new[] { "+b9", "-b9" }, events.ToArray());
    }
}
