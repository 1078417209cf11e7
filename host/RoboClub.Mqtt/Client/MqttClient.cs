using System.Threading.Channels;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Client;

/// <summary>
/// An MQTT 3.1.1 / 5.0 client with MQTTnet's API shape: QoS 0/1/2 both ways, persistent sessions
/// (in-flight messages are resent on reconnect), Receive Maximum flow control, keep-alive, incoming
/// topic aliases and optional automatic reconnect with resubscription. Thread-safe.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    enum State { Disconnected, Connecting, Connected, Reconnecting, Disconnecting, Disposed }

    readonly MqttClientOptions _options;
    readonly object _gate = new(); // guards the fields below up to _subscriptions
    State _state;
    MqttClientConnection? _connection; // the connection new packets go to; null while there is none
    MqttClientConnectResult? _connectResult;
    string _clientId = "";
    readonly InflightTracker _inflight = new();
    readonly Dictionary<string, SubscriptionRecord> _subscriptions = new(StringComparer.Ordinal);
    CancellationTokenSource _lifetime = new(); // cancelled by DisconnectAsync: stops reconnecting
    Task _supervisor = Task.CompletedTask;
    long _publishSequence;
    readonly SendQuota _quota = new(ushort.MaxValue);

    /// <summary>What was subscribed, to subscribe again when a reconnect finds no session.</summary>
    readonly record struct SubscriptionRecord(MqttTopicFilter Filter, uint SubscriptionIdentifier);

    public MqttClient(MqttClientOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _dispatchTask = Task.Run(DispatchLoopAsync);
    }

    public MqttClientOptions Options => _options;

    public bool IsConnected { get { lock (_gate) return _state == State.Connected; } }

    /// <summary>The CONNACK of the current (or last) connection.</summary>
    public MqttClientConnectResult? ConnectResult { get { lock (_gate) return _connectResult; } }

    /// <summary>A message arrived. Handlers run one message at a time, in arrival order, off the
    /// network reader; QoS 1/2 are acknowledged after all handlers return. Exceptions are swallowed.</summary>
    public event Func<MqttApplicationMessageReceivedEventArgs, Task>? ApplicationMessageReceivedAsync;

    /// <summary>Raised after each successful connect and reconnect.</summary>
    public event Func<MqttClientConnectedEventArgs, Task>? ConnectedAsync;

    /// <summary>Raised when a connection ends and after each failed reconnect attempt.</summary>
    public event Func<MqttClientDisconnectedEventArgs, Task>? DisconnectedAsync;

    /// <summary>Connects and returns the server's CONNACK.</summary>
    /// <exception cref="MqttConnectException">The server refused (bad credentials, not authorized, ...).</exception>
    /// <exception cref="MqttTimeoutException">No CONNACK within ConnectTimeout.</exception>
    /// <exception cref="MqttCommunicationException">Server unreachable (inner SocketException) or broke the protocol.</exception>
    public async Task<MqttClientConnectResult> ConnectAsync(CancellationToken cancellationToken = default)
    {
        _options.Validate();
        CancellationToken lifetime;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
            if (_state != State.Disconnected) throw new InvalidOperationException($"the client is {_state.ToString().ToLowerInvariant()}; disconnect first");
            _state = State.Connecting;
            _clientId = _options.ClientId;
            _lifetime.Dispose();
            _lifetime = new CancellationTokenSource();
            lifetime = _lifetime.Token;
        }
        MqttClientConnection connection;
        MqttClientConnectResult result;
        try
        {
            (connection, result) = await EstablishAsync(lifetime, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            lock (_gate) if (_state == State.Connecting) _state = State.Disconnected;
            throw;
        }
        lock (_gate) _supervisor = SuperviseAsync(connection, lifetime); // runs to its first await without the lock
        await InvokeHandlersAsync(ConnectedAsync, new MqttClientConnectedEventArgs(result)).ConfigureAwait(false);
        return result;
    }

    /// <summary>Sends DISCONNECT (MQTT 5: with <paramref name="reason"/>; DisconnectWithWillMessage
    /// asks the server to publish the will) and closes. Stops automatic reconnecting. QoS 1/2
    /// publishes still awaiting their ack fail with <see cref="MqttClientNotConnectedException"/>.</summary>
    public async Task DisconnectAsync(MqttReasonCode reason = MqttReasonCode.NormalDisconnection, string? reasonString = null,
        uint? sessionExpiryInterval = null, CancellationToken cancellationToken = default)
    {
        MqttClientConnection? connection;
        Task supervisor;
        lock (_gate)
        {
            if (_state is State.Disconnected or State.Disposed) return;
            _lifetime.Cancel();
            connection = _connection;
            _connection = null;
            _state = State.Disconnecting;
            supervisor = _supervisor;
        }
        bool v5 = _options.ProtocolVersion == MqttProtocolVersion.V500;
        connection?.Close(ConnectionLoss.FromClient(reason), new DisconnectPacket
        {
            ReasonCode = v5 ? reason : MqttReasonCode.NormalDisconnection,
            ReasonString = v5 ? reasonString : null,
            SessionExpiryInterval = v5 ? sessionExpiryInterval : null,
        });
        try
        {
            // From inside a Connected/Disconnected handler the supervisor is waiting for us: do not wait for it.
            if (!s_inConnectionEvent.Value) await supervisor.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally { lock (_gate) if (_state == State.Disconnecting) _state = State.Disconnected; }
    }

    /// <summary>
    /// Publishes. QoS 0 completes when flushed to the transport, QoS 1 on PUBACK, QoS 2 on PUBCOMP.
    /// A refusal by the server is a result (ReasonCode 0x80+), not an exception. QoS 1/2 wait for a
    /// free slot under the server's Receive Maximum, and while reconnecting they wait for the new
    /// connection (all within <see cref="MqttClientOptions.Timeout"/>).
    /// </summary>
    /// <exception cref="MqttClientNotConnectedException">No connection (and none coming), or it was lost for good.</exception>
    /// <exception cref="MqttTimeoutException">No ack within Timeout.</exception>
    public async Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage applicationMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(applicationMessage);
        if (!MqttTopic.IsValidTopicName(applicationMessage.Topic))
            throw new ArgumentException($"'{applicationMessage.Topic}' is not a valid topic name (empty, or has + or #)", nameof(applicationMessage));
        var qos = applicationMessage.QualityOfServiceLevel;
        if (qos > MqttQualityOfServiceLevel.ExactlyOnce) throw new ArgumentException("QoS must be 0, 1 or 2", nameof(applicationMessage));
        var packet = PublishPacket.FromApplicationMessage(applicationMessage);

        MqttClientConnection? connection;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
            if (_state is not (State.Connected or State.Reconnecting)) throw new MqttClientNotConnectedException();
            if (_connectResult is { } cr && RefusedByServerLimits(cr, packet) is { } refused) return refused;
            connection = _connection;
        }

        if (qos == MqttQualityOfServiceLevel.AtMostOnce)
        {
            if (connection is null) throw new MqttClientNotConnectedException("the MQTT client is reconnecting; QoS 0 messages are not queued");
            // No timer per message: if the transport stops taking bytes, keep-alive closes the
            // connection and that fails this wait.
            var write = connection.SendAndFlushAsync(packet);
            bool written = await (cancellationToken.CanBeCanceled ? write.WaitAsync(cancellationToken) : write).ConfigureAwait(false);
            return written ? MqttClientPublishResult.QoS0Success : TooLarge(0);
        }

        long started = Environment.TickCount64;
        if (!await _quota.AcquireAsync(_options.Timeout, cancellationToken).ConfigureAwait(false))
            throw new MqttTimeoutException($"{_quota.Limit} messages (the in-flight limit) stayed unacknowledged for {_options.Timeout.TotalSeconds:0.###} s");
        var pending = new PendingPublish(packet, Interlocked.Increment(ref _publishSequence));
        lock (_gate)
        {
            if (_state is not (State.Connected or State.Reconnecting))
            {
                _quota.Release();
                throw new MqttClientNotConnectedException();
            }
            packet.PacketId = _inflight.Add(pending);
            // Sent now if connected; otherwise the next connection sends it (ResumeSession).
            if (_connection is { } c)
            {
                pending.WasSent = true;
                c.Send(packet);
            }
        }

        var remaining = _options.Timeout - TimeSpan.FromMilliseconds(Environment.TickCount64 - started);
        MqttPacket answer;
        try
        {
            answer = await pending.Completion.Task.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Abandon(pending);
            throw new MqttTimeoutException($"no {(qos == MqttQualityOfServiceLevel.AtLeastOnce ? "PUBACK" : "PUBCOMP")} for packet {packet.PacketId} within {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException)
        {
            Abandon(pending);
            throw;
        }
        var ack = (PublishResponsePacket)answer;
        return new MqttClientPublishResult { PacketIdentifier = packet.PacketId, ReasonCode = ack.ReasonCode, ReasonString = ack.ReasonString, UserProperties = ack.UserProperties };
    }

    /// <summary>MQTT 5: the CONNACK may forbid QoS above a maximum or retained messages (MQTT-3.2.2-11/14).</summary>
    static MqttClientPublishResult? RefusedByServerLimits(MqttClientConnectResult limits, PublishPacket packet)
    {
        if (packet.QualityOfServiceLevel > limits.MaximumQoS)
            return new MqttClientPublishResult { ReasonCode = MqttReasonCode.QoSNotSupported, ReasonString = $"the server accepts at most QoS {(int)limits.MaximumQoS}" };
        if (packet.Retain && !limits.RetainAvailable)
            return new MqttClientPublishResult { ReasonCode = MqttReasonCode.RetainNotSupported, ReasonString = "the server does not support retained messages" };
        return null;
    }

    static MqttClientPublishResult TooLarge(ushort packetId) => new()
    {
        PacketIdentifier = packetId,
        ReasonCode = MqttReasonCode.PacketTooLarge,
        ReasonString = "the message is larger than the server's Maximum Packet Size",
    };

    /// <summary>Gives up on a request (timeout, cancellation): its identifier and slot are free again.
    /// A late ack for it is ignored.</summary>
    void Abandon(PendingRequest pending)
    {
        bool removed;
        lock (_gate) removed = _inflight.Remove(pending);
        if (removed && pending is PendingPublish) _quota.Release();
    }

    public Task<MqttClientSubscribeResult> SubscribeAsync(string topic, MqttQualityOfServiceLevel qualityOfServiceLevel = MqttQualityOfServiceLevel.AtMostOnce, CancellationToken cancellationToken = default)
        => SubscribeAsync(new MqttClientSubscribeOptions { TopicFilters = { new MqttTopicFilter(topic, qualityOfServiceLevel) } }, cancellationToken);

    public Task<MqttClientSubscribeResult> SubscribeAsync(params MqttTopicFilter[] topicFilters)
        => SubscribeAsync(new MqttClientSubscribeOptions { TopicFilters = [.. topicFilters] });

    /// <summary>Subscribes; the result has one reason code per filter (granted QoS, or 0x80+ refused).
    /// Granted filters are remembered and subscribed again after a reconnect that found no session.</summary>
    public async Task<MqttClientSubscribeResult> SubscribeAsync(MqttClientSubscribeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TopicFilters.Count == 0) throw new ArgumentException("at least one topic filter is required", nameof(options));
        foreach (var f in options.TopicFilters)
        {
            if (!MqttTopic.IsValidTopicFilter(f.Topic)) throw new ArgumentException($"'{f.Topic}' is not a valid topic filter", nameof(options));
        }
        if (options.SubscriptionIdentifier > VariableInt.Max) throw new ArgumentOutOfRangeException(nameof(options), "subscription identifier is above 268,435,455");
        var filters = options.TopicFilters.ConvertAll(Copy);
        var packet = new SubscribePacket { TopicFilters = filters, SubscriptionIdentifier = options.SubscriptionIdentifier, UserProperties = options.UserProperties };
        var ack = (SubAckPacket)await RequestAsync(RequireConnection(), packet, cancellationToken).ConfigureAwait(false);
        if (ack.ReasonCodes.Count != filters.Count)
            throw new MqttCommunicationException($"SUBACK has {ack.ReasonCodes.Count} reason codes for {filters.Count} topic filters");
        var items = new MqttClientSubscribeResultItem[filters.Count];
        lock (_gate)
        {
            for (int i = 0; i < filters.Count; i++)
            {
                items[i] = new MqttClientSubscribeResultItem(filters[i], ack.ReasonCodes[i]);
                if (items[i].IsSuccess) _subscriptions[filters[i].Topic] = new SubscriptionRecord(filters[i], options.SubscriptionIdentifier);
            }
        }
        return new MqttClientSubscribeResult { PacketIdentifier = ack.PacketId, Items = items, ReasonString = ack.ReasonString, UserProperties = ack.UserProperties };
    }

    static MqttTopicFilter Copy(MqttTopicFilter f) => new()
    {
        Topic = f.Topic,
        QualityOfServiceLevel = f.QualityOfServiceLevel,
        NoLocal = f.NoLocal,
        RetainAsPublished = f.RetainAsPublished,
        RetainHandling = f.RetainHandling,
    };

    public Task<MqttClientUnsubscribeResult> UnsubscribeAsync(params string[] topicFilters)
        => UnsubscribeAsync(new MqttClientUnsubscribeOptions { TopicFilters = [.. topicFilters] });

    /// <summary>Unsubscribes; MQTT 5 reports one reason code per filter (3.1.1: all Success).</summary>
    public async Task<MqttClientUnsubscribeResult> UnsubscribeAsync(MqttClientUnsubscribeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TopicFilters.Count == 0) throw new ArgumentException("at least one topic filter is required", nameof(options));
        foreach (var f in options.TopicFilters)
        {
            if (!MqttTopic.IsValidTopicFilter(f)) throw new ArgumentException($"'{f}' is not a valid topic filter", nameof(options));
        }
        var filters = new List<string>(options.TopicFilters);
        var connection = RequireConnection();
        var packet = new UnsubscribePacket { TopicFilters = filters, UserProperties = options.UserProperties };
        var ack = (UnsubAckPacket)await RequestAsync(connection, packet, cancellationToken).ConfigureAwait(false);
        var items = new MqttClientUnsubscribeResultItem[filters.Count];
        lock (_gate)
        {
            for (int i = 0; i < filters.Count; i++)
            {
                var code = connection.IsV5 ? (i < ack.ReasonCodes.Count ? ack.ReasonCodes[i] : MqttReasonCode.UnspecifiedError) : MqttReasonCode.Success;
                items[i] = new MqttClientUnsubscribeResultItem(filters[i], code);
                _subscriptions.Remove(filters[i]);
            }
        }
        return new MqttClientUnsubscribeResult { PacketIdentifier = ack.PacketId, Items = items, ReasonString = ack.ReasonString, UserProperties = ack.UserProperties };
    }

    MqttClientConnection RequireConnection()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_state == State.Disposed, this);
            return _connection ?? throw new MqttClientNotConnectedException();
        }
    }

    /// <summary>Sends SUBSCRIBE/UNSUBSCRIBE on <paramref name="connection"/> and awaits the answer.
    /// Unlike publishes these are not carried over to a new connection: losing this one fails them.</summary>
    async Task<MqttPacket> RequestAsync(MqttClientConnection connection, MqttPacket packet, CancellationToken cancellationToken)
    {
        var pending = new PendingRequest(packet);
        lock (_gate)
        {
            ushort id = _inflight.Add(pending);
            if (packet is SubscribePacket s) s.PacketId = id;
            else ((UnsubscribePacket)packet).PacketId = id;
        }
        try
        {
            if (!connection.Send(packet)) throw new MqttClientNotConnectedException("the connection is closing");
            var first = await Task.WhenAny(pending.Completion.Task, connection.Closed).WaitAsync(_options.Timeout, cancellationToken).ConfigureAwait(false);
            if (first != pending.Completion.Task && !pending.Completion.Task.IsCompleted)
                throw new MqttClientNotConnectedException($"{connection.Closed.Result.Describe()} before the {packet.Type} was answered", connection.Closed.Result.Exception);
            return await pending.Completion.Task.ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new MqttTimeoutException($"no answer to {packet.Type} within {_options.Timeout.TotalSeconds:0.###} s");
        }
        finally
        {
            lock (_gate) _inflight.Remove(pending);
        }
    }

    /// <summary>Test hook: breaks the transport without DISCONNECT, as a pulled network cable would.</summary>
    internal void AbortTransportForTesting()
    {
        lock (_gate) _connection?.AbortTransport();
    }

    /// <summary>Test hook: most QoS 1/2 publishes that were awaiting acks at once.</summary>
    internal int PeakInflightPublishes => _quota.PeakInUse;

    /// <summary>Disconnects gracefully if connected, then stops. Queued incoming messages are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate) if (_state == State.Disposed) return;
        try { await DisconnectAsync().ConfigureAwait(false); } catch { /* disposing anyway */ }
        lock (_gate)
        {
            _state = State.Disposed;
            _lifetime.Cancel();
        }
        _dispatch.Writer.TryComplete();
    }

    /// <summary>True inside a Connected/Disconnected handler (flows with the handler's async calls).</summary>
    static readonly AsyncLocal<bool> s_inConnectionEvent = new();

    static async Task InvokeHandlersAsync<T>(Func<T, Task>? handlers, T args)
    {
        if (handlers is null) return;
        if (args is MqttClientConnectedEventArgs or MqttClientDisconnectedEventArgs) s_inConnectionEvent.Value = true; // reverts when this method returns
        foreach (var handler in handlers.GetInvocationList())
        {
            // A failing application handler must not take the connection down with it.
            try { await ((Func<T, Task>)handler)(args).ConfigureAwait(false); }
            catch { /* swallowed on purpose */ }
        }
    }
}
