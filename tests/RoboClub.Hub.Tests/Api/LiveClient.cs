using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.TestHost;

namespace RoboClub.Hub.Tests.Api;

/// <summary>
/// A minimal SignalR JSON-protocol client over a WebSocket (the .NET SignalR client is not available
/// here; the page uses the npm one). Enough to follow a board and read what the hub pushes.
/// </summary>
internal sealed class LiveClient : IAsyncDisposable
{
    const char Separator = '\u001e';
    readonly WebSocket _socket;
    readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    readonly Task _reader;
    int _invocation;

    LiveClient(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<LiveClient> ConnectAsync(TestServer server)
    {
        var socket = await server.CreateWebSocketClient().ConnectAsync(new Uri(server.BaseAddress, "hubs/live").ToWs(), CancellationToken.None);
        var client = new LiveClient(socket);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await client.NextAsync(_ => true);
        if (handshake.TryGetProperty("error", out var e)) throw new InvalidOperationException("handshake refused: " + e);
        return client;
    }

    public async Task InvokeAsync(string method, params object[] arguments)
    {
        string id = Interlocked.Increment(ref _invocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments }));
        var done = await NextAsync(m => m.TryGetProperty("type", out var t) && t.GetInt32() == 3 && m.GetProperty("invocationId").GetString() == id);
        if (done.TryGetProperty("error", out var error)) throw new InvalidOperationException(error.GetString());
    }

    /// <summary>The first argument of the next push of <paramref name="target"/> that satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> NextPushAsync(string target, Func<JsonElement, bool>? match = null, int seconds = 15)
    {
        var m = await NextAsync(m => m.TryGetProperty("type", out var t) && t.GetInt32() == 1
            && m.GetProperty("target").GetString() == target && (match is null || match(m.GetProperty("arguments")[0])), seconds);
        return m.GetProperty("arguments")[0];
    }

    async Task<JsonElement> NextAsync(Func<JsonElement, bool> match, int seconds = 15)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var m = await _messages.Reader.ReadAsync(timeout.Token);
            if (match(m)) return m;
        }
    }

    Task SendAsync(string json) => _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) break;
                pending.Append(Encoding.UTF8.GetString(buffer, 0, r.Count));
                string text = pending.ToString();
                int end;
                while ((end = text.IndexOf(Separator)) >= 0)
                {
                    string one = text[..end];
                    text = text[(end + 1)..];
                    if (one.Length > 0) _messages.Writer.TryWrite(JsonDocument.Parse(one).RootElement.Clone());
                }
                pending.Clear().Append(text);
            }
        }
        catch (WebSocketException) { }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { } // closed by DisposeAsync
        _messages.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (WebSocketException) { } catch (InvalidOperationException) { }
        await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        _socket.Dispose();
    }
}

static class UriExtensions
{
    public static Uri ToWs(this Uri uri) => new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri;
}
