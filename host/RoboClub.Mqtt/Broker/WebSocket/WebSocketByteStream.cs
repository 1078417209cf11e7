using System.Net.WebSockets;

namespace RoboClub.Mqtt.Broker;

/// <summary>
/// The binary messages of a <see cref="WebSocket"/> as one byte stream (MQTT spec 6.0: a packet may
/// span frames and a frame may hold several packets). Each write is sent as one binary message.
/// </summary>
/// <remarks>
/// .NET 10 has <see cref="WebSocketStream"/>, but it accepts text messages (MQTT-6.0.0-1 says the
/// connection must be closed) and its disposal waits up to 16 s for the peer's close frame, which
/// would hold up broker shutdown for every vanished client. This adapter fails on text messages,
/// answers the peer's close, and on disposal sends its own close frame without waiting for the reply.
/// One reader and one writer may use it at the same time (what <see cref="WebSocket"/> allows).
/// </remarks>
internal sealed class WebSocketByteStream : Stream
{
    readonly WebSocket _webSocket;
    readonly Stream? _transport;
    readonly TimeSpan _closeTimeout;
    int _disposed;
    bool _eof;

    /// <param name="webSocket">The connected WebSocket; disposed with this stream.</param>
    /// <param name="transport">The stream below the WebSocket (e.g. the TCP stream), disposed last; may be null.</param>
    /// <param name="closeTimeout">How long disposal may spend sending the close frame.</param>
    public WebSocketByteStream(WebSocket webSocket, Stream? transport, TimeSpan closeTimeout)
    {
        _webSocket = webSocket;
        _transport = transport;
        _closeTimeout = closeTimeout;
    }

    public WebSocket WebSocket => _webSocket;

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (buffer.IsEmpty) return 0;
        while (!_eof)
        {
            if (_webSocket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
            {
                _eof = true;
                break;
            }
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _webSocket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSocketException e) when (e.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
            {
                // The TCP connection ended without a close frame: for MQTT that is like a TCP reset.
                throw new IOException("the WebSocket connection was closed without a close frame", e);
            }
            switch (result.MessageType)
            {
                case WebSocketMessageType.Close:
                    _eof = true;
                    await AnswerCloseAsync().ConfigureAwait(false);
                    return 0;
                case WebSocketMessageType.Text:
                    // MQTT-6.0.0-1: MQTT control packets travel in binary data frames only.
                    await CloseOutputQuietlyAsync(WebSocketCloseStatus.InvalidMessageType, "MQTT needs binary frames").ConfigureAwait(false);
                    throw new IOException("the client sent a WebSocket text frame (MQTT over WebSocket uses binary frames only)");
                default:
                    if (result.Count > 0) return result.Count;
                    break; // an empty frame: keep reading
            }
        }
        return 0;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return await ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (buffer.IsEmpty) return ValueTask.CompletedTask;
        if (_webSocket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return ValueTask.FromException(new IOException("the WebSocket connection is closed"));
        }
        return _webSocket.SendAsync(buffer, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    async ValueTask AnswerCloseAsync()
    {
        if (_webSocket.State == WebSocketState.CloseReceived)
        {
            await CloseOutputQuietlyAsync(WebSocketCloseStatus.NormalClosure, null).ConfigureAwait(false);
        }
    }

    async ValueTask CloseOutputQuietlyAsync(WebSocketCloseStatus status, string? description)
    {
        if (_webSocket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        using var cts = new CancellationTokenSource(_closeTimeout);
        try
        {
            await _webSocket.CloseOutputAsync(status, description, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone; nothing more to tell it.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await CloseOutputQuietlyAsync(WebSocketCloseStatus.NormalClosure, null).ConfigureAwait(false);
        _webSocket.Dispose();
        if (_transport is not null)
        {
            try { await _transport.DisposeAsync().ConfigureAwait(false); } catch (IOException) { }
        }
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }
}
