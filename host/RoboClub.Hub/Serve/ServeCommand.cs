using System.CommandLine;
using System.Net.Sockets;

namespace RoboClub.Hub.Serve;

/// <summary>
/// `roboclub serve` (also `roboclub` with no command): the club's hub — web editor, embedded broker,
/// virtual boards. Options become "Hub:*" settings; other tokens go to ASP.NET Core as they are.
/// </summary>
internal sealed class ServeCommand : Command
{
    static readonly Option<int> Port = new("--port", "-p") { Description = "Web port of the editor (0 picks a free one)", DefaultValueFactory = _ => 5180 };
    static readonly Option<int> MqttPort = new("--mqtt-port") { Description = "MQTT port where boards connect (0 picks a free one)", DefaultValueFactory = _ => 1883 };
    static readonly Option<DirectoryInfo?> Data = new("--data") { Description = "Data folder (default: RoboClub in the user's local app-data folder)" };
    static readonly Option<int> VirtualBoardCount = new("--virtual-boards") { Description = "How many virtual boards to run (robots and weather stations in turn)", DefaultValueFactory = _ => 2 };
    static readonly Option<string?> Lang = new("--lang") { Description = "Language of the terminal and the page's default: ro or en" };
    static readonly Option<bool> NoBrowser = new("--no-browser") { Description = "Do not open the editor in a browser at start" };
    static readonly Option<bool> LocalOnly = new("--local-only") { Description = "Accept connections only from this computer (no tablets, no real boards)" };
    static readonly Option<string> Club = new("--club") { Description = "Club name used in MQTT topics", DefaultValueFactory = _ => "club1" };
    static readonly Option<string?> Db = new("--db") { Description = "Telemetry database: sqlite (default, a file in the data folder) or postgres://user:password@host:port/database (shared by many clubs)" };

    static readonly Option<string?> Broker = new("--broker") { Description = "Use an external MQTT broker, mqtt://user:password@host:1883, instead of the hub's own (a network of clubs)" };

    static readonly Option<string?> BoardLogins = new("--board-logins") { Description = "required (default): boards log in with their own name and password and may touch only their own topics; open: boards without a login are let in too (boards made before logins, benchmarks). docs/security.md" };
    static readonly Option<string?> ForwardTo = new("--forward-to") { Description = "Forward chosen series to a regional hub at this address (https://regional.example/)" };
    static readonly Option<string?> ForwardKey = new("--forward-key") { Description = "The key the regional hub gave this club (or environment variable Hub__ForwardKey)" };
    static readonly Option<string?> ForwardSeries = new("--forward-series") { Description = "Series to forward, comma-separated, * for all (default: temperature,humidity,pressure,light,wind,rain)" };
    static readonly Option<string?> ForwardBoards = new("--forward-boards") { Description = "Boards whose series are forwarded, comma-separated (default: every board)" };
    static readonly Option<bool> Regional = new("--regional") { Description = "Be a regional hub: accept series forwarded by club hubs (keys: roboclub regional add-club)" };

    static readonly Option[] All = [Port, MqttPort, Data, VirtualBoardCount, Lang, NoBrowser, LocalOnly, Club, Broker, Db, ForwardTo, ForwardKey, ForwardSeries, ForwardBoards, Regional, BoardLogins];

    public ServeCommand(string[] configuration) : base("serve", "Run the hub: the web editor, the MQTT broker for boards, and virtual boards (the default command).")
    {
        foreach (var o in All) Options.Add(o);
        SetAction((p, _) => RunAsync(p, configuration));
        Lang.AcceptOnlyFromAmong("ro", "en");
        BoardLogins.AcceptOnlyFromAmong("required", "open");
    }

    /// <summary>`roboclub` alone runs the hub too.</summary>
    public static void AddTo(RootCommand root, string[] configuration)
    {
        var serve = new ServeCommand(configuration);
        root.Subcommands.Add(serve);
        foreach (var o in All) root.Options.Add(o);
        root.SetAction((p, _) => RunAsync(p, configuration));
    }

