using System.Text;
using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Broker;

public sealed class PersistenceTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-broker-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Retained_messages_and_persistent_sessions_survive_a_restart()
    {
        Action<ConnectPacket> persistent = c => { c.CleanStart = false; c.SessionExpiryInterval = 3600; };
        await using (var b = await TestBroker.StartAsync(o => o.DataDirectory = _dir))
        {
            await using var board = await RawClient.ConnectAsync(b.Port, "station-1", MqttProtocolVersion.V500, persistent);
            await board.SubscribeAsync("club/station-1/cmd", MqttQualityOfServiceLevel.AtLeastOnce, subscriptionId: 4);
            await board.SendAsync(new DisconnectPacket());
            await b.GoneAsync("station-1");
            await using var hub = await RawClient.ConnectAsync(b.Port, "hub", MqttProtocolVersion.V500);
            await hub.SendAsync(new PublishPacket { Topic = "club/station-1/status", Payload = "online"u8.ToArray(), Retain = true, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 1 });
            await hub.ExpectAsync<PubAckPacket>();
            await hub.SendAsync(new PublishPacket { Topic = "club/station-1/cmd", Payload = "led red"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 2, UserProperties = [new("from", "ana")] });
            await hub.ExpectAsync<PubAckPacket>();
        }
        Assert.True(File.Exists(Path.Combine(_dir, "broker-state.bin")));

        await using (var b = await TestBroker.StartAsync(o => o.DataDirectory = _dir))
        {
            await using var board = await RawClient.ConnectAsync(b.Port, "station-1", MqttProtocolVersion.V500, persistent);
            Assert.True(board.LastConnAck!.SessionPresent);
            var cmd = await board.ExpectAsync<PublishPacket>();
            Assert.Equal("led red", Encoding.UTF8.GetString(cmd.Payload.Span));
            Assert.Equal([4u], cmd.SubscriptionIdentifiers);
            Assert.Equal([new MqttUserProperty("from", "ana")], cmd.UserProperties);
            await board.SendAsync(new PubAckPacket { PacketId = cmd.PacketId });

            // the subscription itself survived too
            await using var hub = await RawClient.ConnectAsync(b.Port, "hub", MqttProtocolVersion.V500);
            await hub.SendAsync(new PublishPacket { Topic = "club/station-1/cmd", Payload = "again"u8.ToArray() });
            Assert.Equal("again", Encoding.UTF8.GetString((await board.ExpectAsync<PublishPacket>()).Payload.Span));

            await using var late = await RawClient.ConnectAsync(b.Port, "late");
            await late.SubscribeAsync("club/+/status");
            Assert.Equal("online", Encoding.UTF8.GetString((await late.ExpectAsync<PublishPacket>()).Payload.Span));
        }
    }

    [Fact]
    public async Task An_unreadable_state_file_is_kept_aside_and_the_broker_still_starts()
    {
        File.WriteAllBytes(Path.Combine(_dir, "broker-state.bin"), [1, 2, 3, 4, 5]);
        await using var b = await TestBroker.StartAsync(o => o.DataDirectory = _dir);
        await using var c = await RawClient.ConnectAsync(b.Port, "c");
        Assert.Single(Directory.GetFiles(_dir, "broker-state.bin.unreadable-*"));
        Assert.Contains(b.LogLines, l => l.StartsWith("Error:") && l.Contains("started empty"));
    }
}
