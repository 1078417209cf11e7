using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace RoboClub.Mqtt.Broker;

/// <summary>
/// MQTT over WebSocket (spec 6.0): a TCP listener that answers HTTP/1.1 upgrade requests on
/// <see cref="Path"/> and hands each accepted connection, as a byte stream of its binary messages,
/// to a callback (the broker passes <see cref="MqttBroker.HandleConnectionAsync"/>).
/// </summary>
/// <remarks>
/// The request head must arrive within <see cref="HandshakeTimeout"/> and fit in
/// <see cref="MaximumRequestHeadSize"/> bytes, so slow or endless requests are closed. The stream given
/// to the callback is disposed by the listener when the callback returns; the callback's token is
/// cancelled by <see cref="StopAsync"/>.
/// </remarks>
public sealed class WebSocketListener : IAsyncDisposable
{
    readonly IPAddress _address;
    readonly int _requestedPort;
    readonly Func<Stream, EndPoint?, CancellationToken, Task> _connectionHandler;
    readonly CancellationTokenSource _stopAccepting = new();
    readonly CancellationTokenSource _stopHandlers = new();
    readonly ConcurrentDictionary<Connection, byte> _connections = new();
    TcpListener? _listener;
    Task? _acceptLoop;
    int _pendingHandshakes;
    int _state; // 0 new, 1 started, 2 stopping/stopped

