using System.Net;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Broker;

/// <summary>
/// One network connection to the broker. A reader task decodes and handles packets; a writer task
/// drains control packets and the session's queue, encoding many packets per flush. The broker's
/// housekeeping timer enforces the connect timeout and keep-alive by calling <see cref="Abort"/>.
/// </summary>
internal sealed class ClientConnection
{
    const int WriteBatch = 256;

    readonly MqttBroker _broker;
    readonly MqttPacketChannel _channel;
    readonly CancellationTokenSource _cts;
    readonly SemaphoreSlim _signal = new(0);
    readonly SemaphoreSlim _writeLock = new(1, 1);
    readonly Queue<MqttPacket> _control = new();
    readonly PublishPacket _outgoingPublish = new();
    // Allocated when the client has connected: an idle socket that never sends CONNECT costs little.
    (OutgoingMessage Message, ushort PacketId)[] _batch = [];
    readonly List<Subscription> _matchScratch = new();
    int _signaled;

    Session? _session;
    MqttApplicationMessage? _will;
    uint _willDelay;
    bool _sendWill = true;
    int _sendQuota;
    ushort _clientTopicAliasMaximum;
    Dictionary<string, ushort>? _outgoingAliases;
    Dictionary<ushort, string>? _incomingAliases;

    public ClientConnection(MqttBroker broker, Stream stream, EndPoint? remoteEndPoint, CancellationToken brokerToken)
    {
        _broker = broker;
        _channel = new MqttPacketChannel(stream) { MaximumIncomingPacketSize = broker.Options.MaximumPacketSize };
        _cts = CancellationTokenSource.CreateLinkedTokenSource(brokerToken);
        RemoteEndPoint = remoteEndPoint;
        CreatedTicks = LastActivityTicks = Environment.TickCount64;
    }

    public EndPoint? RemoteEndPoint { get; }
    public MqttClientIdentity? Identity { get; private set; }
    public long CreatedTicks { get; }
    public long LastActivityTicks;
    public ushort KeepAliveSeconds { get; private set; }
    public bool IsConnected => Identity is not null;
    bool V5 => _channel.ProtocolVersion == MqttProtocolVersion.V500;
    string Name => Identity is { } id ? $"client '{id.ClientId}' ({RemoteEndPoint})" : $"connection {RemoteEndPoint}";

    /// <summary>Wakes the writer (coalesced: many signals before it runs wake it once).</summary>
    public void SignalWriter()
    {
        if (Interlocked.Exchange(ref _signaled, 1) == 0) _signal.Release();
    }

    public void Abort() => Cancel();

