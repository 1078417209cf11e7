using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Mqtt.Tests.WebSocket;

internal static class WebSocketTestHelpers
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A callback that sends back every byte it reads until the client closes.</summary>
    public static async Task Echo(Stream stream, EndPoint? remote, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[4096];
        int n;
        while ((n = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }
    }

    public static WebSocketListener StartEcho() => Start(Echo);

    public static WebSocketListener Start(Func<Stream, EndPoint?, CancellationToken, Task> handler, TimeSpan? handshakeTimeout = null, IReadOnlyCollection<string>? allowedOrigins = null)
    {
        var listener = new WebSocketListener(IPAddress.Loopback, 0, handler)
        {
            HandshakeTimeout = handshakeTimeout ?? TimeSpan.FromSeconds(10),
            AllowedOrigins = allowedOrigins,
            StopTimeout = TimeSpan.FromSeconds(2),
        };
        listener.Start();
        return listener;
    }

    public static Uri Uri(WebSocketListener listener, string path = "/mqtt") => new($"ws://127.0.0.1:{listener.Port}{path}");

    public static async Task<ClientWebSocket> ConnectAsync(WebSocketListener listener, params string[] subProtocols)
    {
        var ws = new ClientWebSocket();
        foreach (string p in subProtocols) ws.Options.AddSubProtocol(p);
        using var cts = new CancellationTokenSource(TestTimeout);
        await ws.ConnectAsync(Uri(listener), cts.Token);
        return ws;
    }

    /// <summary>Sends raw bytes over TCP and returns everything the server answers until it closes.</summary>
    public static async Task<string> RawRequestAsync(WebSocketListener listener, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, listener.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var cts = new CancellationTokenSource(TestTimeout);
        var response = new MemoryStream();
        await stream.CopyToAsync(response, cts.Token);
        return Encoding.UTF8.GetString(response.ToArray());
    }

    public static string StatusLine(string response) => response.Split("\r\n")[0];

    public static string ValidRequest(string path = "/mqtt", string? extra = null, string key = "dGhlIHNhbXBsZSBub25jZQ==") =>
        $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{extra}\r\n";
}
