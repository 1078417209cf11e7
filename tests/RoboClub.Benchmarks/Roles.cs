using System.Buffers.Binary;
using System.Diagnostics;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Benchmarks;

/// <summary>
/// A publishing client. The PUBLISH frame is encoded once with <see cref="MqttPacketWriter"/>; each
/// message is a copy of that template with the packet id and the payload header patched in place:
/// payload bytes 0-7 = Stopwatch ticks at send, 8-11 = publisher index, 12-15 = sequence number.
/// </summary>
sealed class Publisher
{
    public const int PayloadHeader = 16;
    const int MaxSendBytes = 64 * 1024;

    readonly PhaseState _state;
    readonly byte[] _template;
    readonly int _pidOffset, _payloadOffset;
    readonly byte[] _buffer;
    readonly int _framesPerSend;
    readonly int _subscribers;
    readonly long _aheadScaled;
    readonly AsyncSignal _signal = new();
    int _window;
    int _waiting;
    long _wakeCredit;
    ushort _nextPid;

    public Publisher(PhaseState state, int index, string topic)
    {
        var spec = state.Spec;
        _state = state;
        Index = index;
        Topic = topic;
        _subscribers = spec.Subscribers;
        _aheadScaled = (long)Math.Max(spec.Ahead, 1) * spec.Subscribers;
        _window = spec.Qos > 0 ? Math.Max(1, spec.Window) : int.MaxValue;
        if (spec.PayloadSize < PayloadHeader) throw new ArgumentException($"payloads must be at least {PayloadHeader} bytes");
        var payload = new byte[spec.PayloadSize];
        payload.AsSpan().Fill((byte)'x');
        var version = spec.V5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311;
        _template = MqttPacketWriter.Encode(new PublishPacket
        {
            Topic = topic,
            Payload = payload,
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)spec.Qos,
            PacketId = (ushort)(spec.Qos > 0 ? 1 : 0),
        }, version);
        _payloadOffset = _template.Length - payload.Length;
        _pidOffset = _payloadOffset - (spec.V5 ? 1 : 0) - 2; // v5: one byte of (empty) property length
        int frames = MaxSendBytes / _template.Length;
        if (spec.Qos > 0) frames = Math.Min(frames, _window);
        if (spec.Rate > 0) frames = 1;
        _framesPerSend = Math.Max(1, Math.Min(frames, spec.MessagesPerPublisher));
        _buffer = new byte[_framesPerSend * _template.Length];
    }

    public int Index { get; }
    public string Topic { get; }
    public BenchConnection? Connection { get; set; }
    public int FrameLength => _template.Length;

    /// <summary>Messages handed to the socket.</summary>
    public long Sent;
    /// <summary>QoS 1/2 publishes not yet acknowledged (PUBACK / PUBCOMP).</summary>
    public int Inflight;
    /// <summary>Deliveries of this publisher's messages, summed over all subscribers.</summary>
    public long DeliveredScaled;
    public long DoneTimestamp;
    public string? Error;

    /// <summary>Caps the window at the broker's MQTT 5 Receive Maximum.</summary>
    public void LimitWindow(int receiveMaximum)
    {
        if (_state.Spec.Qos > 0) _window = Math.Max(1, Math.Min(_window, receiveMaximum));
    }

    long CreditScaled => _aheadScaled - (Volatile.Read(ref Sent) * _subscribers - Volatile.Read(ref DeliveredScaled));

    public void OnAck() => Interlocked.Decrement(ref Inflight);

    /// <summary>Receive loop: after a batch that held acks.</summary>
    public void WakeIfWaiting()
    {
        if (Volatile.Read(ref _waiting) != 0 && Interlocked.Exchange(ref _waiting, 0) != 0) _signal.Set();
    }

    /// <summary>Subscriber: one of our messages was delivered. True when the caller must wake us after its batch.</summary>
    public bool OnDelivered()
    {
        Interlocked.Increment(ref DeliveredScaled);
        return Volatile.Read(ref _waiting) != 0 && CreditScaled >= Volatile.Read(ref _wakeCredit) && Interlocked.Exchange(ref _waiting, 0) != 0;
    }

    public void Wake() => _signal.Set();

    /// <summary>How many messages may go out now.</summary>
    int Allowed(long remaining)
    {
        long n = Math.Min(remaining, _framesPerSend);
        if (_state.Spec.Qos > 0) n = Math.Min(n, _window - Volatile.Read(ref Inflight));
        if (!_state.CreditDisabled) n = Math.Min(n, CreditScaled / _subscribers);
        return (int)Math.Max(n, 0);
    }

    /// <summary>Publishes <see cref="PhaseSpec.MessagesPerPublisher"/> messages, then waits for the last ack.</summary>
    public async Task RunAsync(long startOffsetTicks = 0)
    {
        var spec = _state.Spec;
        var conn = Connection!;
        long count = spec.MessagesPerPublisher;
        bool paced = spec.Rate > 0;
        long interval = paced ? (long)(Stopwatch.Frequency * spec.Publishers / spec.Rate) : 0;
        long next = Stopwatch.GetTimestamp() + startOffsetTicks;
        // Smallest batch worth waking up for: a quarter of the window / of the Ahead allowance.
        long minBatchCap = Math.Max(1, Math.Min(spec.Qos > 0 ? _window / 4 : int.MaxValue, spec.Ahead / 4));
        try
        {
            while (Sent < count && !_state.Stopped)
            {
                long remaining = count - Sent;
                if (paced)
                {
                    long wait = next - Stopwatch.GetTimestamp();
                    if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(PhaseState.TicksToMs(wait))))).ConfigureAwait(false);
                    if (_state.Stopped) break;
                }
                long minBatch = Math.Min(Math.Min(remaining, _framesPerSend), minBatchCap);
                int n = Allowed(remaining);
                if (n < minBatch)
                {
                    Volatile.Write(ref _wakeCredit, minBatch * _subscribers);
                    Interlocked.Exchange(ref _waiting, 1);
                    n = Allowed(remaining); // re-check after announcing that we wait
                    if (n < minBatch)
                    {
                        await _signal.WaitAsync().ConfigureAwait(false);
                        continue;
                    }
                    Volatile.Write(ref _waiting, 0);
                }
                int frameLen = _template.Length;
                long now = Stopwatch.GetTimestamp();
                if (Sent == 0) _state.NotePublishStart(now);
                var buf = _buffer.AsSpan();
                for (int k = 0; k < n; k++)
                {
                    var frame = buf.Slice(k * frameLen, frameLen);
                    _template.CopyTo(frame);
                    if (spec.Qos > 0)
                    {
                        if (++_nextPid == 0) _nextPid = 1;
                        BinaryPrimitives.WriteUInt16BigEndian(frame[_pidOffset..], _nextPid);
                    }
                    var payload = frame[_payloadOffset..];
                    BinaryPrimitives.WriteInt64LittleEndian(payload, now);
                    BinaryPrimitives.WriteInt32LittleEndian(payload[8..], Index);
                    BinaryPrimitives.WriteInt32LittleEndian(payload[12..], (int)(Sent + k));
                }
                if (spec.Qos > 0) Interlocked.Add(ref Inflight, n);
                Volatile.Write(ref Sent, Sent + n);
                await conn.SendLockedAsync(_buffer, n * frameLen).ConfigureAwait(false);
                next += interval;
            }
            // Wait for the last acknowledgements.
            while (spec.Qos > 0 && !_state.Stopped && Volatile.Read(ref Inflight) > 0)
            {
                Volatile.Write(ref _wakeCredit, long.MaxValue); // only acks wake us now
                Interlocked.Exchange(ref _waiting, 1);
                if (Volatile.Read(ref Inflight) <= 0) { Volatile.Write(ref _waiting, 0); break; }
                await _signal.WaitAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            Error ??= e.Message;
        }
        Volatile.Write(ref DoneTimestamp, Stopwatch.GetTimestamp());
    }
}