    /// <summary>
    /// Splits off `--name=value` tokens whose name is not one of the hub's options (ASP.NET Core's
    /// command-line configuration, e.g. `--Hub:WebPort=0` or `--environment=Development`), for the
    /// web host. Only for the hub itself: other commands see every token. No static state: test
    /// hosts start several hubs in one process at once.
    /// </summary>
    public static (string[] Configuration, string[] Others) SplitConfigurationTokens(string[] args)
    {
        string[] others = ["broker", "virtual-board", "run", "compile", "ports", "flash", "regional", "boards", "librarian-password"];
        if (args.Length > 0 && others.Contains(args[0])) return ([], args);
        var names = All.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        bool IsConfiguration(string a) => a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf('=') is int eq && eq > 2 && !names.Contains(a[..eq]);
        return (args.Where(IsConfiguration).ToArray(), args.Where(a => !IsConfiguration(a)).ToArray());
    }

    static async Task<int> RunAsync(ParseResult p, string[] configuration)
    {
        // Only what the librarian typed: defaults live in HubSettings, and settings from elsewhere
        // (tests, environment variables Hub__WebPort, ...) are not overridden by an option's default.
        var settings = new Dictionary<string, string?>();
        void Set<T>(Option<T> option, string key, Func<T, string?> text)
        {
            if (p.GetResult(option) is { Implicit: false }) settings[key] = text(p.GetValue(option)!);
        }
        string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Set(Port, "Hub:WebPort", Number);
        Set(MqttPort, "Hub:MqttPort", Number);
        Set(VirtualBoardCount, "Hub:VirtualBoards", Number);
        Set(LocalOnly, "Hub:Lan", local => (!local).ToString());
        Set(Club, "Hub:Club", club => club);
        Set(NoBrowser, "Hub:OpenBrowser", no => (!no).ToString());
        Set(Data, "Hub:Data", d => d?.FullName);
        Set(Lang, "Hub:Lang", l => l);
        Set(Broker, "Hub:Broker", b => b);
        Set(BoardLogins, "Hub:BoardLogins", mode => mode);
        if (settings.TryGetValue("Hub:Broker", out var broker))
        {
            try { RoboClub.Hub.Boards.BrokerAddress.Parse(broker!); }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 1;
            }
        }
        Set(Db, "Hub:Database", db => db);
        if (p.GetResult(Db) is { Implicit: false } && Telemetry.TelemetryDatabase.Problem(p.GetValue(Db)) is { } badDb)
        {
            await Console.Error.WriteLineAsync($"error: {badDb.En}\neroare: {badDb.Ro}").ConfigureAwait(false);
            return 1;
        }
        Set(ForwardTo, "Hub:ForwardTo", f => f);
        Set(ForwardKey, "Hub:ForwardKey", k => k);
        Set(ForwardSeries, "Hub:ForwardSeries", f => f);
        Set(ForwardBoards, "Hub:ForwardBoards", f => f);
        Set(Regional, "Hub:Regional", r => r.ToString());
        if (Forwarding.ForwardOptions.Problem(p.GetValue(ForwardTo), p.GetValue(ForwardKey) ?? (p.GetValue(ForwardTo) is null ? null : Environment.GetEnvironmentVariable("Hub__ForwardKey")),
                p.GetValue(ForwardSeries), p.GetValue(ForwardBoards)) is { } badForward)
        {
            await Console.Error.WriteLineAsync($"error: {badForward.En}\neroare: {badForward.Ro}").ConfigureAwait(false);
            return 1;
        }
        try
        {
            await using var app = HubApp.Build(configuration, settings);
            // Opened before the host starts, so a database that cannot be used stops the hub with its message alone.
            app.Services.GetRequiredService<RoboClub.Telemetry.ITelemetryStore>();
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (PortInUse(e) is { } port)
        {
            await Console.Error.WriteLineAsync($"error: {port} is already in use (is another hub or broker running?). Choose another port with --port or --mqtt-port.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (TelemetryProblem(e) is { } store)
        {
            // The telemetry database cannot be used (unreachable server, damaged file, ...): its message says what to do.
            await Console.Error.WriteLineAsync($"error: {store.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    static RoboClub.Telemetry.TelemetryStoreException? TelemetryProblem(Exception? e) => e switch
    {
        null => null,
        RoboClub.Telemetry.TelemetryStoreException store => store,
        AggregateException a => a.InnerExceptions.Select(TelemetryProblem).FirstOrDefault(x => x is not null),
        _ => TelemetryProblem(e.InnerException),
    };

    static string? PortInUse(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => "the MQTT port",
        IOException { InnerException: { } inner } when PortInUse(inner) is not null => "the web port",
        IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) => "the web port",
        AggregateException a => a.InnerExceptions.Select(PortInUse).FirstOrDefault(x => x is not null),
        _ => null,
    };
}
