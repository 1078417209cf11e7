using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RoboClub.Mqtt.Broker;

/// <summary>
/// An MQTT 3.1.1 + 5.0 broker. Embeddable (the hub hosts one in-process and uses
/// <see cref="PublishAsync"/>/<see cref="Subscribe"/> without a socket) and standalone
/// (`roboclub broker`).
/// </summary>
public sealed partial class MqttBroker : IAsyncDisposable
{
    readonly SubscriptionTree _tree = new();
    readonly RetainedMessageStore _retained = new();
    readonly ConcurrentDictionary<ClientConnection, Task> _connections = new();
    readonly CancellationTokenSource _stopping = new();
    readonly SysTopicPublisher _sys;
    Socket? _listener;
    WebSocketListener? _webSockets;
    Task? _acceptLoop;
    Timer? _housekeeping;
    Timer? _sysTimer;
    Timer? _persistTimer;
    int _dirty;
    int _state; // 0 new, 1 running, 2 stopped
    long _closedBytesReceived, _closedBytesSent;

    public MqttBroker(MqttBrokerOptions options)
    {
        Options = options;
        _sys = new SysTopicPublisher(this);
    }

    public MqttBrokerOptions Options { get; }
    /// <summary>The TCP port actually listened on (after <see cref="StartAsync"/>); -1 when disabled.</summary>
    public int Port { get; private set; } = -1;
    /// <summary>The WebSocket port actually listened on, or null.</summary>
    public int? WebSocketPort => _webSockets?.Port;
    public MqttBrokerStatistics Statistics { get; } = new();

    public IReadOnlyList<MqttClientIdentity> ConnectedClients
    {
        get
        {
            var list = new List<MqttClientIdentity>();
            foreach (var c in _connections.Keys) if (c.Identity is { } id) list.Add(id);
            return list;
        }
    }

    public event Action<MqttClientIdentity>? ClientConnected;
    public event Action<MqttClientIdentity, MqttReasonCode>? ClientDisconnected;

