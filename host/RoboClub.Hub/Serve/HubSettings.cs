namespace RoboClub.Hub.Serve;

/// <summary>
/// The hub's settings, read from configuration section "Hub" (the `serve` options write them there,
/// tests set them with UseSetting). Defaults suit one club on one PC.
/// </summary>
public sealed class HubSettings
{
    public const string Section = "Hub";

    /// <summary>The web app's port (HTTP). 0 picks a free one.</summary>
    public int WebPort { get; set; } = 5180;

    /// <summary>The embedded broker's MQTT port, where boards connect. 0 picks a free one.</summary>
    public int MqttPort { get; set; } = 1883;

    /// <summary>Where data lives; null means RoboClub in the user's local app-data folder.</summary>
    public string? Data { get; set; }

    /// <summary>How many virtual boards to run (robots and weather stations in turn).</summary>
    public int VirtualBoards { get; set; } = 2;

    /// <summary>"ro" or "en" for the terminal and the page's default; null: the browser's language decides.</summary>
    public string? Lang { get; set; }

    /// <summary>The club this hub serves (the `{club}` level of every topic).</summary>
    public string Club { get; set; } = "club1";

    /// <summary>Accept web and MQTT connections from the whole network (tablets and boards), not only this PC.</summary>
    public bool Lan { get; set; } = true;

    /// <summary>Open the editor in the default browser once the hub listens (never when the output is redirected).</summary>
    public bool OpenBrowser { get; set; } = true;

    /// <summary>An external broker (mqtt://user:password@host:port) instead of the embedded one; null: embedded.</summary>
    public string? Broker { get; set; }

    /// <summary>Compile-like requests (Run, compile, blocks ↔ C#) one computer may make at once (RequestRateLimits).</summary>
    public int CompileBurst { get; set; } = 40;

    /// <summary>... and per second after that: a child dragging blocks makes about 7.</summary>
    public int CompilePerSecond { get; set; } = 10;

    /// <summary>Telemetry database: null or "sqlite" for {data}/telemetry.db, or postgres://user:password@host:port/database.</summary>
    public string? Database { get; set; }

    /// <summary>PBKDF2 rounds for the librarian's password (Security/LibrarianPassword.cs); tests lower it to save time.</summary>
    public int LibrarianPasswordIterations { get; set; } = Security.LibrarianPassword.DefaultIterations;

    /// <summary>A regional hub's address (https://regional.example/) this club hub forwards chosen series to; null: no forwarding (Forwarding/README.md).</summary>
    public string? ForwardTo { get; set; }

    /// <summary>The key the regional hub gave this club (`roboclub regional add-club`).</summary>
    public string? ForwardKey { get; set; }

    /// <summary>Series names to forward, comma-separated, "*" for all; null: the weather quantities (ForwardSelection).</summary>
    public string? ForwardSeries { get; set; }

    /// <summary>Boards whose series are forwarded, comma-separated; null or "*": every board.</summary>
    public string? ForwardBoards { get; set; }

    /// <summary>How often the forwarder looks for new samples, and the first pause after a failure (doubling up to ForwardMaxBackoffMs).</summary>
    public int ForwardIntervalMs { get; set; } = 2000;

    public int ForwardMaxBackoffMs { get; set; } = 60_000;

    /// <summary>Samples younger than this wait (a board's batches may arrive a little out of order).</summary>
    public int ForwardDelayMs { get; set; } = 5000;

    /// <summary>Samples in one forwarded batch at most.</summary>
    public int ForwardBatchSize { get; set; } = 5000;

    /// <summary>Accept batches from club hubs (keys in {data}/regional-keys.json) and show every club's stations.</summary>
    public bool Regional { get; set; }

    /// <summary>Must boards log in to the embedded broker (docs/security.md)? "required" (default) or "open".
    /// Has no effect with an external broker, which enforces its own rules.</summary>
    public Boards.BoardLoginMode BoardLogins { get; set; } = Boards.BoardLoginMode.Required;

    public string DataDirectory => Data ?? Program.DefaultDataDirectory;
}
