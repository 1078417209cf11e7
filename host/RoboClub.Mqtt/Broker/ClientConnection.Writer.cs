using System.Net;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Broker;

/// <summary>What goes to a client: replies, queued messages within the in-flight window, batched per flush.</summary>
internal sealed partial class ClientConnection
{
    /// <summary>Queues a reply; the reader loop sends it (see <see cref="FlushFromReaderAsync"/>).</summary>
    void Enqueue(MqttPacket packet)
    {
        lock (_control) _control.Enqueue(packet);
        _controlPending = true;
    }

    bool _controlPending;
    long _lastInlineWrite;
    static readonly long InlineGap = System.Diagnostics.Stopwatch.Frequency / 5000; // 200 µs

    /// <summary>On the reader's own task: write the queued replies (and any deliveries) unless the writer
    /// is busy, in which case it will pick them up.</summary>
    async ValueTask FlushFromReaderAsync(CancellationToken token)
    {
        if (!_writeLock.Wait(0))
        {
            SignalWriter();
            return;
        }
        try
        {
            DrainControl();
            bool more = DrainSession();
            await _channel.FlushAsync(token).ConfigureAwait(false);
            if (more) SignalWriter();
        }
        finally { _writeLock.Release(); }
    }

    /// <summary>
    /// Called on a publisher's thread when this connection is a message's only recipient: if no one
    /// is writing to it, write and flush right here, saving a thread-pool hop (about 0.1 ms per message
    /// at light load). A flush that cannot finish at once completes in the background. Fan-out keeps
    /// using the writer task, so one publisher never writes to a hundred sockets itself.
    /// </summary>
    public void WriteNowOrSignal()
    {
        // Only at light load: when messages come faster than one per InlineGap, the writer task
        // batches them into few system calls, which is worth more than the saved hop.
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        long last = Volatile.Read(ref _lastInlineWrite);
        if (now - last < InlineGap || !IsConnected || !_writeLock.Wait(0))
        {
            SignalWriter();
            return;
        }
        Volatile.Write(ref _lastInlineWrite, now);
        ValueTask flush;
        bool more;
        try
        {
            DrainControl();
            more = DrainSession();
            flush = _channel.FlushAsync(_cts.Token);
        }
        catch (Exception)
        {
            _writeLock.Release();
            Cancel();
            return;
        }
        if (flush.IsCompletedSuccessfully)
        {
            _writeLock.Release();
            if (more) SignalWriter();
        }
        else
        {
            _ = FinishFlushAsync(flush, more);
        }
    }

    async Task FinishFlushAsync(ValueTask flush, bool more)
    {
        try { await flush.ConfigureAwait(false); }
        catch (Exception) { Cancel(); }
        finally { _writeLock.Release(); }
        if (more) SignalWriter();
    }

    // ------------------------------------------------------------------ writer
    async Task RunWriterAsync(CancellationToken token)
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(token).ConfigureAwait(false);
                Volatile.Write(ref _signaled, 0);
                await _writeLock.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    bool more = true;
                    while (more)
                    {
                        DrainControl();
                        more = DrainSession();
                        if (_channel.UnflushedBytes > 64 * 1024 || !more) await _channel.FlushAsync(token).ConfigureAwait(false);
                    }
                }
                finally { _writeLock.Release(); }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
        {
            Cancel(); // the reader notices and cleans up
        }
    }

    void DrainControl()
    {
        _controlPending = false;
        while (true)
        {
            MqttPacket? packet;
            lock (_control) { if (!_control.TryDequeue(out packet)) return; }
            _channel.Write(packet);
            CountSent();
        }
    }

    /// <summary>Sends what the in-flight window allows; true if a full batch went (there may be more).</summary>
    bool DrainSession()
    {
        var session = _session!;
        int n = 0;
        long now = DateTime.UtcNow.Ticks;
        lock (session.Lock)
        {
            while (n < WriteBatch && session.Pending.TryPeek(out var m))
            {
                if (m.Message.IsExpired(now))
                {
                    session.Pending.Dequeue();
                    _broker.OnMessageExpired();
                    continue;
                }
                ushort id = 0;
                if (m.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
                {
                    if (session.InflightMessages.Count >= _sendQuota) break;
                    id = session.NextPacketId();
                    session.AddInflight(id, m);
                }
                session.Pending.Dequeue();
                _batch[n++] = (m, id);
            }
        }
        for (int i = 0; i < n; i++)
        {
            var (m, id) = _batch[i];
            _batch[i] = default;
            if (!WritePublish(m, id, dup: false))
            {
                // Larger than the client accepts: discarded as if sent (MQTT-3.1.2-25), and counted.
                if (id != 0) lock (session.Lock) session.InflightMessages.Remove(id);
                _broker.OnMessageDropped(session, m.Message, "larger than the client's maximum packet size");
                continue;
            }
            CountSent();
            Interlocked.Increment(ref _broker.Statistics._publishSent);
        }
        return n == WriteBatch;
    }

    bool WritePublish(in OutgoingMessage m, ushort packetId, bool dup)
    {
        var msg = m.Message;
        var p = _outgoingPublish;
        p.Topic = msg.Topic;
        p.TopicAlias = 0;
        if (_clientTopicAliasMaximum > 0 && !dup)
        {
            _outgoingAliases ??= new Dictionary<string, ushort>(StringComparer.Ordinal);
            if (_outgoingAliases.TryGetValue(msg.Topic, out ushort alias))
            {
                p.Topic = "";
                p.TopicAlias = alias;
            }
            else if (_outgoingAliases.Count < _clientTopicAliasMaximum)
            {
                p.TopicAlias = (ushort)(_outgoingAliases.Count + 1);
                _outgoingAliases[msg.Topic] = p.TopicAlias;
            }
        }
        p.Payload = msg.Payload;
        p.QualityOfServiceLevel = m.QualityOfServiceLevel;
        p.Retain = m.Retain;
        p.Dup = dup;
        p.PacketId = packetId;
        p.PayloadFormatIndicator = msg.PayloadFormatIndicator;
        p.MessageExpiryInterval = msg.RemainingExpirySeconds(DateTime.UtcNow.Ticks);
        p.ResponseTopic = msg.ResponseTopic;
        p.CorrelationData = msg.CorrelationData;
        p.ContentType = msg.ContentType;
        p.UserProperties = msg.UserProperties;
        p.SubscriptionIdentifiers = m.SubscriptionIdentifiers;
        return _channel.Write(p);
    }

    void CountSent() => Interlocked.Increment(ref _broker.Statistics._messagesSent);

    /// <summary>Bytes moved so far, for $SYS (read when the connection ends).</summary>
    public (long Received, long Sent) Traffic => (_channel.BytesReceived, _channel.BytesSent);
}