    /// <summary>Loads persisted state, opens the listeners and starts the timers.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("the broker was already started");
        Statistics.StartedUtc = DateTime.UtcNow;
        if (Options.DataDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            BrokerStateFile.Load(this, dir);
        }
        if (Options.Port >= 0)
        {
            var listener = new Socket(Options.ListenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                listener.Bind(new IPEndPoint(Options.ListenAddress, Options.Port));
                listener.Listen(4096);
            }
            catch
            {
                listener.Dispose();
                throw;
            }
            _listener = listener;
            Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
            Log(MqttLogLevel.Information, $"MQTT listening on {Options.ListenAddress}:{Port}");
        }
        if (Options.WebSocketPort is { } wsPort)
        {
            _webSockets = new WebSocketListener(Options.ListenAddress, wsPort, HandleConnectionAsync) { Path = Options.WebSocketPath, Log = Log };
            _webSockets.Start();
            Log(MqttLogLevel.Information, $"MQTT over WebSocket listening on ws://{Options.ListenAddress}:{_webSockets.Port}{Options.WebSocketPath}");
        }
        _housekeeping = new Timer(_ => Housekeeping(), null, 250, 250);
        if (Options.SysInterval > TimeSpan.Zero)
        {
            _sys.Publish();
            _sysTimer = new Timer(_ => _sys.Publish(), null, Options.SysInterval, Options.SysInterval);
        }
        if (Options.DataDirectory is not null)
        {
            _persistTimer = new Timer(_ => SaveIfDirty(), null, Options.PersistInterval, Options.PersistInterval);
        }
        return Task.CompletedTask;
    }

    async Task AcceptLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException) when (Volatile.Read(ref _state) == 2) { return; } // the listener was closed by StopAsync
            catch (SocketException ex)
            {
                // e.g. out of file descriptors: keep serving the clients we have
                Log(MqttLogLevel.Warning, $"accept failed: {ex.SocketErrorCode}");
                await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            socket.NoDelay = true;
            _ = HandleConnectionAsync(new NetworkStream(socket, ownsSocket: true), socket.RemoteEndPoint, token);
        }
    }

    /// <summary>Serves one client over any byte stream (TCP, WebSocket, a test pipe) until it disconnects.</summary>
    public async Task HandleConnectionAsync(Stream stream, EndPoint? remoteEndPoint, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var connection = new ClientConnection(this, stream, remoteEndPoint, linked.Token);
        Interlocked.Increment(ref Statistics._connectionsTotal);
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connections[connection] = tcs.Task;
        try
        {
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
            var (received, sent) = connection.Traffic;
            Interlocked.Add(ref _closedBytesReceived, received);
            Interlocked.Add(ref _closedBytesSent, sent);
            tcs.TrySetResult();
        }
    }

    /// <summary>Bytes in and out over all connections, open and closed.</summary>
    internal (long Received, long Sent) TotalTraffic()
    {
        long r = Interlocked.Read(ref _closedBytesReceived), s = Interlocked.Read(ref _closedBytesSent);
        foreach (var c in _connections.Keys)
        {
            var (cr, cs) = c.Traffic;
            r += cr;
            s += cs;
        }
        Interlocked.Exchange(ref Statistics._bytesReceived, r);
        Interlocked.Exchange(ref Statistics._bytesSent, s);
        return (r, s);
    }

    /// <summary>Connect timeout, keep-alive (1.5 × the client's interval), session expiry, delayed wills.</summary>
    void Housekeeping()
    {
        try
        {
            long now = Environment.TickCount64;
            long connectTimeout = (long)Options.ConnectTimeout.TotalMilliseconds;
            foreach (var c in _connections.Keys)
            {
                if (!c.IsConnected)
                {
                    if (now - c.CreatedTicks > connectTimeout) c.Abort();
                }
                else if (c.KeepAliveSeconds > 0 && now - Volatile.Read(ref c.LastActivityTicks) > c.KeepAliveSeconds * 1500L)
                {
                    _ = c.CloseWithAsync(MqttReasonCode.KeepAliveTimeout, $"nothing received for 1.5 × {c.KeepAliveSeconds} s");
                }
            }
            ExpireSessionsAndWills();
        }
        catch (Exception ex)
        {
            Log(MqttLogLevel.Error, $"housekeeping failed: {ex}");
        }
    }

    /// <summary>Graceful shutdown: stops accepting, tells MQTT 5 clients 0x8B (server shutting down),
    /// closes connections (their wills are published, as for any connection the server closes),
    /// and saves state.</summary>
    public async Task StopAsync()
    {
        int previous = Interlocked.Exchange(ref _state, 2);
        if (previous == 2)
        {
            // A second caller (a host stopping, then disposing) waits for the first stop to finish,
            // so nothing is disposed under it.
            await _stopped.Task.ConfigureAwait(false);
            return;
        }
        if (previous != 1)
        {
            _stopped.TrySetResult();
            return;
        }
        try
        {
            await StopRunningAsync().ConfigureAwait(false);
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    async Task StopRunningAsync()
    {
        _listener?.Dispose();
        _webSockets?.StopAccepting();
        var closing = new List<Task>();
        foreach (var c in _connections.Keys) closing.Add(c.CloseWithAsync(MqttReasonCode.ServerShuttingDown, "server shutting down"));
        await Task.WhenAll(closing).ConfigureAwait(false);
        var running = _connections.Values.ToArray();
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        if (_webSockets is not null) await _webSockets.DisposeAsync().ConfigureAwait(false);
        _stopping.Cancel();
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        _housekeeping?.Dispose();
        _sysTimer?.Dispose();
        _persistTimer?.Dispose();
        lock (_persistLock) { /* wait for a save in progress */ }
        if (Options.DataDirectory is { } dir) Save(dir);
        Log(MqttLogLevel.Information, "broker stopped");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    // ------------------------------------------------------------------ in-process API
    /// <summary>Publishes as the broker itself (no ACL check), e.g. a command from the hub's web app.</summary>
    public ValueTask PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        if (!MqttTopic.IsValidTopicName(message.Topic)) throw new ArgumentException($"'{message.Topic}' is not a valid topic name", nameof(message));
        Interlocked.Increment(ref Statistics._publishReceived);
        Route(BrokerMessage.FromApplicationMessage(message, null, DateTime.UtcNow.Ticks), new List<Subscription>());
        return ValueTask.CompletedTask;
    }

    /// <summary>In-process subscription; the handler runs on its own queue, never on a client's thread.
    /// Messages arrive at the QoS they were published with. With <paramref name="includeRetained"/> the
    /// retained messages that match come first (Retain set), as for an MQTT client's new subscription;
    /// a message published at that very moment may then arrive twice. Dispose the result to unsubscribe.</summary>
    public IDisposable Subscribe(string topicFilter, Func<MqttApplicationMessage, ValueTask> handler, bool includeRetained = false) =>
        Subscribe(topicFilter, handler, includeRetained, acknowledgeAfterHandled: false);

    /// <summary>
    /// As <see cref="Subscribe(string, Func{MqttApplicationMessage, ValueTask}, bool)"/>; with
    /// <paramref name="acknowledgeAfterHandled"/> a client's QoS 1/2 message on the filter is
    /// acknowledged (PUBACK/PUBREC) only once the task the handler returned has completed, and not at
    /// all if it failed: the client's connection is closed so that it sends the message again. Such a
    /// handler is called on the publishing client's reader task, in its order (keep its synchronous
    /// part short); other clients are not held up, and one client's later acks wait for its earlier ones.
    /// </summary>
    public IDisposable Subscribe(string topicFilter, Func<MqttApplicationMessage, ValueTask> handler, bool includeRetained, bool acknowledgeAfterHandled)
    {
        if (!MqttTopic.IsValidTopicFilter(topicFilter) || topicFilter.StartsWith(MqttTopic.SharePrefix, StringComparison.Ordinal))
            throw new ArgumentException($"'{topicFilter}' is not a valid topic filter", nameof(topicFilter));
        Subscription? subscription = null;
        void Unsubscribe(Subscriber owner) { if (subscription is { } s) _tree.Remove(owner, s.Filter, null); }
        Subscriber subscriber = acknowledgeAfterHandled
            ? new AcknowledgingSubscriber(handler, Log, Unsubscribe)
            : new LocalSubscriber(handler, Log, Unsubscribe);
        subscription = new Subscription
        {
            Owner = subscriber,
            FullFilter = topicFilter,
            Filter = topicFilter,
            QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce,
        };
        _tree.Add(subscription);
        if (includeRetained)
        {
            foreach (var m in _retained.Match(topicFilter, DateTime.UtcNow.Ticks))
                subscriber.Deliver(new OutgoingMessage(m, m.QualityOfServiceLevel, true, null));
        }
        return (IDisposable)subscriber;
    }

    // ------------------------------------------------------------------ events, logging, persistence
    internal void OnClientConnected(MqttClientIdentity identity)
    {
        long now = Interlocked.Increment(ref Statistics._clientsConnected);
        long max;
        while (now > (max = Interlocked.Read(ref Statistics._clientsMaximum)) && Interlocked.CompareExchange(ref Statistics._clientsMaximum, now, max) != max) { }
        Log(MqttLogLevel.Debug, $"client '{identity.ClientId}' connected from {identity.RemoteEndPoint} (MQTT {(identity.ProtocolVersion == MqttProtocolVersion.V500 ? "5.0" : "3.1.1")})");
        try { ClientConnected?.Invoke(identity); }
        catch (Exception ex) { Log(MqttLogLevel.Error, $"ClientConnected handler failed: {ex.Message}"); }
    }

    internal void OnClientDisconnected(MqttClientIdentity identity, MqttReasonCode reason)
    {
        Interlocked.Decrement(ref Statistics._clientsConnected);
        Log(MqttLogLevel.Debug, $"client '{identity.ClientId}' disconnected ({reason})");
        try { ClientDisconnected?.Invoke(identity, reason); }
        catch (Exception ex) { Log(MqttLogLevel.Error, $"ClientDisconnected handler failed: {ex.Message}"); }
    }

    internal void Log(MqttLogLevel level, string message) => Options.Log?.Invoke(level, message);

    internal RetainedMessageStore Retained => _retained;
    internal SubscriptionTree Tree => _tree;

    void MarkDirty()
    {
        if (Options.DataDirectory is not null && Volatile.Read(ref _dirty) == 0) Volatile.Write(ref _dirty, 1);
    }

    readonly object _persistLock = new();

    void SaveIfDirty()
    {
        if (Interlocked.Exchange(ref _dirty, 0) == 0 || Options.DataDirectory is not { } dir) return;
        Save(dir);
    }

    void Save(string dir)
    {
        lock (_persistLock)
        {
            try
            {
                BrokerStateFile.Save(this, dir);
            }
            catch (Exception ex)
            {
                Volatile.Write(ref _dirty, 1); // try again next time
                Log(MqttLogLevel.Error, $"could not save broker state to {dir}: {ex.Message}");
            }
        }
    }

    /// <summary>Sessions, for the state file (copied under the lock).</summary>
    internal List<Session> SnapshotSessions()
    {
        lock (_sessionsLock) return new List<Session>(_sessions.Values);
    }

    /// <summary>Restores a persisted session (at start-up, before any client connects).</summary>
    internal Session RestoreSession(string clientId, uint expiry, long disconnectedAtUtcTicks)
    {
        lock (_sessionsLock)
        {
            var s = NewSessionLocked(clientId);
            s.SessionExpiryInterval = expiry;
            s.DisconnectedAtUtcTicks = disconnectedAtUtcTicks;
            _hasPersistentSessions = true;
            return s;
        }
    }
}
