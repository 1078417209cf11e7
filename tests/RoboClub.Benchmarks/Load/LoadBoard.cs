using RoboClub.Board;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Mqtt.Client;
using RoboClub.VirtualBoard;

namespace RoboClub.Benchmarks.Load;

/// <summary>
/// One weather station of the load run: the real board runtime (BoardRuntime + HubLink, the code the
/// ESP32 runs) on simulated weather parts, on its own MQTT connection (RoboClub.Mqtt's client behind
/// <see cref="MqttHubTransport"/>, as in VirtualBoardHost). The same as a VirtualBoardHost except that
/// its transport counts the samples it publishes (the "sent" side of received == sent) and that one
/// loop drives every board (<see cref="Step"/>) instead of one timer per board.
/// </summary>
sealed class LoadBoard : IAsyncDisposable
{
    sealed class MemoryStore : IProgramStore
    {
        byte[]? _image;
        public byte[]? Load() => _image;
        public void Save(byte[] image) => _image = image;
    }

    /// <summary>Counts the telemetry samples in every message handed to the MQTT client.</summary>
    sealed class CountingTransport(MqttHubTransport inner) : IHubTransport
    {
        long _samples;
        public long Samples => Interlocked.Read(ref _samples);
        public bool IsConnected => inner.IsConnected;
        public void Subscribe(string topicFilter, int qualityOfService) => inner.Subscribe(topicFilter, qualityOfService);

        public bool Publish(string topic, byte[] payload, bool retain, int qualityOfService)
        {
            bool queued = inner.Publish(topic, payload, retain, qualityOfService);
            // QoS 1 queued in the client: it resends after a reconnect, so a queued sample counts as sent.
            if (queued && topic.EndsWith("/telemetry", StringComparison.Ordinal))
                Interlocked.Add(ref _samples, TelemetryPayload.Decode(payload).Count);
            return queued;
        }
    }

    readonly IVirtualParts _parts;
    readonly BoardRuntime _runtime;
    readonly MqttHubTransport _mqtt;
    readonly CountingTransport _counting;
    readonly HubLink _link;
    volatile bool _booted;

    public LoadBoard(string club, string name, string host, int port, int seed)
    {
        Name = name;
        _parts = VirtualParts.Create("weather", null, null, seed);
        _runtime = new BoardRuntime(_parts.Hardware, new MemoryStore(), seed);
        var info = new InfoPayload("virtual-0.1", ImageFormat.Version, _parts.Kind, _parts.Profile, _runtime.Primitives.Names, 0);
        _mqtt = new MqttHubTransport(new MqttClientOptions
        {
            Host = host,
            Port = port,
            ClientId = $"roboclub-{club}-{name}",
            KeepAlivePeriod = TimeSpan.FromSeconds(5), // as VirtualBoardHost
            ConnectTimeout = TimeSpan.FromSeconds(30), // a thousand connect at once
        });
        _counting = new CountingTransport(_mqtt);
        _link = new HubLink(_counting, _runtime, _parts.Hardware.Clock, new HubLinkOptions(club, name, info));
        _mqtt.Handler = _link;
        _mqtt.SetWill(_link.WillTopic, _link.WillPayload);
        _runtime.AttachLink(_link);
    }

    public string Name { get; }

    /// <summary>Samples in telemetry messages published so far.</summary>
    public long SamplesSent => _counting.Samples;

    /// <summary>Samples waiting on the board, not yet published.</summary>
    public long SamplesWaiting => _link.Telemetry.Count;

    /// <summary>Samples the board had to drop (its buffer full while the link was down).</summary>
    public long SamplesDropped => _link.Telemetry.Dropped;

    /// <summary>The sample interval the hub's config set (0: not recording).</summary>
    public int LoggerPeriodMs => _runtime.Logger.PeriodMs;

    public bool IsConnected => _mqtt.IsConnected;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _mqtt.ConnectAsync(cancellationToken).ConfigureAwait(false);
        _runtime.Boot(_parts.NowMs);
        _booted = true;
    }

    /// <summary>Simulated time moves by <paramref name="milliseconds"/>; one board-loop tick (none before boot).</summary>
    public void Step(int milliseconds)
    {
        if (!_booted) return; // the loop runs while the others connect; Boot and Tick must not overlap
        _parts.Advance(milliseconds);
        _runtime.Tick(_parts.NowMs);
    }

    public async ValueTask DisposeAsync()
    {
        await _mqtt.PublishAndWaitAsync(_link.WillTopic, _link.WillPayload, retain: true).ConfigureAwait(false);
        await _mqtt.DisposeAsync().ConfigureAwait(false);
    }
}
