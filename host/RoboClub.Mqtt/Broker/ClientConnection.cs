using System.Net;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Broker;

/// <summary>
/// One network connection to the broker. A reader task decodes and handles packets; a writer task
/// drains control packets and the session's queue, encoding many packets per flush. The broker's
/// housekeeping timer enforces the connect timeout and keep-alive by calling <see cref="Abort"/>.
/// </summary>
internal sealed partial class ClientConnection
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
}
