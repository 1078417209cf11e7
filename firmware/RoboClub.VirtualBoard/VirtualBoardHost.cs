using RoboClub.Board;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Mqtt.Client;

namespace RoboClub.VirtualBoard;

/// <summary>Where a virtual board connects and how fast its time runs.</summary>
public sealed class VirtualBoardOptions
{
    public string Club { get; set; } = "club1";
    public string Board { get; set; } = "virtual-1";
    public string BrokerHost { get; set; } = "127.0.0.1";
    public int BrokerPort { get; set; } = 1883;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Simulated time per real time: 1 = real time; tests use more.</summary>
    public double Speed { get; set; } = 1;
    /// <summary>Board loop period in simulated milliseconds.</summary>
    public int TickMs { get; set; } = 10;
    public int Seed { get; set; } = 1;
}

/// <summary>
/// One virtual board: the board runtime written for the ESP32, on simulated parts, linked to the hub
/// over RoboClub.Mqtt with the same topics and payloads (docs/protocol.md). Many can run in one
/// process. <see cref="Step"/> drives it by hand (tests); <see cref="RunAsync"/> drives it in
/// (scaled) real time.
/// </summary>
public sealed class VirtualBoardHost : IAsyncDisposable
{
    sealed class MemoryStore : IProgramStore
    {
        byte[]? _image;
        public byte[]? Load() => _image;
        public void Save(byte[] image) => _image = image;
    }

    readonly object _gate = new();

    public VirtualBoardHost(VirtualBoardOptions options, IVirtualParts parts)
    {
        Options = options;
        Parts = parts;
        Runtime = new BoardRuntime(parts.Hardware, new MemoryStore(), options.Seed);
        var info = new InfoPayload("virtual-0.1", ImageFormat.Version, parts.Kind, parts.Profile, Runtime.Primitives.Names, 0);
        var clientOptions = new MqttClientOptions
        {
            Host = options.BrokerHost,
            Port = options.BrokerPort,
            ClientId = $"roboclub-{options.Club}-{options.Board}",
            KeepAlivePeriod = TimeSpan.FromSeconds(5),
        };
        if (options.UserName is not null) clientOptions.WithCredentials(options.UserName, options.Password);
        Transport = new MqttHubTransport(clientOptions);
        Link = new HubLink(Transport, Runtime, parts.Hardware.Clock, new HubLinkOptions(options.Club, options.Board, info));
        Transport.Handler = Link;
        Transport.SetWill(Link.WillTopic, Link.WillPayload);
        Runtime.AttachLink(Link);
    }

    public VirtualBoardOptions Options { get; }
    public IVirtualParts Parts { get; }
    public BoardRuntime Runtime { get; }
    public HubLink Link { get; }
    public MqttHubTransport Transport { get; }

    /// <summary>Connects to the broker and boots the board.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await Transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate) Runtime.Boot(Parts.NowMs);
    }

    /// <summary>Advances simulated time by <paramref name="milliseconds"/> in board-loop ticks.</summary>
    public void Step(int milliseconds)
    {
        lock (_gate)
        {
            for (int done = 0; done < milliseconds; done += Options.TickMs)
            {
                Parts.Advance(Options.TickMs);
                Runtime.Tick(Parts.NowMs);
            }
        }
    }

    /// <summary>Runs the board until cancelled, <see cref="VirtualBoardOptions.Speed"/> times faster than real time.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromMilliseconds(Math.Max(1, Options.TickMs / Options.Speed));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) Step(Options.TickMs);
        }
        catch (OperationCanceledException) { }
    }

    public object Snapshot()
    {
        lock (_gate) return Parts.Snapshot();
    }

    /// <summary>Stops the board and leaves cleanly: motors off, then its status says offline (a clean
    /// disconnect does not send the will), then disconnect.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate) Runtime.StopOutputs();
        await Transport.PublishAndWaitAsync(Link.WillTopic, Link.WillPayload, retain: true).ConfigureAwait(false);
        await Transport.DisposeAsync().ConfigureAwait(false);
    }
}
