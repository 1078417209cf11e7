using RoboClub.Mqtt.Client;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Tests.Client;

/// <summary>Unit tests of the client's small parts: backoff, flow control, identifiers, aliases.</summary>
public sealed class ClientInternalsTests
{
    [Fact]
    public void Backoff_doubles_with_jitter_up_to_the_maximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        double[] ceilings = [100, 200, 400, 800, 1000, 1000];
        foreach (var ceiling in ceilings)
        {
            var d = backoff.Next().TotalMilliseconds;
            Assert.InRange(d, ceiling / 2, ceiling);
        }
        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 50, 100);
    }

    [Fact]
    public async Task Send_quota_follows_a_lowered_and_raised_limit()
    {
        var quota = new SendQuota(3);
        for (int i = 0; i < 3; i++) Assert.True(await quota.AcquireAsync(TimeSpan.Zero, default));
        Assert.False(await quota.AcquireAsync(TimeSpan.Zero, default));
        quota.SetLimit(1); // 3 in use, limit 1: two releases are swallowed
        quota.Release();
        quota.Release();
        Assert.False(await quota.AcquireAsync(TimeSpan.Zero, default));
        quota.Release();
        Assert.True(await quota.AcquireAsync(TimeSpan.Zero, default));
        Assert.False(await quota.AcquireAsync(TimeSpan.Zero, default));
        quota.SetLimit(2);
        Assert.True(await quota.AcquireAsync(TimeSpan.Zero, default));
        Assert.Equal(3, quota.PeakInUse);
    }

    [Fact]
    public void Packet_identifiers_are_not_reused_while_in_flight()
    {
        var tracker = new InflightTracker();
        var held = new PendingRequest(new SubscribePacket());
        Assert.Equal(1, tracker.Add(held));
        for (int i = 0; i < 70_000; i++)
        {
            var r = new PendingRequest(new SubscribePacket());
            ushort id = tracker.Add(r);
            Assert.NotEqual(0, id);
            Assert.NotEqual(1, id); // still held
            Assert.True(tracker.Remove(r));
        }
        Assert.False(tracker.Remove(new PendingRequest(new SubscribePacket()) { PacketId = 1 })); // not the owner
        Assert.True(tracker.Remove(held));
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void Topic_aliases_resolve_and_reject_bad_ones()
    {
        var aliases = new IncomingTopicAliases(2);
        aliases.Resolve(new PublishPacket { Topic = "a/b", TopicAlias = 1 });
        var p = new PublishPacket { Topic = "", TopicAlias = 1 };
        aliases.Resolve(p);
        Assert.Equal("a/b", p.Topic);
        aliases.Resolve(new PublishPacket { Topic = "c", TopicAlias = 1 }); // re-mapped
        var q = new PublishPacket { Topic = "", TopicAlias = 1 };
        aliases.Resolve(q);
        Assert.Equal("c", q.Topic);
        Assert.Equal(MqttReasonCode.TopicAliasInvalid, Assert.Throws<MqttProtocolException>(() => aliases.Resolve(new PublishPacket { Topic = "", TopicAlias = 2 })).ReasonCode);
        Assert.Equal(MqttReasonCode.TopicAliasInvalid, Assert.Throws<MqttProtocolException>(() => aliases.Resolve(new PublishPacket { Topic = "x", TopicAlias = 3 })).ReasonCode);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new MqttClientOptions { Port = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new MqttClientOptions { KeepAlivePeriod = TimeSpan.FromDays(2) }.Validate());
        Assert.Throws<ArgumentException>(() => new MqttClientOptions { Will = new MqttApplicationMessage { Topic = "a/#" } }.Validate());
        Assert.Throws<ArgumentException>(() => new MqttClientOptions { AutoReconnect = true, ReconnectDelay = TimeSpan.FromSeconds(5), MaximumReconnectDelay = TimeSpan.FromSeconds(1) }.Validate());
        new MqttClientOptions().Validate();
    }

    [Fact]
    public async Task Invalid_topics_are_rejected_before_sending()
    {
        await using var client = new MqttClient(new MqttClientOptions());
        await Assert.ThrowsAsync<ArgumentException>(() => client.PublishAsync(new MqttApplicationMessage { Topic = "a/+" }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SubscribeAsync("a/#/b"));
        await Assert.ThrowsAsync<MqttClientNotConnectedException>(() => client.PublishAsync(new MqttApplicationMessage { Topic = "a" }));
    }
}
