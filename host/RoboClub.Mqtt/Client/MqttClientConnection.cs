using System.Threading.Channels;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Client;

/// <summary>
/// One network connection of an <see cref="MqttClient"/>: the CONNECT/CONNACK handshake, then three
/// loops until it ends — a reader that hands packets to the client, a single writer that batches
/// everything queued into one flush (one system call for many small packets), and keep-alive.
/// Session state (in-flight messages, subscriptions) lives in the client and outlives connections.
/// </summary>
internal sealed class MqttClientConnection
{
    const int FlushThreshold = 64 * 1024; // flush mid-batch so a burst does not buffer without bound

    readonly Stream _stream;
    readonly MqttPacketChannel _channel;
    readonly Channel<Outgoing> _outbox = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    readonly CancellationTokenSource _cts = new();
    readonly TaskCompletionSource<ConnectionLoss> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    Action<MqttClientConnection, MqttPacket>? _onPacket;
    Action<MqttClientConnection, MqttPacket>? _onDropped;
    Task _readTask = Task.CompletedTask, _writeTask = Task.CompletedTask, _keepAliveTask = Task.CompletedTask;
    long _lastSentTicks;
    long _pingSentTicks; // 0: no PINGREQ outstanding
    int _closing;

    readonly record struct Outgoing(MqttPacket Packet, TaskCompletionSource<bool>? Written);

    public MqttClientConnection(Stream stream, MqttProtocolVersion version, uint maximumIncomingPacketSize)
    {
        _stream = stream;
        _channel = new MqttPacketChannel(stream)
        {
            ProtocolVersion = version,
            MaximumIncomingPacketSize = maximumIncomingPacketSize != 0 ? maximumIncomingPacketSize : MqttFrameReader.DefaultMaximumPacketSize,
        };
    }

    public MqttProtocolVersion ProtocolVersion => _channel.ProtocolVersion;
    public bool IsV5 => _channel.ProtocolVersion == MqttProtocolVersion.V500;

    /// <summary>Completes once, after the connection is fully torn down.</summary>
    public Task<ConnectionLoss> Closed => _closed.Task;

    /// <summary>Sends CONNECT and reads the answer. Any failure leaves the connection unusable (dispose it).</summary>
    public async Task<ConnAckPacket> HandshakeAsync(ConnectPacket connect, CancellationToken cancellationToken)
    {
        _channel.Write(connect);
        await _channel.FlushAsync(cancellationToken).ConfigureAwait(false);
        var packet = await _channel.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
        return packet switch
        {
            ConnAckPacket ack => ack,
            null => throw new MqttCommunicationException("the server closed the connection before sending CONNACK"),
            DisconnectPacket d => throw new MqttCommunicationException($"the server sent DISCONNECT {d.ReasonCode} instead of CONNACK{(d.ReasonString is null ? "" : ": " + d.ReasonString)}"),
            AuthPacket => throw new MqttCommunicationException("the server asked for enhanced authentication (AUTH), which this client does not support"),
            _ => throw new MqttCommunicationException($"the server sent {packet.Type} instead of CONNACK"),
        };
    }

    /// <summary>Starts the loops. <paramref name="onPacket"/> runs on the reader task and must not block;
    /// <paramref name="onDropped"/> is told about a packet too large for the server.</summary>
    public void Start(uint maximumOutgoingPacketSize, TimeSpan keepAlive, TimeSpan pingTimeout,
        Action<MqttClientConnection, MqttPacket> onPacket, Action<MqttClientConnection, MqttPacket> onDropped)
    {
        _channel.MaximumOutgoingPacketSize = maximumOutgoingPacketSize;
        _onPacket = onPacket;
        _onDropped = onDropped;
        _lastSentTicks = Environment.TickCount64;
        _readTask = Task.Run(ReadLoopAsync);
        _writeTask = Task.Run(WriteLoopAsync);
        if (keepAlive > TimeSpan.Zero) _keepAliveTask = Task.Run(() => KeepAliveLoopAsync(keepAlive, pingTimeout));
    }

    /// <summary>Queues a packet; false when the connection is closing.</summary>
    public bool Send(MqttPacket packet) => _outbox.Writer.TryWrite(new Outgoing(packet, null));

