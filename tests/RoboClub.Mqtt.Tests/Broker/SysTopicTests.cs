using System.Text;
using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Broker;

public class SysTopicTests
{
    [Fact]
    public async Task Full_queue_drops_are_counted_logged_and_visible_in_sys()
    {
        await using var b = await TestBroker.StartAsync(o => { o.MaximumQueuedMessages = 5; o.SysInterval = TimeSpan.FromMilliseconds(200); });
        // An offline persistent subscriber: its queue fills up.
        await using (var s = await RawClient.ConnectAsync(b.Port, "offline", MqttProtocolVersion.V311, c => c.CleanStart = false))
        {
            await s.SubscribeAsync("data", MqttQualityOfServiceLevel.AtLeastOnce);
            await s.SendAsync(new DisconnectPacket());
        }
        await b.GoneAsync("offline");
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub");
        for (ushort i = 1; i <= 8; i++) { await pub.SendAsync(new PublishPacket { Topic = "data", Payload = new byte[1], QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = i }); await pub.ExpectAsync<PubAckPacket>(); }

        Assert.Equal(3, b.Broker.Statistics.PublishDropped);
        Assert.Contains(b.LogLines, l => l.StartsWith("Warning:") && l.Contains("dropped") && l.Contains("'offline'"));

        await using var watcher = await RawClient.ConnectAsync(b.Port, "watcher");
        await watcher.SubscribeAsync("$SYS/broker/publish/messages/dropped");
        string? value = null;
        var deadline = DateTime.UtcNow.AddSeconds(3);
        while (value != "3" && DateTime.UtcNow < deadline) value = Encoding.UTF8.GetString((await watcher.ExpectAsync<PublishPacket>()).Payload.Span);
        Assert.Equal("3", value);
    }

    [Fact]
    public async Task Sys_topics_report_clients_and_are_hidden_from_hash_subscribers()
    {
        await using var b = await TestBroker.StartAsync(o => o.SysInterval = TimeSpan.FromMilliseconds(200));
        await using var everything = await RawClient.ConnectAsync(b.Port, "everything");
        await everything.SubscribeAsync("#");
        await using var sys = await RawClient.ConnectAsync(b.Port, "sys");
        await sys.SubscribeAsync("$SYS/broker/clients/connected");
        var deadline = DateTime.UtcNow.AddSeconds(3);
        string? value = null;
        while (value != "2" && DateTime.UtcNow < deadline) value = Encoding.UTF8.GetString((await sys.ExpectAsync<PublishPacket>()).Payload.Span);
        Assert.Equal("2", value);
        Assert.True(await everything.NothingWithinAsync(TimeSpan.FromMilliseconds(300)));
    }
}
