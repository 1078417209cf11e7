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

    /// <summary>Must boards log in to the embedded broker (docs/security.md)? "required" (default) or "open".
    /// Has no effect with an external broker, which enforces its own rules.</summary>
    public Boards.BoardLoginMode BoardLogins { get; set; } = Boards.BoardLoginMode.Required;

    public string DataDirectory => Data ?? Program.DefaultDataDirectory;
}
