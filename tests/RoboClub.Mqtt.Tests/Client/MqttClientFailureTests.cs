using System.Diagnostics;
using System.Net.Sockets;
using RoboClub.Mqtt.Client;
using RoboClub.Mqtt.Tests.Peers;
using static RoboClub.Mqtt.Tests.Client.ClientTestKit;

namespace RoboClub.Mqtt.Tests.Client;

/// <summary>Failures, each with its own mosquitto: refused credentials, unreachable server, broker
/// restart (reconnect), a hung broker (keep-alive, timeouts), lost connection, Receive Maximum.</summary>
public sealed class MqttClientFailureTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Wrong_password_is_refused_with_the_connack_reason(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoConfig { Users = new() { ["alice"] = "secret" } });

        var bad = Options(broker, version).WithCredentials("alice", "wrong");
        await using var refused = new MqttClient(bad);
        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => refused.ConnectAsync());
        Assert.Contains(ex.ReasonCode, new[] { MqttReasonCode.BadUserNameOrPassword, MqttReasonCode.NotAuthorized });
        Assert.False(refused.IsConnected);

        var anonymous = Options(broker, version);
        await using var anon = new MqttClient(anonymous);
        var ex2 = await Assert.ThrowsAsync<MqttConnectException>(() => anon.ConnectAsync());
        Assert.Contains(ex2.ReasonCode, new[] { MqttReasonCode.BadUserNameOrPassword, MqttReasonCode.NotAuthorized });

        await using var good = await ConnectAsync(Options(broker, version).WithCredentials("alice", "secret"));
        Assert.True(good.IsConnected);
    }

    [Fact]
    public async Task Unreachable_port_fails_fast_with_the_socket_error()
    {
        int port;
        await using (var broker = await MosquittoFixture.StartAsync()) port = broker.Port; // now closed
        var options = new MqttClientOptions { Host = "127.0.0.1", Port = port, ConnectTimeout = TimeSpan.FromSeconds(30) };
        await using var client = new MqttClient(options);
        var sw = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<MqttCommunicationException>(() => client.ConnectAsync());
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}"); // the refusal, not the 30 s timeout
        var socket = Assert.IsType<SocketException>(ex.InnerException);
        Assert.Equal(SocketError.ConnectionRefused, socket.SocketErrorCode);
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        await Assert.ThrowsAsync<MqttClientNotConnectedException>(() => client.SubscribeAsync("a"));
    }

    [Fact]
    public async Task Connect_to_a_silent_server_times_out()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        broker.Pause(); // accepts TCP (kernel backlog) but never answers CONNECT
        var options = Options(broker, MqttProtocolVersion.V311);
        options.ConnectTimeout = TimeSpan.FromMilliseconds(300);
        await using var client = new MqttClient(options);
        await Assert.ThrowsAsync<MqttTimeoutException>(() => client.ConnectAsync());
        broker.Resume();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Reconnects_after_broker_restart_and_resubscribes(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoFixture.StartAsync();
        string topic = Unique("restart");
        var options = Options(broker, version);
        options.AutoReconnect = true;
        options.ReconnectDelay = TimeSpan.FromMilliseconds(50);
        options.MaximumReconnectDelay = TimeSpan.FromMilliseconds(400);
        var log = new MessageLog();
        var events = new List<string>();
        await using var client = new MqttClient(options);
        log.Attach(client);
        client.ConnectedAsync += e => { lock (events) events.Add("connected"); return Task.CompletedTask; };
        client.DisconnectedAsync += e => { lock (events) events.Add(e.ClientWasConnected ? $"lost clean={e.IsClean} reconnect={e.WillReconnect}" : "attempt failed"); return Task.CompletedTask; };
        await client.ConnectAsync();
        await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);

        await broker.StopAsync();
        await UntilAsync(() => !client.IsConnected, "the client notices the broker is gone");
        await UntilAsync(() => { lock (events) return events.Contains("attempt failed"); }, "a failed reconnect attempt");
        await broker.StartAsync(); // same port, fresh broker: no session, so the client must resubscribe
        await UntilAsync(() => client.IsConnected, "reconnected");
        Assert.False(client.ConnectResult!.IsSessionPresent);

        await using var publisher = await ConnectAsync(Options(broker, version));
        await publisher.PublishAsync(Message(topic, "after restart", MqttQualityOfServiceLevel.AtLeastOnce));
        Assert.Equal("after restart", Assert.Single(await log.WaitAsync(topic, 1)).PayloadAsString());
        lock (events)
        {
            Assert.Equal("connected", events[0]);
            Assert.Equal("lost clean=False reconnect=True", events[1]);
            Assert.Equal("connected", events[^1]);
        }

        await client.DisconnectAsync();
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Publish_waits_for_the_reconnect_and_is_delivered()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        string topic = Unique("queued");
        var log = new MessageLog();
        await using var subscriber = await ConnectAsync(Options(broker, MqttProtocolVersion.V500), log);
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);

        var options = Options(broker, MqttProtocolVersion.V500);
        options.AutoReconnect = true;
        options.ReconnectDelay = TimeSpan.FromMilliseconds(50);
        await using var publisher = await ConnectAsync(options);
        publisher.AbortTransportForTesting();
        await UntilAsync(() => !publisher.IsConnected, "link loss noticed");
        var result = await publisher.PublishAsync(Message(topic, "sent while reconnecting", MqttQualityOfServiceLevel.AtLeastOnce));
        Assert.True(result.IsSuccess);
        Assert.Equal("sent while reconnecting", Assert.Single(await log.WaitAsync(topic, 1)).PayloadAsString());
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Keep_alive_detects_a_hung_broker(MqttProtocolVersion version)
    {
        await using var broker = await MosquittoFixture.StartAsync();
        var options = Options(broker, version);
        options.KeepAlivePeriod = TimeSpan.FromSeconds(1);
        options.Timeout = TimeSpan.FromMilliseconds(500);
        var disconnected = new TaskCompletionSource<MqttClientDisconnectedEventArgs>();
        await using var client = new MqttClient(options);
        client.DisconnectedAsync += e => { disconnected.TrySetResult(e); return Task.CompletedTask; };
        await client.ConnectAsync();

        await Task.Delay(1300); // idle longer than the keep-alive: PINGREQ/PINGRESP keep it up
        Assert.True(client.IsConnected);

        broker.Pause();
        var e = await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(4));
        broker.Resume();
        Assert.Equal(MqttReasonCode.KeepAliveTimeout, e.ReasonCode);
        Assert.False(e.IsClean);
        Assert.IsType<MqttTimeoutException>(e.Exception);
    }

    [Fact]
    public async Task Unanswered_publish_times_out_and_pending_publishes_fail_when_the_link_is_lost()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        var options = Options(broker, MqttProtocolVersion.V311);
        options.Timeout = TimeSpan.FromMilliseconds(400);
        options.KeepAlivePeriod = TimeSpan.Zero;
        await using var client = await ConnectAsync(options);
        broker.Pause();
        try
        {
            await Assert.ThrowsAsync<MqttTimeoutException>(() => client.PublishAsync(Message("t/timeout", "x", MqttQualityOfServiceLevel.AtLeastOnce)));

            options.Timeout = TimeSpan.FromSeconds(60);
            var pending = client.PublishAsync(Message("t/lost", "x", MqttQualityOfServiceLevel.ExactlyOnce));
            await Task.Delay(50);
            Assert.False(pending.IsCompleted);
            var sw = Stopwatch.StartNew();
            client.AbortTransportForTesting(); // no AutoReconnect: the publish cannot succeed any more
            var ex = await Assert.ThrowsAsync<MqttClientNotConnectedException>(() => pending);
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}"); // the abort, not the 60 s timeout
            Assert.Contains("not acknowledged", ex.Message);
        }
        finally
        {
            broker.Resume();
        }
    }

    [Fact]
    public async Task Honours_the_server_receive_maximum()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoConfig { ExtraLines = { "max_inflight_messages 5" } });
        await using var client = await ConnectAsync(Options(broker, MqttProtocolVersion.V500));
        Assert.Equal(5, client.ConnectResult!.ReceiveMaximum);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            client.PublishAsync(Message("t/receive-max", i.ToString(), i % 2 == 0 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.ExactlyOnce))));
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(5, client.PeakInflightPublishes);
    }

    [Fact]
    public async Task Qos2_burst_on_311_stays_within_the_inflight_cap()
    {
        // 3.1.1 has no Receive Maximum; mosquitto answers the 21st concurrent QoS 2 PUBLISH with
        // 0x97 and drops the client. MaximumInflightPublishes (default 20) keeps us below that.
        await using var broker = await MosquittoFixture.StartAsync();
        await using var client = await ConnectAsync(Options(broker, MqttProtocolVersion.V311));
        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => client.PublishAsync(Message("t/burst", i.ToString(), MqttQualityOfServiceLevel.ExactlyOnce))));
        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Equal(20, client.PeakInflightPublishes);
    }

    [Fact]
    public async Task Refused_publish_is_a_result_not_an_exception()
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoConfig
        {
            Users = new() { ["bob"] = "pw" },
            Acl = ["user bob", "topic read #", "topic write allowed/#"],
        });
        var options = Options(broker, MqttProtocolVersion.V500).WithCredentials("bob", "pw");
        await using (var client = await ConnectAsync(options))
        {
            var ok = await client.PublishAsync(Message("allowed/x", "x", MqttQualityOfServiceLevel.AtLeastOnce));
            Assert.True(ok.IsSuccess);
            var refused = await client.PublishAsync(Message("forbidden/x", "x", MqttQualityOfServiceLevel.AtLeastOnce));
            Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode);
            Assert.False(refused.IsSuccess);
            // mosquitto 2.0.11 then drops the connection ("Bad socket read/write"); that is the broker's choice.
        }
        await using (var client = await ConnectAsync(options))
        {
            var refused = await client.PublishAsync(Message("forbidden/y", "x", MqttQualityOfServiceLevel.ExactlyOnce));
            Assert.Equal(MqttReasonCode.NotAuthorized, refused.ReasonCode); // from PUBREC: no PUBREL follows
        }
    }

    [Theory]
    [InlineData(MqttQualityOfServiceLevel.AtMostOnce)]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce)]
    public async Task Message_above_the_server_maximum_packet_size_is_refused_locally(MqttQualityOfServiceLevel qos)
    {
        await using var broker = await MosquittoFixture.StartAsync(new MosquittoConfig { ExtraLines = { "max_packet_size 1000" } });
        await using var client = await ConnectAsync(Options(broker, MqttProtocolVersion.V500));
        Assert.Equal(1000u, client.ConnectResult!.MaximumPacketSize);
        var big = await client.PublishAsync(new MqttApplicationMessage { Topic = "t/big", Payload = new byte[2000], QualityOfServiceLevel = qos });
        Assert.Equal(MqttReasonCode.PacketTooLarge, big.ReasonCode);
        var small = await client.PublishAsync(new MqttApplicationMessage { Topic = "t/small", Payload = new byte[100], QualityOfServiceLevel = qos });
        Assert.True(small.IsSuccess);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Disconnect_from_inside_the_disconnected_handler_does_not_deadlock()
    {
        await using var broker = await MosquittoFixture.StartAsync();
        var options = Options(broker, MqttProtocolVersion.V311);
        options.AutoReconnect = true;
        options.ReconnectDelay = TimeSpan.FromMilliseconds(50);
        await using var client = new MqttClient(options);
        var handled = new TaskCompletionSource();
        client.DisconnectedAsync += async e =>
        {
            await client.DisconnectAsync(); // "stop trying" from the handler
            handled.TrySetResult();
        };
        await client.ConnectAsync();
        client.AbortTransportForTesting();
        await handled.Task.WaitAsync(Deadline);
        await Task.Delay(200); // longer than the reconnect delay: no reconnect may happen
        Assert.False(client.IsConnected);
    }
}