    /// <param name="address">Address to bind (loopback unless the broker is opened to the LAN).</param>
    /// <param name="port">TCP port; 0 picks a free one (see <see cref="Port"/>).</param>
    /// <param name="connectionHandler">Serves one upgraded connection until it ends.</param>
    public WebSocketListener(IPAddress address, int port, Func<Stream, EndPoint?, CancellationToken, Task> connectionHandler)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        ArgumentNullException.ThrowIfNull(connectionHandler);
        _address = address;
        _requestedPort = port;
        _connectionHandler = connectionHandler;
    }

    /// <summary>The HTTP path of the endpoint; other paths get 404.</summary>
    public string Path { get; init; } = "/mqtt";
    /// <summary>Time allowed for the whole request head to arrive and the answer to be sent.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Largest request head (request line and header fields) accepted; larger ones get 431.</summary>
    public int MaximumRequestHeadSize { get; init; } = 8192;
    /// <summary>How many connections may be in the handshake at once; more are closed at once.</summary>
    public int MaximumPendingHandshakes { get; init; } = 256;
    /// <summary>WebSocket keep-alive (unsolicited PONG frames); <see cref="TimeSpan.Zero"/> disables it.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How long <see cref="StopAsync"/> waits for callbacks to finish before aborting their connections.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>When set, browsers (requests with an Origin field) must come from one of these origins,
    /// e.g. "http://localhost:5000"; other origins get 403. Null accepts any origin.</summary>
    public IReadOnlyCollection<string>? AllowedOrigins { get; init; }
    /// <summary>Log sink; null logs nothing.</summary>
    public Action<MqttLogLevel, string>? Log { get; init; }

    /// <summary>The bound endpoint (after <see cref="Start"/>).</summary>
    public IPEndPoint? LocalEndPoint => _listener?.LocalEndpoint as IPEndPoint;
    /// <summary>The port actually listened on (after <see cref="Start"/>); useful with port 0.</summary>
    public int Port => LocalEndPoint?.Port ?? throw new InvalidOperationException("the listener is not started");
    /// <summary>Connections in the handshake or being served.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds the port and starts accepting.</summary>
    /// <exception cref="SocketException">The port is in use or the address is not local.</exception>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) throw new InvalidOperationException("the listener was already started");
        if (!Path.StartsWith('/')) throw new InvalidOperationException("Path must start with '/'");
        var listener = new TcpListener(_address, _requestedPort);
        if (_address.Equals(IPAddress.IPv6Any)) listener.Server.DualMode = true;
        listener.Start(backlog: 512);
        _listener = listener;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        Log?.Invoke(MqttLogLevel.Debug, $"MQTT over WebSocket listening on ws://{LocalEndPoint}{Path}");
    }

    /// <summary>Stops accepting new connections; those already accepted continue.</summary>
    public void StopAccepting()
    {
        if (_listener is null) return;
        try { _stopAccepting.Cancel(); } catch (ObjectDisposedException) { }
        _listener.Stop();
    }

    /// <summary>Stops accepting, cancels the callbacks' tokens, waits up to <see cref="StopTimeout"/>
    /// for them, then aborts the connections that are left.</summary>
    public async Task StopAsync()
    {
        Volatile.Write(ref _state, 2);
        StopAccepting();
        try { _stopHandlers.Cancel(); } catch (ObjectDisposedException) { }
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);

        var running = _connections.Keys.ToArray();
        var all = Task.WhenAll(running.Select(c => c.Task));
        try
        {
            await all.WaitAsync(StopTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log?.Invoke(MqttLogLevel.Warning, $"WebSocket listener: {running.Count(c => !c.Task.IsCompleted)} connection(s) did not end within {StopTimeout.TotalSeconds:0.#} s; aborting them");
            foreach (var c in running) c.Abort();
            try { await all.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); } catch (TimeoutException) { }
        }
        catch
        {
            // Connection tasks never fault (they log), but do not let that stop the shutdown.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopAccepting.Dispose();
        _stopHandlers.Dispose();
    }

    async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        var token = _stopAccepting.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (token.IsCancellationRequested) break;
                // e.g. too many open files: do not spin.
                Log?.Invoke(MqttLogLevel.Warning, $"WebSocket listener: accept failed: {e.Message}");
                try { await Task.Delay(100, token).ConfigureAwait(false); } catch (OperationCanceledException) { break; }
                continue;
            }

            if (Interlocked.Increment(ref _pendingHandshakes) > MaximumPendingHandshakes)
            {
                Interlocked.Decrement(ref _pendingHandshakes);
                Log?.Invoke(MqttLogLevel.Debug, $"WebSocket listener: {MaximumPendingHandshakes} handshakes pending; closing a new connection from {SafeRemote(socket)}");
                socket.Dispose();
                continue;
            }
            var connection = new Connection(socket);
            var start = new Task<Task>(() => RunConnectionAsync(connection));
            connection.Task = start.Unwrap();
            _connections.TryAdd(connection, 0);
            start.Start(TaskScheduler.Default);
        }
    }

    static EndPoint? SafeRemote(Socket socket)
    {
        try { return socket.RemoteEndPoint; } catch (Exception e) when (e is SocketException or ObjectDisposedException) { return null; }
    }

    async Task RunConnectionAsync(Connection connection)
    {
        var socket = connection.Socket;
        EndPoint? remote = SafeRemote(socket);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        bool handshaking = true;
        try
        {
            socket.NoDelay = true;
            Stream? upgraded = await HandshakeAsync(stream, remote, _stopHandlers.Token).ConfigureAwait(false);
            Interlocked.Decrement(ref _pendingHandshakes);
            handshaking = false;
            if (upgraded is null) return;
            stream = upgraded;
            await _connectionHandler(upgraded, remote, _stopHandlers.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopHandlers.Token.IsCancellationRequested)
        {
            // stopping
        }
        catch (Exception e)
        {
            Log?.Invoke(MqttLogLevel.Debug, $"WebSocket connection from {remote} ended: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (handshaking) Interlocked.Decrement(ref _pendingHandshakes);
            try { await stream.DisposeAsync().ConfigureAwait(false); }
            catch (Exception e) { Log?.Invoke(MqttLogLevel.Debug, $"WebSocket connection from {remote}: close failed: {e.Message}"); }
            _connections.TryRemove(connection, out _);
        }
    }

    /// <summary>Reads and answers the opening handshake; the upgraded stream, or null when refused.</summary>
    async Task<Stream?> HandshakeAsync(Stream transport, EndPoint? remote, CancellationToken stopToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopToken);
        timeout.CancelAfter(HandshakeTimeout);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaximumRequestHeadSize);
        try
        {
            int filled = 0, headEnd;
            while (true)
            {
                if (filled >= MaximumRequestHeadSize)
                {
                    Log?.Invoke(MqttLogLevel.Debug, $"WebSocket handshake from {remote}: request head larger than {MaximumRequestHeadSize} bytes");
                    await SendAsync(transport, WebSocketHandshakeResult.Error(431, "Request Header Fields Too Large"), timeout.Token).ConfigureAwait(false);
                    return null;
                }
                int n;
                try
                {
                    n = await transport.ReadAsync(buffer.AsMemory(filled, MaximumRequestHeadSize - filled), timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stopToken.IsCancellationRequested)
                {
                    Log?.Invoke(MqttLogLevel.Debug, $"WebSocket handshake from {remote}: timed out after {HandshakeTimeout.TotalSeconds:0.#} s");
                    return null;
                }
                if (n == 0) return null; // went away
                int from = filled - 3;
                filled += n;
                headEnd = WebSocketHandshake.FindHeadEnd(buffer.AsSpan(0, filled), from);
                if (headEnd >= 0) break;
            }

            WebSocketHandshakeResult result;
            if (headEnd != filled)
            {
                // RFC 6455 4.1: the client waits for our answer before it sends anything else.
                result = WebSocketHandshakeResult.Error(400, "Bad Request");
            }
            else if (!WebSocketHandshake.TryParse(buffer.AsSpan(0, headEnd), out var request, out string error))
            {
                Log?.Invoke(MqttLogLevel.Debug, $"WebSocket handshake from {remote}: {error}");
                result = WebSocketHandshakeResult.Error(400, "Bad Request");
            }
            else
            {
                result = WebSocketHandshake.Evaluate(request!, Path, AllowedOrigins);
                if (!result.Accepted)
                {
                    Log?.Invoke(MqttLogLevel.Debug, $"WebSocket handshake from {remote}: {request!.Method} {request.Target} refused with {result.StatusCode}");
                }
            }
            await SendAsync(transport, result, timeout.Token).ConfigureAwait(false);
            if (!result.Accepted) return null;

            var webSocket = WebSocket.CreateFromStream(transport, new WebSocketCreationOptions
            {
                IsServer = true,
                SubProtocol = result.SubProtocol,
                KeepAliveInterval = KeepAliveInterval,
            });
            return new WebSocketByteStream(webSocket, transport, TimeSpan.FromSeconds(2));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopToken.IsCancellationRequested)
        {
            Log?.Invoke(MqttLogLevel.Debug, $"WebSocket handshake from {remote}: timed out while answering");
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static async Task SendAsync(Stream transport, WebSocketHandshakeResult result, CancellationToken cancellationToken)
    {
        byte[] response = WebSocketHandshake.FormatResponse(result);
        await transport.WriteAsync(response, cancellationToken).ConfigureAwait(false);
        await transport.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    sealed class Connection(Socket socket)
    {
        public Socket Socket { get; } = socket;
        public Task Task { get; set; } = Task.CompletedTask;
        public void Abort() { try { Socket.Dispose(); } catch (ObjectDisposedException) { } }
    }
}
