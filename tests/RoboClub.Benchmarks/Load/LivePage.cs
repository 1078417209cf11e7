using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace RoboClub.Benchmarks.Load;

/// <summary>
/// A page following every board's live telemetry on the hub (/hubs/live, SignalR JSON protocol over a
/// WebSocket, as @microsoft/signalr speaks it): counts the points pushed and keeps nothing else.
/// </summary>
sealed class LivePage : IAsyncDisposable
{
    const char Separator = '\u001e';
    readonly ClientWebSocket _socket = new();
    readonly CancellationTokenSource _stop = new();
    Task _reader = Task.CompletedTask;
    long _points;

    public long Points => Interlocked.Read(ref _points);

    public static async Task<LivePage> ConnectAsync(int webPort)
    {
        var page = new LivePage();
        await page._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{webPort}/hubs/live"), CancellationToken.None);
        await page.SendAsync("{\"protocol\":\"json\",\"version\":1}");
        await page.SendAsync("{\"type\":1,\"invocationId\":\"1\",\"target\":\"FollowTelemetry\",\"arguments\":[]}");
        page._reader = Task.Run(page.ReadAsync);
        return page;
    }

    Task SendAsync(string json) => _socket.SendAsync(Encoding.UTF8.GetBytes(json + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

    async Task ReadAsync()
    {
        var buffer = new byte[256 * 1024];
        var pending = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
                pending.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var all = pending.GetBuffer().AsMemory(0, (int)pending.Length);
                int start = 0;
                for (int i = 0; i < all.Length; i++)
                {
                    if (all.Span[i] != (byte)Separator) continue;
                    Interlocked.Add(ref _points, CountPoints(all.Span[start..i]));
                    start = i + 1;
                }
                pending.SetLength(0);
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
    }

    /// <summary>[t, v] pairs in the "points" arrays of a "telemetry" push.</summary>
    public static long CountPoints(ReadOnlySpan<byte> message)
    {
        long n = 0;
        var json = new Utf8JsonReader(message);
        while (json.Read())
        {
            if (json.TokenType != JsonTokenType.PropertyName || !json.ValueTextEquals("points"u8)) continue;
            json.Read(); // [
            int depth = json.CurrentDepth;
            while (json.Read() && json.CurrentDepth > depth)
                if (json.TokenType == JsonTokenType.StartArray && json.CurrentDepth == depth + 1) n++;
        }
        return n;
    }

    public async ValueTask DisposeAsync()
    {
        try { await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (WebSocketException) { }
        await _stop.CancelAsync();
        await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        _socket.Dispose();
    }
}