    /// <summary>Cancel, tolerating a connection that already finished (its token source is disposed
    /// then, to release its registration on the broker's token).</summary>
    void Cancel()
    {
        try { _cts.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Another connection took this client id over: tell the client (MQTT 5) and close.</summary>
    public void TakeOver()
    {
        _ = CloseWithAsync(MqttReasonCode.SessionTakenOver, "another connection with the same client id");
    }

    // ------------------------------------------------------------------ lifecycle
    public async Task RunAsync()
    {
        var token = _cts.Token;
        Task? writer = null;
        MqttReasonCode closeReason = MqttReasonCode.NormalDisconnection;
        try
        {
            var first = await _channel.ReadPacketAsync(token).ConfigureAwait(false);
            if (first is null) return;
            CountReceived();
            if (first is not ConnectPacket connect)
            {
                throw MqttProtocolException.Protocol($"first packet must be CONNECT, got {first.Type}");
            }
            if (!await HandleConnectAsync(connect, token).ConfigureAwait(false)) return;
            writer = RunWriterAsync(token);
            while (true)
            {
                var packet = await _channel.ReadPacketAsync(token).ConfigureAwait(false);
                if (packet is null)
                {
                    closeReason = MqttReasonCode.UnspecifiedError; // closed without DISCONNECT
                    break;
                }
                LastActivityTicks = Environment.TickCount64;
                CountReceived();
                if (!HandlePacket(packet)) break;
                // Replies (acks, SUBACK, PINGRESP) leave once no further whole packet is waiting:
                // a burst gets one flush, a lone packet gets its reply without a thread hop.
                if (_controlPending && !_channel.HasBufferedPacket) await FlushFromReaderAsync(token).ConfigureAwait(false);
            }
        }
        catch (MqttProtocolException ex)
        {
            closeReason = ex.ReasonCode;
            Interlocked.Increment(ref _broker.Statistics._malformedPackets);
            _broker.Log(MqttLogLevel.Warning, $"{Name} broke the protocol: {ex.Message}; disconnecting with 0x{(byte)ex.ReasonCode:X2}");
            if (!IsConnected && ex.ReasonCode == MqttReasonCode.UnsupportedProtocolVersion)
            {
                await SendFinalAsync(new ConnAckPacket { ReasonCode = MqttReasonCode.UnsupportedProtocolVersion }).ConfigureAwait(false);
            }
            else if (IsConnected && V5)
            {
                await SendFinalAsync(new DisconnectPacket { ReasonCode = ex.ReasonCode, ReasonString = ex.Message }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            closeReason = _closeReason;
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or System.Net.WebSockets.WebSocketException)
        {
            closeReason = MqttReasonCode.UnspecifiedError;
        }
        catch (Exception ex)
        {
            closeReason = MqttReasonCode.ImplementationSpecificError;
            _broker.Log(MqttLogLevel.Error, $"{Name}: unexpected error: {ex}");
        }
        finally
        {
            Cancel();
            if (writer is not null) { try { await writer.ConfigureAwait(false); } catch { /* closing anyway */ } }
            await _channel.DisposeAsync().ConfigureAwait(false);
            if (_session is not null)
            {
                _broker.Detach(this, _session, _sendWill ? _will : null, _willDelay);
                _broker.OnClientDisconnected(Identity!, closeReason);
            }
            _cts.Dispose();
        }
    }

    MqttReasonCode _closeReason = MqttReasonCode.UnspecifiedError;

    /// <summary>Sends a DISCONNECT (MQTT 5 only) and closes; used for keep-alive, takeover, shutdown.</summary>
    public async Task CloseWithAsync(MqttReasonCode reason, string why)
    {
        _closeReason = reason;
        if (reason != MqttReasonCode.ServerShuttingDown) _broker.Log(MqttLogLevel.Information, $"{Name}: closing ({why})");
        if (IsConnected && V5) await SendFinalAsync(new DisconnectPacket { ReasonCode = reason }).ConfigureAwait(false);
        Cancel();
    }

    /// <summary>Writes one last packet, waiting at most a second for the writer to let go.</summary>
    async Task SendFinalAsync(MqttPacket packet)
    {
        if (!await _writeLock.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false)) return;
        try
        {
            DrainControl(); // acks for packets already handled go first
            _channel.Write(packet);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _channel.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch { /* the peer is gone; nothing more to tell it */ }
        finally { _writeLock.Release(); }
    }

    void CountReceived() => Interlocked.Increment(ref _broker.Statistics._messagesReceived);

    // ------------------------------------------------------------------ CONNECT
    async Task<bool> HandleConnectAsync(ConnectPacket c, CancellationToken token)
    {
        var options = _broker.Options;
        _channel.ProtocolVersion = c.ProtocolVersion == MqttProtocolVersion.V500 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311;
        string clientId = c.ClientId;
        bool assigned = false;
        if (clientId.Length == 0)
        {
            if (!V5 && !c.CleanStart) return await RefuseAsync(MqttReasonCode.ClientIdentifierNotValid, "empty client id with clean session 0").ConfigureAwait(false);
            clientId = "auto-" + Guid.NewGuid().ToString("N");
            assigned = true;
        }
        if (c.AuthenticationMethod is not null)
            return await RefuseAsync(MqttReasonCode.BadAuthenticationMethod, $"authentication method '{c.AuthenticationMethod}' is not supported").ConfigureAwait(false);

        var identity = new MqttClientIdentity(clientId, c.UserName, RemoteEndPoint, c.ProtocolVersion);
        var rc = MqttReasonCode.Success;
        if (options.Security is { } security)
        {
            rc = await security.AuthenticateAsync(identity, c.Password, token).ConfigureAwait(false);
            if (rc == MqttReasonCode.Success && c.Will is { } w && !security.CanPublish(identity, w.Topic)) rc = MqttReasonCode.NotAuthorized;
        }
        else if (!options.AllowAnonymous && c.UserName is null)
        {
            rc = MqttReasonCode.NotAuthorized;
        }
        if (rc != MqttReasonCode.Success)
        {
            Interlocked.Increment(ref _broker.Statistics._authFailures);
            return await RefuseAsync(rc, $"refused '{clientId}' (user '{c.UserName}'): {rc}").ConfigureAwait(false);
        }

        uint expiry = V5 ? Math.Min(c.SessionExpiryInterval, options.MaximumSessionExpiryInterval) : (c.CleanStart ? 0 : uint.MaxValue);
        KeepAliveSeconds = c.KeepAliveSeconds;
        _sendQuota = Math.Max(1, Math.Min(c.ReceiveMaximum, options.MaximumInflightMessages));
        if (c.MaximumPacketSize != 0) _channel.MaximumOutgoingPacketSize = c.MaximumPacketSize;
        _clientTopicAliasMaximum = V5 ? c.TopicAliasMaximum : (ushort)0;
        _will = c.Will;
        _willDelay = c.WillDelayInterval;
        Identity = identity;

        var ack = new ConnAckPacket { ReasonCode = MqttReasonCode.Success };
        if (V5)
        {
            ack.AssignedClientIdentifier = assigned ? clientId : null;
            ack.ReceiveMaximum = options.ReceiveMaximum;
            ack.MaximumPacketSize = options.MaximumPacketSize;
            ack.TopicAliasMaximum = options.TopicAliasMaximum;
            if (expiry != c.SessionExpiryInterval) ack.SessionExpiryInterval = expiry;
        }
        _batch = new (OutgoingMessage, ushort)[WriteBatch];
        await _writeLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            var session = _broker.Attach(this, clientId, c.CleanStart, expiry, out bool present);
            _session = session;
            ack.SessionPresent = present;
            _channel.Write(ack);
            CountSent();
            ResendInflight(session);
            await _channel.FlushAsync(token).ConfigureAwait(false);
        }
        finally { _writeLock.Release(); }
        _broker.OnClientConnected(identity);
        SignalWriter(); // queued messages of a resumed session
        return true;
    }

    async Task<bool> RefuseAsync(MqttReasonCode code, string why)
    {
        _broker.Log(MqttLogLevel.Information, $"{RemoteEndPoint}: connection refused: {why}");
        await SendFinalAsync(new ConnAckPacket { ReasonCode = code }).ConfigureAwait(false);
        return false;
    }

    /// <summary>MQTT 4.4: on a resumed session, unacknowledged PUBLISH go again with DUP, and PUBREL for
    /// QoS 2 messages already received by the client.</summary>
    void ResendInflight(Session session)
    {
        lock (session.Lock)
        {
            foreach (var (id, entry) in session.InflightInOrder())
            {
                if (entry.State == Session.InflightState.AwaitingPubComp) _channel.Write(new PubRelPacket { PacketId = id });
                else WritePublish(entry.Message, id, dup: true);
                CountSent();
            }
        }
    }

    // ------------------------------------------------------------------ incoming packets
    /// <summary>Handles one packet; false ends the connection (DISCONNECT).</summary>
    bool HandlePacket(MqttPacket packet)
    {
        switch (packet)
        {
            case PublishPacket p: HandlePublish(p); return true;
            case PubAckPacket p: Acknowledge(p.PacketId, Session.InflightState.AwaitingPubAck); return true;
            case PubRecPacket p: HandlePubRec(p); return true;
            case PubRelPacket p: HandlePubRel(p); return true;
            case PubCompPacket p: Acknowledge(p.PacketId, Session.InflightState.AwaitingPubComp); return true;
            case SubscribePacket p: HandleSubscribe(p); return true;
            case UnsubscribePacket p: HandleUnsubscribe(p); return true;
            case PingReqPacket: Enqueue(PingRespPacket.Instance); return true;
            case DisconnectPacket p: HandleDisconnect(p); return false;
            case ConnectPacket: throw MqttProtocolException.Protocol("second CONNECT on one connection");
            case AuthPacket: throw MqttProtocolException.Protocol("AUTH without an authentication method");
            default: throw MqttProtocolException.Protocol($"a client must not send {packet.Type}");
        }
    }

    void HandlePublish(PublishPacket p)
    {
        var session = _session!;
        if (p.SubscriptionIdentifiers is not null) throw MqttProtocolException.Protocol("a client must not send subscription identifiers");
        if (p.TopicAlias != 0)
        {
            if (p.TopicAlias > _broker.Options.TopicAliasMaximum)
                throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, $"topic alias {p.TopicAlias} is above the maximum {_broker.Options.TopicAliasMaximum}");
            _incomingAliases ??= new Dictionary<ushort, string>();
            if (p.Topic.Length == 0)
            {
                if (!_incomingAliases.TryGetValue(p.TopicAlias, out var t)) throw MqttProtocolException.Protocol($"topic alias {p.TopicAlias} was never set");
                p.Topic = t;
            }
            else _incomingAliases[p.TopicAlias] = p.Topic;
        }
        Interlocked.Increment(ref _broker.Statistics._publishReceived);
        bool allowed = _broker.Options.Security?.CanPublish(Identity!, p.Topic) ?? true;
        if (!allowed) _broker.Log(MqttLogLevel.Information, $"{Name} may not publish to '{p.Topic}'");
        var denied = V5 ? MqttReasonCode.NotAuthorized : MqttReasonCode.Success; // 3.1.1 cannot say no
        switch (p.QualityOfServiceLevel)
        {
            case MqttQualityOfServiceLevel.AtMostOnce:
                if (allowed) Route(p);
                break;
            case MqttQualityOfServiceLevel.AtLeastOnce:
                {
                    var rc = allowed ? RouteReason(Route(p)) : denied;
                    Enqueue(new PubAckPacket { PacketId = p.PacketId, ReasonCode = rc });
                    break;
                }
            default:
                {
                    bool duplicate;
                    lock (session.Lock)
                    {
                        // A resend of an id still awaiting PUBREL was routed already: only ack it again.
                        duplicate = session.IncomingQos2.Contains(p.PacketId);
                        if (!duplicate)
                        {
                            if (session.IncomingQos2.Count >= _broker.Options.ReceiveMaximum)
                                throw new MqttProtocolException(MqttReasonCode.ReceiveMaximumExceeded, $"more than {_broker.Options.ReceiveMaximum} QoS 2 messages unreleased");
                            // MQTT 5 ends a refused flow at PUBREC; 3.1.1 must still complete it.
                            if (allowed || !V5) session.IncomingQos2.Add(p.PacketId);
                        }
                    }
                    var rc = !allowed ? denied : duplicate ? MqttReasonCode.Success : RouteReason(Route(p));
                    Enqueue(new PubRecPacket { PacketId = p.PacketId, ReasonCode = rc });
                    break;
                }
        }
    }

    MqttReasonCode RouteReason(int matched) => matched == 0 && V5 ? MqttReasonCode.NoMatchingSubscribers : MqttReasonCode.Success;

    int Route(PublishPacket p)
    {
        var message = BrokerMessage.FromPublish(p, Identity!.ClientId, DateTime.UtcNow.Ticks);
        return _broker.Route(message, _matchScratch);
    }

    void HandlePubRec(PubRecPacket p)
    {
        var session = _session!;
        bool known;
        lock (session.Lock)
        {
            known = session.InflightMessages.TryGetValue(p.PacketId, out var entry) && entry.State == Session.InflightState.AwaitingPubRec;
            if (known)
            {
                if ((byte)p.ReasonCode >= 0x80) session.InflightMessages.Remove(p.PacketId); // refused: the flow ends here
                else
                {
                    entry.State = Session.InflightState.AwaitingPubComp;
                    session.InflightMessages[p.PacketId] = entry;
                }
            }
        }
        if (known && (byte)p.ReasonCode >= 0x80) { SignalWriter(); return; }
        Enqueue(new PubRelPacket { PacketId = p.PacketId, ReasonCode = known || !V5 ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound });
    }

    void HandlePubRel(PubRelPacket p)
    {
        var session = _session!;
        bool known;
        lock (session.Lock) known = session.IncomingQos2.Remove(p.PacketId);
        Enqueue(new PubCompPacket { PacketId = p.PacketId, ReasonCode = known || !V5 ? MqttReasonCode.Success : MqttReasonCode.PacketIdentifierNotFound });
    }

    void Acknowledge(ushort packetId, Session.InflightState expected)
    {
        var session = _session!;
        bool freed;
        lock (session.Lock)
        {
            freed = session.InflightMessages.TryGetValue(packetId, out var entry) && entry.State == expected && session.InflightMessages.Remove(packetId);
        }
        if (freed) SignalWriter(); // a send slot opened
    }

    void HandleSubscribe(SubscribePacket p)
    {
        var session = _session!;
        var ack = new SubAckPacket { PacketId = p.PacketId };
        var retained = new List<OutgoingMessage>();
        foreach (var f in p.TopicFilters)
        {
            ack.ReasonCodes.Add(_broker.Subscribe(session, Identity!, f, p.SubscriptionIdentifier, V5, retained));
        }
        Enqueue(ack); // SUBACK goes before the retained messages it triggered
        foreach (var m in retained) session.Deliver(m);
    }

    void HandleUnsubscribe(UnsubscribePacket p)
    {
        var ack = new UnsubAckPacket { PacketId = p.PacketId };
        foreach (var f in p.TopicFilters)
        {
            ack.ReasonCodes.Add(_broker.Unsubscribe(_session!, f) ? MqttReasonCode.Success : MqttReasonCode.NoSubscriptionExisted);
        }
        Enqueue(ack);
    }

    void HandleDisconnect(DisconnectPacket p)
    {
        var session = _session!;
        if (p.SessionExpiryInterval is { } se)
        {
            lock (session.Lock)
            {
                if (session.SessionExpiryInterval == 0 && se != 0)
                    throw MqttProtocolException.Protocol("session expiry set on DISCONNECT after CONNECT set 0");
                session.SessionExpiryInterval = Math.Min(se, _broker.Options.MaximumSessionExpiryInterval);
            }
        }
        // A normal DISCONNECT discards the will; 0x04 asks for it to be sent.
        _sendWill = p.ReasonCode == MqttReasonCode.DisconnectWithWillMessage;
        _closeReason = p.ReasonCode;
    }

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
