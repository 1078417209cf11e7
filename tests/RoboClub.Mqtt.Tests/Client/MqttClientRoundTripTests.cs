using RoboClub.Mqtt.Client;
using RoboClub.Mqtt.Tests.Peers;
using static RoboClub.Mqtt.Tests.Client.ClientTestKit;

namespace RoboClub.Mqtt.Tests.Client;

/// <summary>The client against a real mosquitto, and the same tests against our broker.</summary>
public sealed class MqttClientAgainstMosquittoTests(MosquittoFixture broker) : MqttClientRoundTripTests<MosquittoFixture>(broker);

public sealed class MqttClientAgainstOurBrokerTests(OurBrokerFixture broker) : MqttClientRoundTripTests<OurBrokerFixture>(broker);

/// <summary>Messages both ways, retained, will, sessions, MQTT 5 properties.</summary>
public abstract class MqttClientRoundTripTests<TBroker>(TBroker broker) : IClassFixture<TBroker> where TBroker : class, IBrokerEndpoint
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfServiceLevel.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfServiceLevel.ExactlyOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfServiceLevel.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfServiceLevel.ExactlyOnce)]
    public async Task Publish_and_subscribe_round_trip(MqttProtocolVersion version, MqttQualityOfServiceLevel qos)
    {
        string topic = Unique("rt") + "/data";
        var log = new MessageLog();
        await using var subscriber = await ConnectAsync(Options(broker, version), log);
        await using var publisher = await ConnectAsync(Options(broker, version));

        var sub = await subscriber.SubscribeAsync(new MqttTopicFilter(topic.Replace("/data", "/+"), MqttQualityOfServiceLevel.ExactlyOnce));
        Assert.Equal(MqttReasonCode.GrantedQoS2, Assert.Single(sub.Items).ResultCode);

        var payloads = Enumerable.Range(0, 20).Select(i => $"message {i} ✓").ToList();
        var results = await Task.WhenAll(payloads.Select(p => publisher.PublishAsync(Message(topic, p, qos))));
        Assert.All(results, r => Assert.True(r.IsSuccess, r.ReasonCode.ToString()));
        if (qos > 0) Assert.Equal(20, results.Select(r => r.PacketIdentifier).Distinct().Count());

        var received = await log.WaitAsync(topic, 20);
        Assert.Equal(payloads, received.Select(m => m.PayloadAsString())); // in order
        Assert.All(received, m =>
        {
            Assert.Equal(qos, m.QualityOfServiceLevel);
            Assert.False(m.Retain);
        });
        Assert.Equal(20, log.All.Count); // nothing delivered twice
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Retained_message_reaches_a_late_subscriber(MqttProtocolVersion version)
    {
        string topic = Unique("retained");
        await using var publisher = await ConnectAsync(Options(broker, version));
        var result = await publisher.PublishAsync(Message(topic, "last value", MqttQualityOfServiceLevel.AtLeastOnce, retain: true));
        Assert.True(result.IsSuccess);

        var log = new MessageLog();
        await using var late = await ConnectAsync(Options(broker, version), log);
        await late.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        var m = Assert.Single(await log.WaitAsync(topic, 1));
        Assert.True(m.Retain);
        Assert.Equal("last value", m.PayloadAsString());
        Assert.Equal(MqttQualityOfServiceLevel.AtLeastOnce, m.QualityOfServiceLevel);

        await publisher.PublishAsync(Message(topic, "", MqttQualityOfServiceLevel.AtLeastOnce, retain: true)); // clear it
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Will_is_published_when_the_connection_breaks_without_disconnect(MqttProtocolVersion version)
    {
        string willTopic = Unique("will") + "/status";
        var log = new MessageLog();
        await using var watcher = await ConnectAsync(Options(broker, version), log);
        await watcher.SubscribeAsync(willTopic, MqttQualityOfServiceLevel.AtLeastOnce);

        var options = Options(broker, version);
        options.Will = Message(willTopic, "offline", MqttQualityOfServiceLevel.AtLeastOnce);
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>();
        await using var board = new MqttClient(options);
        board.DisconnectedAsync += e => { disconnected.TrySetResult(e); return Task.CompletedTask; };
        await board.ConnectAsync();

        board.AbortTransportForTesting();
        var will = Assert.Single(await log.WaitAsync(willTopic, 1));
        Assert.Equal("offline", will.PayloadAsString());

        var e = await disconnected.Task.WaitAsync(Deadline);
        Assert.False(e.IsClean);
        Assert.False(e.WillReconnect);
        Assert.NotNull(e.Exception);
        Assert.False(board.IsConnected);
        await Assert.ThrowsAsync<MqttClientNotConnectedException>(() => board.PublishAsync(Message(willTopic, "x")));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Graceful_disconnect_sends_no_will(MqttProtocolVersion version)
    {
        string willTopic = Unique("nowill");
        var log = new MessageLog();
        await using var watcher = await ConnectAsync(Options(broker, version), log);
        await watcher.SubscribeAsync(willTopic + "/#", MqttQualityOfServiceLevel.AtLeastOnce);

        var options = Options(broker, version);
        options.Will = Message(willTopic + "/will", "offline", MqttQualityOfServiceLevel.AtLeastOnce);
        var board = await ConnectAsync(options);
        await board.DisconnectAsync();
        await board.DisposeAsync();

        // A marker published after the disconnect arrives after any will would have.
        await watcher.PublishAsync(Message(willTopic + "/marker", "m", MqttQualityOfServiceLevel.AtLeastOnce));
        await log.WaitAsync(willTopic + "/marker", 1);
        Assert.Empty(log.On(willTopic + "/will"));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Persistent_session_delivers_what_was_published_while_offline(MqttProtocolVersion version)
    {
        string topic = Unique("offline");
        var options = Options(broker, version);
        options.CleanStart = false;
        options.SessionExpiryInterval = 60;

        // First visit (a fresh client id, so no old session): subscribe, then leave.
        await using (var first = await ConnectAsync(options))
        {
            await first.SubscribeAsync(new MqttTopicFilter(topic, MqttQualityOfServiceLevel.ExactlyOnce));
            await first.DisconnectAsync();
        }

        await using (var publisher = await ConnectAsync(Options(broker, version)))
        {
            await publisher.PublishAsync(Message(topic, "q1", MqttQualityOfServiceLevel.AtLeastOnce));
            await publisher.PublishAsync(Message(topic, "q2", MqttQualityOfServiceLevel.ExactlyOnce));
            await publisher.PublishAsync(Message(topic, "q1 again", MqttQualityOfServiceLevel.AtLeastOnce));
        }

        // Second visit: same client id, no clean start, no new SUBSCRIBE.
        var log = new MessageLog();
        await using var second = new MqttClient(options);
        log.Attach(second);
        var result = await second.ConnectAsync();
        Assert.True(result.IsSessionPresent);
        var received = await log.WaitAsync(topic, 3);
        Assert.Equal(["q1", "q2", "q1 again"], received.Select(m => m.PayloadAsString()));
        Assert.Equal([MqttQualityOfServiceLevel.AtLeastOnce, MqttQualityOfServiceLevel.ExactlyOnce, MqttQualityOfServiceLevel.AtLeastOnce], received.Select(m => m.QualityOfServiceLevel));
    }

    [Fact]
    public async Task Mqtt5_message_properties_round_trip()
    {
        string topic = Unique("props");
        var log = new MessageLog();
        await using var subscriber = await ConnectAsync(Options(broker, MqttProtocolVersion.V500), log);
        await using var publisher = await ConnectAsync(Options(broker, MqttProtocolVersion.V500));
        var sub = await subscriber.SubscribeAsync(new MqttClientSubscribeOptions
        {
            TopicFilters = { new MqttTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce) },
            SubscriptionIdentifier = 42,
            UserProperties = [new("who", "test")],
        });
        Assert.True(sub.Items[0].IsSuccess);

        var sent = Message(topic, "{\"t\":21.5}", MqttQualityOfServiceLevel.AtLeastOnce);
        sent.ContentType = "application/json";
        sent.ResponseTopic = topic + "/reply";
        sent.CorrelationData = new byte[] { 1, 2, 3, 255 };
        sent.MessageExpiryInterval = 300;
        sent.PayloadFormatIndicator = true;
        sent.UserProperties = [new("board", "r2d2"), new("board", "bb8"), new("ünicode", "✓")];
        var result = await publisher.PublishAsync(sent);
        Assert.Equal(MqttReasonCode.Success, result.ReasonCode);

        var m = Assert.Single(await log.WaitAsync(topic, 1));
        Assert.Equal("{\"t\":21.5}", m.PayloadAsString());
        Assert.Equal("application/json", m.ContentType);
        Assert.Equal(topic + "/reply", m.ResponseTopic);
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, m.CorrelationData?.ToArray());
        Assert.InRange(m.MessageExpiryInterval ?? 0, 295u, 300u); // the broker sends what is left
        Assert.True(m.PayloadFormatIndicator);
        Assert.Equal(sent.UserProperties, m.UserProperties);
        Assert.Equal([42u], m.SubscriptionIdentifiers);

        // Absent properties stay absent.
        await publisher.PublishAsync(Message(topic, "plain", MqttQualityOfServiceLevel.AtLeastOnce));
        var plain = (await log.WaitAsync(topic, 2))[1];
        Assert.Null(plain.ContentType);
        Assert.Null(plain.CorrelationData);
        Assert.Null(plain.MessageExpiryInterval);
        Assert.Null(plain.UserProperties);
        Assert.False(plain.PayloadFormatIndicator);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Unsubscribe_stops_delivery(MqttProtocolVersion version)
    {
        string topic = Unique("unsub");
        var log = new MessageLog();
        await using var client = await ConnectAsync(Options(broker, version), log);
        await client.SubscribeAsync(new MqttTopicFilter(topic + "/a", MqttQualityOfServiceLevel.AtLeastOnce), new MqttTopicFilter(topic + "/b", MqttQualityOfServiceLevel.AtLeastOnce));
        var result = await client.UnsubscribeAsync(topic + "/a");
        Assert.Equal(MqttReasonCode.Success, Assert.Single(result.Items).ResultCode);

        await client.PublishAsync(Message(topic + "/a", "gone", MqttQualityOfServiceLevel.AtLeastOnce));
        await client.PublishAsync(Message(topic + "/b", "marker", MqttQualityOfServiceLevel.AtLeastOnce));
        await log.WaitAsync(topic + "/b", 1);
        Assert.Empty(log.On(topic + "/a"));
    }

    [Fact]
    public async Task Mqtt5_connect_result_carries_the_server_properties()
    {
        var options = Options(broker, MqttProtocolVersion.V500, clientId: "");
        await using var client = new MqttClient(options);
        var result = await client.ConnectAsync();
        Assert.Equal(MqttReasonCode.Success, result.ResultCode);
        Assert.False(result.IsSessionPresent);
        Assert.False(string.IsNullOrEmpty(result.AssignedClientIdentifier)); // mosquitto assigns one
        Assert.Equal(result.AssignedClientIdentifier, result.ClientId);
        Assert.True(client.IsConnected);

        var noSubscribers = await client.PublishAsync(Message(Unique("nobody"), "x", MqttQualityOfServiceLevel.AtLeastOnce));
        Assert.Equal(MqttReasonCode.NoMatchingSubscribers, noSubscribers.ReasonCode);
        Assert.True(noSubscribers.IsSuccess);
    }

    [Fact]
    public async Task Session_takeover_is_reported_to_the_old_connection()
    {
        string id = Unique("takeover");
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>();
        await using var first = new MqttClient(Options(broker, MqttProtocolVersion.V500, id));
        first.DisconnectedAsync += e => { disconnected.TrySetResult(e); return Task.CompletedTask; };
        await first.ConnectAsync();

        await using var second = await ConnectAsync(Options(broker, MqttProtocolVersion.V500, id));
        var e = await disconnected.Task.WaitAsync(Deadline);
        // mosquitto 2.0.11 just closes the socket (no DISCONNECT 0x8E); a server DISCONNECT with a
        // reason is covered by MqttClientProtocolTests.Server_disconnect_reason_reaches_the_disconnected_event.
        Assert.True(e.ClientWasConnected);
        Assert.False(e.WillReconnect);
        Assert.False(first.IsConnected);
        Assert.True(second.IsConnected);
    }

    [Fact]
    public async Task Received_message_payload_is_binary_safe()
    {
        string topic = Unique("binary");
        var log = new MessageLog();
        await using var client = await ConnectAsync(Options(broker, MqttProtocolVersion.V311), log);
        await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        var payload = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray();
        await client.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = payload, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
        var m = Assert.Single(await log.WaitAsync(topic, 1));
        Assert.Equal(payload, m.Payload.ToArray());
    }
}
