using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using RoboClub.Mqtt.Broker;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;
using static RoboClub.Mqtt.Tests.WebSocket.WebSocketTestHelpers;

namespace RoboClub.Mqtt.Tests.WebSocket;

public class WebSocketListenerTests
{
    [Fact]
    public async Task Port0_BindsAFreePort()
    {
        await using var listener = StartEcho();
        Assert.InRange(listener.Port, 1, 65535);
        Assert.Equal(IPAddress.Loopback, listener.LocalEndPoint!.Address);
    }

    [Fact]
    public async Task Handshake_SelectsMqttSubProtocol_AndEchoes()
    {
        await using var listener = StartEcho();
        using var ws = await ConnectAsync(listener, "mqtt");
        Assert.Equal("mqtt", ws.SubProtocol);

        byte[] data = [1, 2, 3, 4, 5];
        await ws.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);
        byte[] received = await ReceiveExactlyAsync(ws, data.Length);
        Assert.Equal(data, received);
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, ws.State);
    }

    [Fact]
    public async Task Handshake_PrefersMqttAmongSeveralOffers()
    {
        await using var listener = StartEcho();
        using var ws = await ConnectAsync(listener, "chat", "mqttv3.1", "mqtt");
        Assert.Equal("mqtt", ws.SubProtocol);
    }

    [Fact]
    public async Task Handshake_WithoutSubProtocol_IsAcceptedWithoutOne()
    {
        await using var listener = StartEcho();
        using var ws = await ConnectAsync(listener);
        Assert.Null(ws.SubProtocol);
    }

    [Fact]
    public async Task Handshake_RawResponse_HasRfc6455AcceptKey()
    {
        await using var listener = Start(async (_, _, ct) => await Task.Delay(System.Threading.Timeout.Infinite, ct));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, listener.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(ValidRequest(extra: "Sec-WebSocket-Protocol: mqtt\r\n")));
        string head = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\n", head);
        Assert.Contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", head); // RFC 6455 1.3 example
        Assert.Contains("\r\nSec-WebSocket-Protocol: mqtt\r\n", head);
        Assert.Contains("\r\nUpgrade: websocket\r\n", head);
    }

    [Fact]
    public void AcceptKey_MatchesRfcExample() =>
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.ComputeAccept("dGhlIHNhbXBsZSBub25jZQ=="));

    [Theory]
    [InlineData("POST /mqtt HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 405 Method Not Allowed")]
    [InlineData("GET /other HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1 404 Not Found")]
    [InlineData("GET /mqtt/ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1 404 Not Found")]
    [InlineData("GET /mqtt HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 426 Upgrade Required")] // a plain browser visit
    [InlineData("GET /mqtt HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1 426 Upgrade Required")] // no Connection: upgrade
    [InlineData("GET /mqtt HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n", "HTTP/1.1 426 Upgrade Required")]
    [InlineData("GET /mqtt HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1 400 Bad Request")] // no key
    [InlineData("GET /mqtt HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: c2hvcnQ=\r\nSec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1 400 Bad Request")] // key is not 16 bytes
    [InlineData("GET /mqtt HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1 400 Bad Request")] // no Host
    [InlineData("GET /mqtt HTTP/1.0\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [InlineData("HELLO\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    [InlineData("GET /mqtt HTTP/1.1\r\nHost x\r\n\r\n", "HTTP/1.1 400 Bad Request")] // header without colon
    [InlineData("GET /mqtt HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", "HTTP/1.1 400 Bad Request")]
    public async Task BadRequests_GetTheRightStatus(string request, string expectedStatusLine)
    {
        int calls = 0;
        await using var listener = Start((_, _, _) => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        string response = await RawRequestAsync(listener, request);
        Assert.Equal(expectedStatusLine, StatusLine(response));
        Assert.Contains("\r\nConnection: close\r\n", response);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task WrongVersion_AnswersTheSupportedVersion()
    {
        await using var listener = StartEcho();
        string response = await RawRequestAsync(listener, ValidRequest().Replace("Version: 13", "Version: 7"));
        Assert.Contains("\r\nSec-WebSocket-Version: 13\r\n", response);
    }

    [Fact]
    public async Task HeaderNamesAndTokens_AreCaseInsensitive_AndQueryIsIgnored()
    {
        await using var listener = Start(async (_, _, ct) => await Task.Delay(System.Threading.Timeout.Infinite, ct));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, listener.Port);
        var stream = tcp.GetStream();
        string request = "GET /mqtt?club=1 HTTP/1.1\r\nhost: x\r\nUPGRADE: WebSocket\r\nconnection: keep-alive, Upgrade\r\n" +
                         "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        Assert.StartsWith("HTTP/1.1 101 ", await ReadHeadAsync(stream));
    }

    [Fact]
    public async Task OversizedRequestHead_Gets431()
    {
        await using var listener = StartEcho();
        string request = ValidRequest(extra: "X-Padding: " + new string('a', 9000) + "\r\n");
        Assert.Equal("HTTP/1.1 431 Request Header Fields Too Large", StatusLine(await RawRequestAsync(listener, request)));
    }

    [Fact]
    public async Task DisallowedOrigin_Gets403_AllowedOriginIsAccepted()
    {
        await using var listener = Start(Echo, allowedOrigins: ["http://localhost:5000"]);
        string bad = await RawRequestAsync(listener, ValidRequest(extra: "Origin: http://evil.example\r\n"));
        Assert.Equal("HTTP/1.1 403 Forbidden", StatusLine(bad));

        using var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Origin", "http://localhost:5000");
        await ws.ConnectAsync(Uri(listener), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, ws.State);
    }

    [Fact]
    public async Task IncompleteRequest_IsClosedByTheTimeout()
    {
        await using var listener = Start(Echo, handshakeTimeout: TimeSpan.FromMilliseconds(500));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, listener.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync("GET /mqtt HTTP/1.1\r\nHost: x\r\n"u8.ToArray());
        var sw = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(TestTimeout);
        int n = await stream.ReadAsync(new byte[100], cts.Token); // 0: the server closed
        Assert.Equal(0, n);
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SlowlorisTrickle_IsClosedByTheOverallDeadline()
    {
        await using var listener = Start(Echo, handshakeTimeout: TimeSpan.FromMilliseconds(800));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, listener.Port);
        var stream = tcp.GetStream();
        var sw = Stopwatch.StartNew();
        byte[] request = Encoding.ASCII.GetBytes(ValidRequest());
        bool closed = false;
        // One byte every 100 ms would take > 15 s; the listener must not wait for it.
        for (int i = 0; i < request.Length - 1 && sw.Elapsed < TestTimeout; i++)
        {
            try
            {
                await stream.WriteAsync(request.AsMemory(i, 1));
            }
            catch (IOException)
            {
                closed = true;
                break;
            }
            if (tcp.Client.Poll(0, SelectMode.SelectRead) && tcp.Client.Available == 0)
            {
                closed = true;
                break;
            }
            await Task.Delay(100);
        }
        Assert.True(closed);
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ClientSilentAfterConnecting_IsClosedByTheTimeout()
    {
        await using var listener = Start(Echo, handshakeTimeout: TimeSpan.FromMilliseconds(300));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, listener.Port);
        using var cts = new CancellationTokenSource(TestTimeout);
        Assert.Equal(0, await tcp.GetStream().ReadAsync(new byte[10], cts.Token));
        await WaitUntilAsync(() => listener.ConnectionCount == 0);
    }

    [Fact]
    public async Task DataSplitAcrossFrames_ArrivesAsOneStream()
    {
        var received = new TaskCompletionSource<byte[]>();
        await using var listener = Start(async (stream, _, ct) =>
        {
            var all = new MemoryStream();
            byte[] buffer = new byte[3];
            int n;
            while ((n = await stream.ReadAsync(buffer, ct)) > 0) all.Write(buffer, 0, n);
            received.SetResult(all.ToArray());
        });
        using var ws = await ConnectAsync(listener, "mqtt");
        byte[] data = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        // One message in three frames, an empty message, then two more messages.
        await ws.SendAsync(data.AsMemory(0, 10), WebSocketMessageType.Binary, false, CancellationToken.None);
        await ws.SendAsync(data.AsMemory(10, 20), WebSocketMessageType.Binary, false, CancellationToken.None);
        await ws.SendAsync(data.AsMemory(30, 5), WebSocketMessageType.Binary, true, CancellationToken.None);
        await ws.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Binary, true, CancellationToken.None);
        await ws.SendAsync(data.AsMemory(35, 60), WebSocketMessageType.Binary, true, CancellationToken.None);
        await ws.SendAsync(data.AsMemory(95), WebSocketMessageType.Binary, true, CancellationToken.None);
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        Assert.Equal(data, await received.Task.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task MqttPackets_ThroughCodec_SplitAndCoalescedFrames()
    {
        await using var listener = StartEcho();
        using var ws = await ConnectAsync(listener, "mqtt");
        var connect = new ConnectPacket { ClientId = "board-07", UserName = "board-07", Password = "secret"u8.ToArray(), KeepAliveSeconds = 30 };
        byte[] connectBytes = MqttPacketWriter.Encode(connect, MqttProtocolVersion.V311);
        byte[] pingBytes = MqttPacketWriter.Encode(PingReqPacket.Instance, MqttProtocolVersion.V311);
        var publish = new PublishPacket { Topic = "roboclub/club1/board-07/status", Payload = new byte[3000] };
        byte[] publishBytes = MqttPacketWriter.Encode(publish, MqttProtocolVersion.V311);

        // CONNECT split over two frames of one message; PINGREQ and half a PUBLISH in one frame; the rest in another.
        byte[] tail = [.. pingBytes, .. publishBytes.AsSpan(0, 1500)];
        await ws.SendAsync(connectBytes.AsMemory(0, 5), WebSocketMessageType.Binary, false, CancellationToken.None);
        await ws.SendAsync(connectBytes.AsMemory(5), WebSocketMessageType.Binary, true, CancellationToken.None);
        await ws.SendAsync(tail, WebSocketMessageType.Binary, true, CancellationToken.None);
        await ws.SendAsync(publishBytes.AsMemory(1500), WebSocketMessageType.Binary, true, CancellationToken.None);

        // Read back what the callback echoed, through the codec.
        await using var channel = new MqttPacketChannel(new WebSocketByteStream(ws, null, TimeSpan.FromSeconds(1)));
        using var cts = new CancellationTokenSource(TestTimeout);
        var echoedConnect = Assert.IsType<ConnectPacket>(await channel.ReadPacketAsync(cts.Token));
        Assert.Equal("board-07", echoedConnect.ClientId);
        Assert.Equal("board-07", echoedConnect.UserName);
        Assert.Equal("secret"u8.ToArray(), echoedConnect.Password);
        Assert.Equal(30, echoedConnect.KeepAliveSeconds);
        Assert.IsType<PingReqPacket>(await channel.ReadPacketAsync(cts.Token));
        var echoedPublish = Assert.IsType<PublishPacket>(await channel.ReadPacketAsync(cts.Token));
        Assert.Equal(publish.Topic, echoedPublish.Topic);
        Assert.Equal(3000, echoedPublish.Payload.Length);
    }

    [Fact]
    public async Task TextFrame_ClosesTheConnection()
    {
        var readFailure = new TaskCompletionSource<Exception?>();
        await using var listener = Start(async (stream, _, ct) =>
        {
            try
            {
                int n = await stream.ReadAsync(new byte[100], ct);
                readFailure.SetResult(new Exception($"read returned {n}"));
            }
            catch (Exception e)
            {
                readFailure.SetResult(e);
            }
        });
        using var ws = await ConnectAsync(listener, "mqtt");
        await ws.SendAsync("hello"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.IsType<IOException>(await readFailure.Task.WaitAsync(TestTimeout));
        using var cts = new CancellationTokenSource(TestTimeout);
        var result = await ws.ReceiveAsync(new byte[10], cts.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, result.CloseStatus);
    }

    [Fact]
    public async Task CallbackReturning_ClosesTheWebSocketCleanly()
    {
        await using var listener = Start((_, _, _) => Task.CompletedTask);
        using var ws = await ConnectAsync(listener, "mqtt");
        using var cts = new CancellationTokenSource(TestTimeout);
        var result = await ws.ReceiveAsync(new byte[10], cts.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, result.CloseStatus);
        await WaitUntilAsync(() => listener.ConnectionCount == 0);
    }

    [Fact]
    public async Task CallbackGetsTheRemoteEndPoint()
    {
        var remote = new TaskCompletionSource<EndPoint?>();
        await using var listener = Start((_, ep, _) => { remote.SetResult(ep); return Task.CompletedTask; });
        using var ws = await ConnectAsync(listener, "mqtt");
        var ep = Assert.IsType<IPEndPoint>(await remote.Task.WaitAsync(TestTimeout));
        Assert.Equal(IPAddress.Loopback, ep.Address);
    }

    [Fact]
    public async Task ManyConcurrentConnections()
    {
        await using var listener = StartEcho();
        const int count = 50;
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            using var ws = await ConnectAsync(listener, "mqtt");
            byte[] data = Encoding.ASCII.GetBytes($"client {i}");
            await ws.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);
            Assert.Equal(data, await ReceiveExactlyAsync(ws, data.Length));
            await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        });
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntilAsync(() => listener.ConnectionCount == 0);
    }

    [Fact]
    public async Task StopAsync_CancelsCallbacks_AndRefusesNewConnections()
    {
        var cancelled = new TaskCompletionSource();
        var listener = Start(async (_, _, ct) =>
        {
            try { await Task.Delay(System.Threading.Timeout.Infinite, ct); }
            catch (OperationCanceledException) { cancelled.SetResult(); }
        });
        int port = listener.Port;
        using var ws = await ConnectAsync(listener, "mqtt");
        await WaitUntilAsync(() => listener.ConnectionCount == 1);
        var sw = Stopwatch.StartNew();
        await listener.StopAsync();
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"stop took {sw.Elapsed}"); // the handler was cancelled, not waited for forever
        Assert.True(cancelled.Task.IsCompleted);
        Assert.Equal(0, listener.ConnectionCount);
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync(IPAddress.Loopback, port));
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task StopAsync_AbortsCallbacksThatIgnoreCancellation()
    {
        var listener = Start(async (stream, _, _) =>
        {
            // Ignores the token; only the aborted connection ends it.
            try { _ = await stream.ReadAsync(new byte[10], CancellationToken.None) > 0; } catch { }
        });
        using var ws = await ConnectAsync(listener, "mqtt");
        await WaitUntilAsync(() => listener.ConnectionCount == 1);
        var sw = Stopwatch.StartNew();
        await listener.StopAsync();
        Assert.InRange(sw.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(5)); // StopTimeout is 2 s
        Assert.Equal(0, listener.ConnectionCount);
    }

    [Fact]
    public async Task StopAccepting_KeepsExistingConnections()
    {
        await using var listener = StartEcho();
        using var ws = await ConnectAsync(listener, "mqtt");
        listener.StopAccepting();
        await ws.SendAsync(new byte[] { 9 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        Assert.Equal(new byte[] { 9 }, await ReceiveExactlyAsync(ws, 1));
    }

    static async Task<byte[]> ReceiveExactlyAsync(ClientWebSocket ws, int count)
    {
        byte[] buffer = new byte[count];
        int got = 0;
        using var cts = new CancellationTokenSource(TestTimeout);
        while (got < count)
        {
            var r = await ws.ReceiveAsync(buffer.AsMemory(got), cts.Token);
            Assert.Equal(WebSocketMessageType.Binary, r.MessageType);
            got += r.Count;
        }
        return buffer;
    }

    static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        using var cts = new CancellationTokenSource(TestTimeout);
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cts.Token) == 0) break;
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.Elapsed < TestTimeout, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
