using RoboClub.Mqtt;
using RoboClub.Mqtt.Client;

namespace RoboClub.Hub.Boards;

/// <summary>
/// The hub on a broker it does not run (<c>--broker mqtt://…</c>: mosquitto, RabbitMQ's MQTT plugin,
/// EMQX), for a network of clubs. One MQTT 3.1.1 client (what every broker family speaks) with a
/// client id of its own, so several hubs can share the broker; it reconnects and subscribes again by
/// itself. Messages are handed to every local handler whose filter matches. MQTT 3.1.1 cannot refuse
/// retained messages on subscribe, so a handler that does not want them skips messages that arrive
/// with the retain flag (a broker sets it only on copies of retained messages).
/// <para>Nothing acknowledged is lost: the session is persistent (clean session 0) under a client id
/// kept in the hub's data folder (<see cref="ClientIdFor"/>), so the broker keeps the hub's QoS 1
/// messages while the hub is down or reconnecting and delivers them afterwards; a message of a
/// <see cref="SubscribeAcknowledged"/> handler is PUBACKed only when the handler's task completed
/// (the store committed), and not at all if it failed (the connection is then dropped and the broker
/// sends it again).</para>
/// </summary>
public sealed class ExternalBrokerBus : IHubBus, IAsyncDisposable
{
    sealed record Handler(string Filter, Func<BusMessage, ValueTask> Handle, bool IncludeRetained, bool Acknowledged = false);

    readonly MqttClient _client;
    readonly ILogger _log;
    readonly object _gate = new();
    readonly List<Handler> _handlers = [];
    readonly CancellationTokenSource _stop = new();
    Task _connecting = Task.CompletedTask;
    readonly List<Task> _subscribing = [];

    public ExternalBrokerBus(BrokerAddress address, string clientId, ILogger<ExternalBrokerBus> log)
    {
        Address = address;
        _log = log;
        var options = new MqttClientOptions
        {
            Host = address.Host,
            Port = address.Port,
            ClientId = clientId,
            // The broker keeps our subscriptions and queues QoS 1 messages while we are away.
            CleanSession = false,
            KeepAlivePeriod = TimeSpan.FromSeconds(15),
            AutoReconnect = true,
            ReconnectDelay = TimeSpan.FromSeconds(1),
            MaximumReconnectDelay = TimeSpan.FromSeconds(15),
        };
        if (address.UserName is not null) options.WithCredentials(address.UserName, address.Password);
        _client = new MqttClient(options);
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public BrokerAddress Address { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// Connects in the background, trying again until the broker answers (the hub starts either way).
    /// Call it after the handlers are added (HubStartup runs after TelemetryIngest): a resumed session
    /// delivers the messages queued for the hub right after connecting, and a message no handler takes is acknowledged.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _connecting = Task.Run(async () =>
        {
            var delay = TimeSpan.FromSeconds(1);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await _client.ConnectAsync(_stop.Token).ConfigureAwait(false);
                    _log.LogInformation("Connected to the broker {Broker}", Address);
                    Handler[] all;
                    lock (_gate) all = [.. _handlers];
                    foreach (var filter in all.Select(h => h.Filter).Distinct(StringComparer.Ordinal))
                        await _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, _stop.Token).ConfigureAwait(false);
                    return;
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
                catch (Exception e) when (e is MqttConnectException or MqttCommunicationException or MqttTimeoutException or IOException)
                {
                    _log.LogWarning("The broker {Broker} does not answer yet ({Problem}); trying again in {Delay} s", Address, e.Message, delay.TotalSeconds);
                    try { await Task.Delay(delay, _stop.Token).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
                    delay = TimeSpan.FromSeconds(Math.Min(15, delay.TotalSeconds * 2));
                }
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completes when the first connection is made (or the bus stops trying).</summary>
    public Task WhenConnectedAsync() => _connecting;

    /// <summary>Completes when every subscription asked for so far is confirmed by the broker (SUBACK).</summary>
    public Task WhenSubscribedAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            _subscribing.RemoveAll(t => t.IsCompleted);
            pending = [.. _subscribing];
        }
        return Task.WhenAll(pending).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken = default)
    {
        await _client.PublishAsync(new MqttApplicationMessage
        {
            Topic = topic,
            Payload = payload,
            Retain = retain,
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
        }, cancellationToken).ConfigureAwait(false);
    }

    public IDisposable Subscribe(string filter, Func<BusMessage, ValueTask> handler, bool includeRetained) =>
        Add(new Handler(filter, handler, includeRetained));

    public IDisposable SubscribeAcknowledged(string filter, Func<BusMessage, ValueTask> handler) =>
        Add(new Handler(filter, handler, IncludeRetained: false, Acknowledged: true));

    IDisposable Add(Handler h)
    {
        string filter = h.Filter;
        lock (_gate) _handlers.Add(h);
        // Subscribing again to a filter makes the broker send its retained messages again: what a new
        // handler that wants them needs (the others see them once more; the hub's handlers are idempotent).
        if (_client.IsConnected)
        {
            var subscribing = _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, _stop.Token);
            lock (_gate) _subscribing.Add(subscribing);
            _ = subscribing.ContinueWith(t => _log.LogWarning(t.Exception, "Subscribing to {Filter} failed", filter), TaskContinuationOptions.OnlyOnFaulted);
        }
        return new Unsubscriber(this, h);
    }