/// <summary>
/// A subscribing client: counts deliveries, checks for loss and duplicates with a bitmap over
/// (publisher, sequence), and records publish→delivery latency into a preallocated array.
/// </summary>
sealed class Subscriber
{
    readonly PhaseState _state;
    readonly Publisher[] _publishers;
    readonly int _perPublisher;
    readonly ulong[] _seen;
    readonly long[] _latencies;
    readonly List<Publisher> _toWake = new();
    readonly bool _v5;
    int _latencyCount;
    bool _verified;

    public Subscriber(PhaseState state, Publisher[] publishers)
    {
        _state = state;
        _publishers = publishers;
        _perPublisher = state.Spec.MessagesPerPublisher;
        _seen = new ulong[(state.PerSubscriber + 63) / 64];
        _latencies = new long[state.PerSubscriber];
        _v5 = state.Spec.V5;
    }

    public long Delivered;
    public long Duplicates;
    public long Foreign;
    public long FirstDelivery;
    public long LastDelivery;

    public ReadOnlySpan<long> Latencies => _latencies.AsSpan(0, _latencyCount);
    public long Unique => Delivered - Duplicates - Foreign;

    public void OnPublish(byte header, ReadOnlySpan<byte> body, long now, BenchConnection connection)
    {
        if (!_verified) Verify(header, body);
        int qos = (header >> 1) & 3;
        int pos = 2 + BinaryPrimitives.ReadUInt16BigEndian(body);
        if (qos > 0)
        {
            connection.AppendAck(qos == 1 ? (byte)0x40 : (byte)0x50, body.Slice(pos, 2));
            pos += 2;
        }
        if (_v5)
        {
            int propLen = 0, shift = 0;
            byte b;
            do
            {
                b = body[pos++];
                propLen |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            pos += propLen;
        }
        var payload = body[pos..];
        Volatile.Write(ref Delivered, Delivered + 1);
        if (FirstDelivery == 0) FirstDelivery = now;
        Volatile.Write(ref LastDelivery, now);
        if (payload.Length < Publisher.PayloadHeader) { Foreign++; return; }
        long sent = BinaryPrimitives.ReadInt64LittleEndian(payload);
        int pub = BinaryPrimitives.ReadInt32LittleEndian(payload[8..]);
        int seq = BinaryPrimitives.ReadInt32LittleEndian(payload[12..]);
        if ((uint)pub >= (uint)_publishers.Length || (uint)seq >= (uint)_perPublisher) { Foreign++; return; }
        long id = (long)pub * _perPublisher + seq;
        ref ulong word = ref _seen[id >> 6];
        ulong bit = 1UL << (int)(id & 63);
        if ((word & bit) != 0) { Duplicates++; return; }
        word |= bit;
        if (_latencyCount < _latencies.Length) _latencies[_latencyCount++] = now - sent;
        var p = _publishers[pub];
        if (p.OnDelivered()) _toWake.Add(p);
    }

    public void AfterBatch()
    {
        if (_toWake.Count == 0) return;
        foreach (var p in _toWake) p.Wake();
        _toWake.Clear();
    }

    /// <summary>The first delivery is also decoded by the codec's <see cref="MqttPacketReader"/>
    /// and compared with the lean parser's view, so the two cannot silently disagree.</summary>
    void Verify(byte header, ReadOnlySpan<byte> body)
    {
        _verified = true;
        var packet = (PublishPacket)MqttPacketReader.Read(header, body, _v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311);
        int topicLen = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (packet.Topic.Length != topicLen || packet.Payload.Length != _state.Spec.PayloadSize || (int)packet.QualityOfServiceLevel != ((header >> 1) & 3))
            throw new IOException($"codec and lean parser disagree on the first PUBLISH (topic {packet.Topic}, {packet.Payload.Length} bytes)");
    }
}
