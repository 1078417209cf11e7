using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Benchmarks;

/// <summary>
/// One MQTT connection of the load generator. Control packets (CONNECT, CONNACK, SUBSCRIBE,
/// SUBACK, PUBLISH templates) go through RoboClub.Mqtt's codec; the hot path (incoming PUBLISH and
/// acks) is a lean parser over one receive buffer, so the generator allocates nothing per message.
/// Responses the receive loop owes the broker (PUBACK/PUBREC/PUBCOMP as a subscriber, PUBREL as a
/// QoS 2 publisher) are collected while a received batch is parsed and leave in one send.
/// </summary>
sealed class BenchConnection
{
    readonly Socket _socket;
    readonly MqttProtocolVersion _version;
    readonly SemaphoreSlim _sendLock = new(1, 1);
    byte[] _recv;
    int _start, _end;
    byte[]? _out;
    int _outLen;
    PhaseState? _state;

    BenchConnection(Socket socket, MqttProtocolVersion version, int receiveBufferSize)
    {
        _socket = socket;
        _version = version;
        _recv = new byte[receiveBufferSize];
    }

    public Publisher? Publisher { get; set; }
    public Subscriber? Subscriber { get; set; }
    public Task ReceiveLoop { get; private set; } = Task.CompletedTask;
    /// <summary>Receive Maximum from an MQTT 5 CONNACK (65535 when absent).</summary>
    public int BrokerReceiveMaximum { get; private set; } = ushort.MaxValue;
    public string? CloseReason { get; private set; }
    public string DebugState => $"buffered {_start}..{_end} of {_recv.Length}, close: {CloseReason}";