    async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var m = e.ApplicationMessage;
        Handler[] matching;
        lock (_gate) matching = _handlers.Where(h => MqttTopic.Matches(h.Filter, m.Topic) && (h.IncludeRetained || !m.Retain)).ToArray();
        var message = new BusMessage(m.Topic, m.Payload, m.Retain);
        foreach (var h in matching)
        {
            if (h.Acknowledged)
            {
                // Started now, in arrival order; the PUBACK waits for its end while the next messages come in.
                Task work;
                try { work = h.Handle(message).AsTask(); }
                catch (Exception ex) { work = Task.FromException(ex); }
                if (!work.IsCompletedSuccessfully)
                {
                    _ = work.ContinueWith(t => _log.LogWarning(t.Exception?.GetBaseException(), "Not acknowledging a message on {Topic}: the broker sends it again", m.Topic),
                        CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    e.AcknowledgeAfter(work);
                }
                continue;
            }
            try { await h.Handle(message).ConfigureAwait(false); }
            catch (Exception ex) { _log.LogWarning(ex, "A handler of {Topic} failed", m.Topic); }
        }
    }

    /// <summary>
    /// The hub's client id on external brokers: made once and kept in the data folder
    /// (<c>broker-client-id.txt</c>), so after a restart the hub gets its session back — with the
    /// messages the broker queued meanwhile — while other hubs on the same broker have ids of their own.
    /// </summary>
    public static string ClientIdFor(string dataDirectory, string club)
    {
        string path = Path.Combine(dataDirectory, "broker-client-id.txt");
        if (File.Exists(path))
        {
            string saved = File.ReadAllText(path).Trim();
            if (saved.Length is > 0 and <= 64 && saved.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return saved;
        }
        string safeClub = new(club.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-').Take(16).ToArray());
        string id = $"roboclub-hub-{safeClub}-{Guid.NewGuid():N}";
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(path, id + "\n");
        return id;
    }

    void Remove(Handler h)
    {
        bool last;
        lock (_gate)
        {
            _handlers.Remove(h);
            last = !_handlers.Any(x => x.Filter == h.Filter);
        }
        if (last && _client.IsConnected) _ = _client.UnsubscribeAsync(h.Filter).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    sealed class Unsubscriber(ExternalBrokerBus bus, Handler handler) : IDisposable
    {
        int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) bus.Remove(handler); }
    }

    int _disposed;

    /// <summary>Disconnects cleanly. Safe twice (the hub stops it, then the service container disposes it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _connecting.ConfigureAwait(false);
        try { if (_client.IsConnected) await _client.DisconnectAsync().ConfigureAwait(false); } catch (Exception) { /* leaving anyway */ }
        await _client.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