    /// <summary>Queues a packet and completes when it has been flushed to the transport: true, or false
    /// when it was larger than the server accepts. Fails when the connection goes first.</summary>
    public Task<bool> SendAndFlushAsync(MqttPacket packet)
    {
        var written = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_outbox.Writer.TryWrite(new Outgoing(packet, written)))
            written.TrySetException(new MqttClientNotConnectedException("the connection is closing"));
        return written.Task;
    }

    /// <summary>Ends the connection: the farewell DISCONNECT (if any) is flushed after what is already queued.</summary>
    public void Close(ConnectionLoss loss, DisconnectPacket? farewell)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0) return;
        _ = Task.Run(() => TeardownAsync(loss, farewell));
    }

    /// <summary>Breaks the transport as a network failure would (no DISCONNECT): the server publishes the will.</summary>
    public void AbortTransport()
    {
        try { _stream.Dispose(); } catch { /* already broken */ }
    }

    async Task TeardownAsync(ConnectionLoss loss, DisconnectPacket? farewell)
    {
        bool sendFarewell = farewell is not null && _outbox.Writer.TryWrite(new Outgoing(farewell, null));
        _outbox.Writer.TryComplete();
        if (sendFarewell)
        {
            // The writer drains the queue, flushes the DISCONNECT and stops; then the server closes
            // its side. Closing ours first could reset the socket before the server read the DISCONNECT.
            try { await _writeTask.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch { /* broken anyway */ }
            try { await _readTask.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false); } catch { /* broken anyway */ }
        }
        _cts.Cancel();
        AbortTransport(); // unblocks reads and writes that ignore cancellation (some custom streams)
        try { await Task.WhenAll(_readTask, _writeTask, _keepAliveTask).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch { /* loops report their own errors */ }
        await DisposeTransportAsync().ConfigureAwait(false);
        var gone = new MqttClientNotConnectedException("the connection closed before the packet was sent");
        while (_outbox.Reader.TryRead(out var item)) item.Written?.TrySetException(gone);
        _closed.TrySetResult(loss); // _cts is not disposed: a loop that outlived the wait may still read its token
    }

    /// <summary>Releases a connection that never got past the handshake.</summary>
    public ValueTask DisposeUnstartedAsync() => DisposeTransportAsync();

    async ValueTask DisposeTransportAsync()
    {
        await _channel.DisposeAsync().ConfigureAwait(false); // also disposes the stream
    }

    async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var packet = await _channel.ReadPacketAsync(_cts.Token).ConfigureAwait(false);
                if (packet is null)
                {
                    Close(ConnectionLoss.Broken(new MqttCommunicationException("the server closed the connection")), null);
                    return;
                }
                Volatile.Write(ref _pingSentTicks, 0); // any packet proves the server is alive
                if (Volatile.Read(ref _closing) != 0) continue; // draining after our DISCONNECT
                if (packet is DisconnectPacket d)
                {
                    Close(ConnectionLoss.FromServer(d), null);
                    return;
                }
                _onPacket!(this, packet);
            }
        }
        catch (MqttProtocolException ex)
        {
            // The server broke the protocol (or used an unknown topic alias): MQTT 5 says why before closing.
            Close(ConnectionLoss.Broken(new MqttCommunicationException("protocol violation by the server: " + ex.Message, ex), ex.ReasonCode),
                IsV5 ? new DisconnectPacket { ReasonCode = ex.ReasonCode, ReasonString = ex.Message } : null);
        }
        catch (Exception ex) when (_cts.IsCancellationRequested || Volatile.Read(ref _closing) != 0)
        {
            _ = ex; // we are closing: the error is a consequence, not the cause
        }
        catch (Exception ex)
        {
            Close(ConnectionLoss.Broken(new MqttCommunicationException("the connection was lost: " + ex.Message, ex)), null);
        }
    }

    async Task WriteLoopAsync()
    {
        var reader = _outbox.Reader;
        var flushed = new List<TaskCompletionSource<bool>>();
        try
        {
            while (await reader.WaitToReadAsync(_cts.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    if (!_channel.Write(item.Packet))
                    {
                        if (item.Written is { } w) w.TrySetResult(false);
                        else _onDropped?.Invoke(this, item.Packet);
                        continue;
                    }
                    if (item.Written is not null) flushed.Add(item.Written);
                    if (_channel.UnflushedBytes >= FlushThreshold) await FlushAsync(flushed).ConfigureAwait(false);
                }
                await FlushAsync(flushed).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            var error = new MqttCommunicationException("the connection was lost while sending: " + ex.Message, ex);
            foreach (var w in flushed) w.TrySetException(error);
            if (!_cts.IsCancellationRequested) Close(ConnectionLoss.Broken(error), null);
        }
    }

    async ValueTask FlushAsync(List<TaskCompletionSource<bool>> flushed)
    {
        await _channel.FlushAsync(_cts.Token).ConfigureAwait(false);
        Volatile.Write(ref _lastSentTicks, Environment.TickCount64);
        foreach (var w in flushed) w.TrySetResult(true);
        flushed.Clear();
    }

    /// <summary>MQTT-3.1.2-23: send something at least every keep-alive period; a PINGREQ without
    /// answer within <paramref name="pingTimeout"/> means the link is dead even if TCP has not noticed.</summary>
    async Task KeepAliveLoopAsync(TimeSpan keepAlive, TimeSpan pingTimeout)
    {
        long keepAliveMs = (long)keepAlive.TotalMilliseconds, pingTimeoutMs = (long)pingTimeout.TotalMilliseconds;
        try
        {
            while (!_cts.IsCancellationRequested)
            {
                long now = Environment.TickCount64;
                long pingSent = Volatile.Read(ref _pingSentTicks);
                long wait;
                if (pingSent != 0)
                {
                    if (now - pingSent >= pingTimeoutMs)
                    {
                        var error = new MqttTimeoutException($"no PINGRESP within {pingTimeout.TotalSeconds:0.###} s");
                        Close(ConnectionLoss.Broken(error, MqttReasonCode.KeepAliveTimeout), null);
                        return;
                    }
                    wait = pingSent + pingTimeoutMs - now;
                }
                else
                {
                    long idle = now - Volatile.Read(ref _lastSentTicks);
                    if (idle >= keepAliveMs)
                    {
                        Volatile.Write(ref _pingSentTicks, now);
                        Send(PingReqPacket.Instance);
                        wait = pingTimeoutMs;
                    }
                    else wait = keepAliveMs - idle;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(wait, 10)), _cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { /* closing */ }
    }
}
