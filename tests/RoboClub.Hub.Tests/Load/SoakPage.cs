using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using RoboClub.Hub.Tests.Api;

namespace RoboClub.Hub.Tests.Load;

/// <summary>
/// A page open for a long time: the SignalR JSON protocol over the test server's WebSocket, following
/// the club's telemetry or one board. Counts what it is pushed and keeps nothing, so that a soak's
/// memory is the hub's, not a test client's inbox (LiveClient keeps every message).
/// </summary>
internal sealed class SoakPage : IAsyncDisposable
{
    const char Separator = '\u001e';
    readonly WebSocket _socket;
    readonly Task _reader;
    long _messages;

    SoakPage(WebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Pushes received (telemetry, console, board changes, ...).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Opens a page that follows <paramref name="board"/>, or every board's telemetry when null.</summary>
    public static async Task<SoakPage> OpenAsync(TestServer server, string? board)
    {
        var socket = await server.CreateWebSocketClient().ConnectAsync(new Uri(server.BaseAddress, "hubs/live").ToWs(), CancellationToken.None);
        var page = new SoakPage(socket);
        await page.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await page.SendAsync(board is null
            ? "{\"type\":1,\"target\":\"FollowTelemetry\",\"arguments\":[]}"
            : "{\"type\":1,\"target\":\"Follow\",\"arguments\":[\"" + board + "\"]}");
        return page;
    }

    Task SendAsync(string json) => _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) break;
                int records = buffer.AsSpan(0, r.Count).Count((byte)Separator);
                Interlocked.Add(ref _messages, records);
            }
        }
        catch (WebSocketException) { }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (WebSocketException) { } catch (InvalidOperationException) { }
        await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _socket.Dispose();
    }
}
