using System.Text;
using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Broker;

public class DeliveryTests
{
    const MqttProtocolVersion V5 = MqttProtocolVersion.V500;

    static PublishPacket Publish(string topic, string payload, MqttQualityOfServiceLevel qos = 0, ushort id = 0, bool retain = false) =>
        new() { Topic = topic, Payload = Encoding.UTF8.GetBytes(payload), QualityOfServiceLevel = qos, PacketId = id, Retain = retain };

    [Theory]
    [InlineData(MqttProtocolVersion.V311, 0)]
    [InlineData(MqttProtocolVersion.V311, 1)]
    [InlineData(MqttProtocolVersion.V311, 2)]
    [InlineData(MqttProtocolVersion.V500, 0)]
    [InlineData(MqttProtocolVersion.V500, 1)]
    [InlineData(MqttProtocolVersion.V500, 2)]
    public async Task Qos_round_trip_follows_the_full_handshake(MqttProtocolVersion v, int qosLevel)
    {
        var qos = (MqttQualityOfServiceLevel)qosLevel;
        await using var b = await TestBroker.StartAsync();
        await using var sub = await RawClient.ConnectAsync(b.Port, "sub", v);
        await sub.SubscribeAsync("club/+/temp", qos);
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", v);

        await pub.SendAsync(Publish("club/b1/temp", "21.5", qos, id: 7));
        if (qos == MqttQualityOfServiceLevel.AtLeastOnce) Assert.Equal(7, (await pub.ExpectAsync<PubAckPacket>()).PacketId);
        if (qos == MqttQualityOfServiceLevel.ExactlyOnce)
        {
            Assert.Equal(7, (await pub.ExpectAsync<PubRecPacket>()).PacketId);
            await pub.SendAsync(new PubRelPacket { PacketId = 7 });
            Assert.Equal(7, (await pub.ExpectAsync<PubCompPacket>()).PacketId);
        }

        var got = await sub.ExpectAsync<PublishPacket>();
        Assert.Equal("club/b1/temp", got.Topic);
        Assert.Equal("21.5", Encoding.UTF8.GetString(got.Payload.Span));
        Assert.Equal(qos, got.QualityOfServiceLevel);
        Assert.False(got.Retain);
        if (qos == MqttQualityOfServiceLevel.AtLeastOnce) await sub.SendAsync(new PubAckPacket { PacketId = got.PacketId });
        if (qos == MqttQualityOfServiceLevel.ExactlyOnce)
        {
            await sub.SendAsync(new PubRecPacket { PacketId = got.PacketId });
            Assert.Equal(got.PacketId, (await sub.ExpectAsync<PubRelPacket>()).PacketId);
            await sub.SendAsync(new PubCompPacket { PacketId = got.PacketId });
        }
        Assert.True(await sub.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Qos2_resend_with_the_same_id_is_delivered_once()
    {
        await using var b = await TestBroker.StartAsync();
        await using var sub = await RawClient.ConnectAsync(b.Port, "sub");
        await sub.SubscribeAsync("t", MqttQualityOfServiceLevel.AtMostOnce);
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub");
        await pub.SendAsync(Publish("t", "once", MqttQualityOfServiceLevel.ExactlyOnce, 3));
        await pub.ExpectAsync<PubRecPacket>();
        var dup = Publish("t", "once", MqttQualityOfServiceLevel.ExactlyOnce, 3);
        dup.Dup = true;
        await pub.SendAsync(dup);
        await pub.ExpectAsync<PubRecPacket>();
        await sub.ExpectAsync<PublishPacket>();
        Assert.True(await sub.NothingWithinAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Retained_message_reaches_a_late_subscriber_and_an_empty_payload_clears_it(MqttProtocolVersion v)
    {
        await using var b = await TestBroker.StartAsync();
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", v);
        await pub.SendAsync(Publish("club/b1/status", "online", MqttQualityOfServiceLevel.AtLeastOnce, 1, retain: true));
        await pub.ExpectAsync<PubAckPacket>();

        await using (var late = await RawClient.ConnectAsync(b.Port, "late", v))
        {
            await late.SubscribeAsync("club/#", MqttQualityOfServiceLevel.AtLeastOnce);
            var got = await late.ExpectAsync<PublishPacket>();
            Assert.True(got.Retain);
            Assert.Equal("online", Encoding.UTF8.GetString(got.Payload.Span));
        }

        await pub.SendAsync(Publish("club/b1/status", "", MqttQualityOfServiceLevel.AtLeastOnce, 2, retain: true));
        await pub.ExpectAsync<PubAckPacket>();
        await using var later = await RawClient.ConnectAsync(b.Port, "later", v);
        await later.SubscribeAsync("club/#");
        Assert.True(await later.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Overlapping_subscriptions_deliver_one_copy_at_the_highest_qos_with_every_subscription_id()
    {
        await using var b = await TestBroker.StartAsync();
        await using var sub = await RawClient.ConnectAsync(b.Port, "sub", V5);
        await sub.SubscribeAsync("TopicA/#", MqttQualityOfServiceLevel.ExactlyOnce, id: 1, subscriptionId: 10);
        await sub.SubscribeAsync("TopicA/+", MqttQualityOfServiceLevel.AtLeastOnce, id: 2, subscriptionId: 20);
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", V5);
        await pub.SendAsync(Publish("TopicA/x", "hi", MqttQualityOfServiceLevel.ExactlyOnce, 5));
        await pub.ExpectAsync<PubRecPacket>();
        await pub.SendAsync(new PubRelPacket { PacketId = 5 });

        var got = await sub.ExpectAsync<PublishPacket>();
        Assert.Equal(MqttQualityOfServiceLevel.ExactlyOnce, got.QualityOfServiceLevel);
        Assert.Equal(new uint[] { 10, 20 }, got.SubscriptionIdentifiers!.Order().ToArray());
        await sub.SendAsync(new PubRecPacket { PacketId = got.PacketId });
        await sub.ExpectAsync<PubRelPacket>();
        Assert.True(await sub.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Dollar_topics_do_not_match_leading_wildcards()
    {
        await using var b = await TestBroker.StartAsync();
        await using var all = await RawClient.ConnectAsync(b.Port, "all");
        await all.SubscribeAsync("#", id: 1);
        await all.SubscribeAsync("+/info", id: 2);
        await using var sys = await RawClient.ConnectAsync(b.Port, "sys");
        await sys.SubscribeAsync("$internal/#");
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub");
        await pub.SendAsync(Publish("$internal/info", "x"));
        await pub.SendAsync(Publish("a/info", "y"));
        Assert.Equal("$internal/info", (await sys.ExpectAsync<PublishPacket>()).Topic);
        Assert.Equal("a/info", (await all.ExpectAsync<PublishPacket>()).Topic);
        Assert.True(await all.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Shared_subscription_spreads_messages_over_the_group()
    {
        await using var b = await TestBroker.StartAsync();
        await using var w1 = await RawClient.ConnectAsync(b.Port, "w1", V5);
        await using var w2 = await RawClient.ConnectAsync(b.Port, "w2", V5);
        await w1.SubscribeAsync("$share/store/club/+/temp");
        await w2.SubscribeAsync("$share/store/club/+/temp");
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", V5);
        for (int i = 0; i < 10; i++) await pub.SendAsync(Publish($"club/b{i}/temp", i.ToString()));

        int n1 = await CountAsync(w1), n2 = await CountAsync(w2);
        Assert.Equal(10, n1 + n2);
        Assert.True(n1 >= 3 && n2 >= 3, $"uneven: {n1} / {n2}");

        static async Task<int> CountAsync(RawClient c)
        {
            int n = 0;
            while (!await c.NothingWithinAsync(TimeSpan.FromMilliseconds(300))) n++;
            return n;
        }
    }

    [Fact]
    public async Task No_local_retain_as_published_and_retain_handling_are_honoured()
    {
        await using var b = await TestBroker.StartAsync();
        await using var me = await RawClient.ConnectAsync(b.Port, "me", V5);
        await me.SendAsync(new SubscribePacket { PacketId = 1, TopicFilters = { new MqttTopicFilter("echo") { NoLocal = true } } });
        await me.ExpectAsync<SubAckPacket>();
        await me.SendAsync(Publish("echo", "mine"));
        Assert.True(await me.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));

        await me.SendAsync(Publish("keep", "r", retain: true));
        await using var rap = await RawClient.ConnectAsync(b.Port, "rap", V5);
        await rap.SendAsync(new SubscribePacket { PacketId = 1, TopicFilters = { new MqttTopicFilter("keep") { RetainAsPublished = true, RetainHandling = 1 } } });
        await rap.ExpectAsync<SubAckPacket>();
        Assert.True((await rap.ExpectAsync<PublishPacket>()).Retain); // the stored retained message
        // Retain handling 1: subscribing again (not new) sends no retained message.
        await rap.SendAsync(new SubscribePacket { PacketId = 2, TopicFilters = { new MqttTopicFilter("keep") { RetainAsPublished = true, RetainHandling = 1 } } });
        await rap.ExpectAsync<SubAckPacket>();
        Assert.True(await rap.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
        await me.SendAsync(Publish("keep", "r2", retain: true));
        Assert.True((await rap.ExpectAsync<PublishPacket>()).Retain); // retain-as-published keeps the flag

        await using var never = await RawClient.ConnectAsync(b.Port, "never", V5);
        await never.SendAsync(new SubscribePacket { PacketId = 1, TopicFilters = { new MqttTopicFilter("keep") { RetainHandling = 2 } } });
        await never.ExpectAsync<SubAckPacket>();
        Assert.True(await never.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
        await me.SendAsync(Publish("keep", "r3", retain: true));
        Assert.False((await never.ExpectAsync<PublishPacket>()).Retain); // live messages lose the flag without RAP
    }

    [Fact]
    public async Task Unsubscribe_stops_delivery_and_reports_unknown_filters()
    {
        await using var b = await TestBroker.StartAsync();
        await using var c = await RawClient.ConnectAsync(b.Port, "c", V5);
        await c.SubscribeAsync("a/b");
        await c.SendAsync(new UnsubscribePacket { PacketId = 9, TopicFilters = { "a/b", "never/subscribed" } });
        var ack = await c.ExpectAsync<UnsubAckPacket>();
        Assert.Equal(new[] { MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted }, ack.ReasonCodes);
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub");
        await pub.SendAsync(Publish("a/b", "x"));
        Assert.True(await c.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Topic_aliases_work_both_ways()
    {
        await using var b = await TestBroker.StartAsync();
        await using var sub = await RawClient.ConnectAsync(b.Port, "sub", V5, c => c.TopicAliasMaximum = 5);
        await sub.SubscribeAsync("long/topic/name");
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", V5);
        Assert.True(pub.LastConnAck!.TopicAliasMaximum > 0);

        await pub.SendAsync(new PublishPacket { Topic = "long/topic/name", TopicAlias = 1, Payload = "1"u8.ToArray() });
        await pub.SendAsync(new PublishPacket { Topic = "", TopicAlias = 1, Payload = "2"u8.ToArray() });
        var first = await sub.ExpectAsync<PublishPacket>();
        var second = await sub.ExpectAsync<PublishPacket>();
        Assert.Equal("long/topic/name", first.Topic);
        Assert.NotEqual(0, first.TopicAlias);
        Assert.Equal("", second.Topic); // the broker uses the alias it announced
        Assert.Equal(first.TopicAlias, second.TopicAlias);
        Assert.Equal("2", Encoding.UTF8.GetString(second.Payload.Span));
    }

    [Fact]
    public async Task Message_properties_pass_through_and_expiry_counts_down()
    {
        await using var b = await TestBroker.StartAsync();
        await using var sub = await RawClient.ConnectAsync(b.Port, "sub", V5);
        await sub.SubscribeAsync("req", MqttQualityOfServiceLevel.AtLeastOnce);
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", V5);
        await pub.SendAsync(new PublishPacket
        {
            Topic = "req", Payload = "{}"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 1,
            ContentType = "application/json", ResponseTopic = "resp/1", CorrelationData = [1, 2, 3], PayloadFormatIndicator = true,
            MessageExpiryInterval = 60, UserProperties = [new("board", "b1"), new("unit", "°C"), new("board", "b2")],
        });
        var got = await sub.ExpectAsync<PublishPacket>();
        Assert.Equal("application/json", got.ContentType);
        Assert.Equal("resp/1", got.ResponseTopic);
        Assert.Equal(new byte[] { 1, 2, 3 }, got.CorrelationData);
        Assert.True(got.PayloadFormatIndicator);
        Assert.InRange(got.MessageExpiryInterval!.Value, 58u, 60u);
        Assert.Equal(new MqttUserProperty[] { new("board", "b1"), new("unit", "°C"), new("board", "b2") }, got.UserProperties);
    }

    [Fact]
    public async Task Queued_message_that_expires_is_not_delivered()
    {
        await using var b = await TestBroker.StartAsync();
        await using (var s = await RawClient.ConnectAsync(b.Port, "sleepy", V5, c => { c.CleanStart = false; c.SessionExpiryInterval = 300; }))
        {
            await s.SubscribeAsync("t", MqttQualityOfServiceLevel.AtLeastOnce);
            await s.SendAsync(new DisconnectPacket());
        }
        await b.GoneAsync("sleepy");
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", V5);
        await pub.SendAsync(new PublishPacket { Topic = "t", Payload = "short"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 1, MessageExpiryInterval = 1 });
        await pub.SendAsync(new PublishPacket { Topic = "t", Payload = "long"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 2, MessageExpiryInterval = 100 });
        await pub.ExpectAsync<PubAckPacket>();
        await Task.Delay(1300);
        await using var back = await RawClient.ConnectAsync(b.Port, "sleepy", V5, c => { c.CleanStart = false; c.SessionExpiryInterval = 300; });
        Assert.True(back.LastConnAck!.SessionPresent);
        var got = await back.ExpectAsync<PublishPacket>();
        Assert.Equal("long", Encoding.UTF8.GetString(got.Payload.Span));
        Assert.True(await back.NothingWithinAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(1, b.Broker.Statistics.PublishExpired);
    }

    [Fact]
    public async Task Client_receive_maximum_limits_unacknowledged_messages_in_flight()
    {
        await using var b = await TestBroker.StartAsync();
        await using var sub = await RawClient.ConnectAsync(b.Port, "sub", V5, c => c.ReceiveMaximum = 2);
        await sub.SubscribeAsync("t", MqttQualityOfServiceLevel.AtLeastOnce);
        await using var pub = await RawClient.ConnectAsync(b.Port, "pub", V5);
        for (ushort i = 1; i <= 5; i++) await pub.SendAsync(new PublishPacket { Topic = "t", Payload = new[] { (byte)i }, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = i });
        var a = await sub.ExpectAsync<PublishPacket>();
        var c2 = await sub.ExpectAsync<PublishPacket>();
        Assert.True(await sub.NothingWithinAsync(TimeSpan.FromMilliseconds(300)), "a third message came before an ack");
        await sub.SendAsync(new PubAckPacket { PacketId = a.PacketId });
        var c3 = await sub.ExpectAsync<PublishPacket>();
        Assert.Equal(new byte[] { 1, 2, 3 }, new[] { a.Payload.Span[0], c2.Payload.Span[0], c3.Payload.Span[0] });
    }
}