    /// <summary>TCP connect, CONNECT, wait for a successful CONNACK.</summary>
    public static async Task<BenchConnection> ConnectAsync(IPEndPoint endPoint, string clientId, bool v5, int receiveBufferSize, CancellationToken ct)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var version = v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311;
        var c = new BenchConnection(socket, version, receiveBufferSize);
        try
        {
            await socket.ConnectAsync(endPoint, ct).ConfigureAwait(false);
            var connect = new ConnectPacket
            {
                ProtocolVersion = version,
                ClientId = clientId,
                CleanStart = true,
                KeepAliveSeconds = 600, // no PINGREQ needed: every phase is bounded well below this
            };
            await c.SendRawAsync(MqttPacketWriter.Encode(connect, version), ct).ConfigureAwait(false);
            var packet = await c.ReadControlPacketAsync(ct).ConfigureAwait(false);
            if (packet is not ConnAckPacket ack) throw new IOException($"expected CONNACK, got {packet.Type}");
            if (ack.ReasonCode != MqttReasonCode.Success) throw new IOException($"CONNACK refused: {ack.ReasonCode}");
            if (ack.ReceiveMaximum is { } rm) c.BrokerReceiveMaximum = rm;
            return c;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task SubscribeAsync(string filter, int qos, CancellationToken ct)
    {
        var sub = new SubscribePacket { PacketId = 1 };
        sub.TopicFilters.Add(new MqttTopicFilter(filter, (MqttQualityOfServiceLevel)qos));
        await SendRawAsync(MqttPacketWriter.Encode(sub, _version), ct).ConfigureAwait(false);
        var packet = await ReadControlPacketAsync(ct).ConfigureAwait(false);
        if (packet is not SubAckPacket ack || ack.PacketId != 1) throw new IOException($"expected SUBACK 1, got {packet.Type}");
        if (ack.ReasonCodes.Count != 1 || (int)ack.ReasonCodes[0] != qos) throw new IOException($"SUBSCRIBE {filter} QoS {qos} granted {string.Join(",", ack.ReasonCodes)}");
    }

    async Task SendRawAsync(byte[] bytes, CancellationToken ct)
    {
        int off = 0;
        while (off < bytes.Length) off += await _socket.SendAsync(bytes.AsMemory(off), SocketFlags.None, ct).ConfigureAwait(false);
    }

    /// <summary>Reads one whole packet with the codec's frame reader and packet reader (setup only).</summary>
    async Task<MqttPacket> ReadControlPacketAsync(CancellationToken ct)
    {
        while (true)
        {
            var seq = new ReadOnlySequence<byte>(_recv, _start, _end - _start);
            if (MqttFrameReader.TryReadFrame(ref seq, MqttFrameReader.DefaultMaximumPacketSize, out byte header, out var body))
            {
                _start = _end - (int)seq.Length;
                return MqttPacketReader.Read(header, body.IsSingleSegment ? body.FirstSpan : body.ToArray(), _version);
            }
            MakeRoom();
            int n = await _socket.ReceiveAsync(_recv.AsMemory(_end), SocketFlags.None, ct).ConfigureAwait(false);
            if (n == 0) throw new IOException("the broker closed the connection during setup");
            _end += n;
        }
    }

    void MakeRoom()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_recv, _start, _recv, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _recv.Length) Array.Resize(ref _recv, _recv.Length * 2); // a frame bigger than the buffer
    }

    public void StartReceiving(PhaseState state)
    {
        _state = state;
        if (_out is null && (Subscriber is not null && state.Spec.Qos > 0 || Publisher is not null && state.Spec.Qos == 2))
            _out = new byte[_recv.Length];
        ReceiveLoop = ReceiveLoopAsync();
    }

    async Task ReceiveLoopAsync()
    {
        var state = _state!;
        try
        {
            while (!state.Stopped)
            {
                MakeRoom();
                if (_out is not null && _out.Length < _recv.Length) Array.Resize(ref _out, _recv.Length);
                int n = await _socket.ReceiveAsync(_recv.AsMemory(_end), SocketFlags.None).ConfigureAwait(false);
                if (n == 0) { CloseReason ??= "closed by the broker"; break; }
                _end += n;
                ProcessFrames(Stopwatch.GetTimestamp());
                if (_outLen > 0)
                {
                    int len = _outLen;
                    _outLen = 0;
                    await SendLockedAsync(_out!, len).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (!state.Stopped) CloseReason ??= e.Message;
        }
        catch (Exception e)
        {
            // Protocol surprises (malformed frame, codec disagreement): this connection stops; the phase reports it.
            CloseReason ??= $"{e.GetType().Name}: {e.Message}";
            Error = CloseReason;
        }
    }

    /// <summary>Set when the receive loop stopped on something other than a socket closing.</summary>
    public string? Error { get; private set; }

    /// <summary>Parses every complete frame in the buffer. <paramref name="now"/> is when the bytes
    /// arrived in user space, used as the receive time of every message in the batch.</summary>
    void ProcessFrames(long now)
    {
        bool acked = false;
        var sub = Subscriber;
        while (true)
        {
            int avail = _end - _start;
            if (avail < 2) break;
            var span = _recv.AsSpan(_start, avail);
            int len = 0, i = 1, shift = 0;
            while (true)
            {
                if (i >= avail) goto done; // remaining length not complete
                byte b = span[i++];
                len |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
                shift += 7;
                if (shift > 21) throw new IOException("malformed remaining length from the broker");
            }
            if (avail - i < len) break;
            byte h = span[0];
            var body = span.Slice(i, len);
            switch (h >> 4)
            {
                case 3: // PUBLISH
                    if (sub is null) throw new IOException("a publisher received a PUBLISH");
                    sub.OnPublish(h, body, now, this);
                    break;
                case 4: // PUBACK
                case 7: // PUBCOMP
                    Publisher?.OnAck();
                    acked = true;
                    break;
                case 5: // PUBREC -> PUBREL (the broker delivers QoS 2 after it)
                    if (body.Length >= 3 && body[2] >= 0x80) { Publisher?.OnAck(); acked = true; break; } // v5 failure code: flow ends
                    AppendAck(0x62, body);
                    break;
                case 6: // PUBREL -> PUBCOMP
                    AppendAck(0x70, body);
                    break;
                case 14: // DISCONNECT from the broker (MQTT 5)
                    CloseReason = $"DISCONNECT from the broker, reason 0x{(body.Length > 0 ? body[0] : 0):X2}";
                    break;
                default: // PINGRESP, anything else: ignored
                    break;
            }
            _start += i + len;
        }
    done:
        if (acked) Publisher?.WakeIfWaiting();
        sub?.AfterBatch();
    }

    /// <summary>Queues a 4-byte PUBACK/PUBREC/PUBREL/PUBCOMP echoing the packet id at the start of <paramref name="body"/>.</summary>
    internal void AppendAck(byte header, ReadOnlySpan<byte> body)
    {
        var o = _out!;
        o[_outLen] = header;
        o[_outLen + 1] = 2;
        o[_outLen + 2] = body[0];
        o[_outLen + 3] = body[1];
        _outLen += 4;
    }

    internal void AppendAck(byte header, ushort packetId)
    {
        var o = _out!;
        o[_outLen] = header;
        o[_outLen + 1] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(o.AsSpan(_outLen + 2), packetId);
        _outLen += 4;
    }

    public async ValueTask SendLockedAsync(byte[] buffer, int length)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            int off = 0;
            while (off < length) off += await _socket.SendAsync(buffer.AsMemory(off, length - off), SocketFlags.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>DISCONNECT (best effort) and close.</summary>
    public async Task CloseAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (await _sendLock.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false))
            {
                await _socket.SendAsync(new byte[] { 0xE0, 0x00 }, SocketFlags.None, cts.Token).ConfigureAwait(false);
                _socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // already gone
        }
        _socket.Dispose();
        try { await ReceiveLoop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch (TimeoutException) { }
    }

    /// <summary>Closes without DISCONNECT (used when a phase is abandoned).</summary>
    public void Abort() => _socket.Dispose();
}
