using System.Net;
using Microsoft.Extensions.Options;
using System.Text.Json.Serialization;
using RoboClub.Hub.Api;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Live;
using RoboClub.Hub.Qr;

namespace RoboClub.Hub.Serve;

/// <summary>
/// The hub as an ASP.NET Core app: the embedded broker, the board registry and program sender,
/// the virtual boards, the REST API (`/api/...`), the live connection (`/hubs/live`) and the web
/// editor's files. Settings come from configuration section "Hub" (<see cref="HubSettings"/>).
/// </summary>
public static class HubApp
{
    /// <summary>Quiet by default: the librarian's terminal shows the hub's own lines, not request logs.</summary>
    static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null, HubConsole? console = null)
    {
        // `dotnet build` puts the page next to the program (and next to tests that reference the hub).
        string besideProgram = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            WebRootPath = Directory.Exists(besideProgram) ? besideProgram : null,
        });
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = Defaults });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);

        var services = builder.Services;
        services.AddOptions<HubSettings>().BindConfiguration(HubSettings.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(console ?? new HubConsole());
        services.AddSingleton<EmbeddedBroker>();
        // The club's own broker, or (--broker) one it shares with other hubs.
        services.AddSingleton<IHubBus>(sp => sp.GetRequiredService<IOptions<HubSettings>>().Value.Broker is { } external
            ? new ExternalBrokerBus(BrokerAddress.Parse(external), ExternalBrokerBus.ClientIdFor(sp.GetRequiredService<IOptions<HubSettings>>().Value.DataDirectory, sp.GetRequiredService<IOptions<HubSettings>>().Value.Club),
                sp.GetRequiredService<ILogger<ExternalBrokerBus>>())
            : new EmbeddedBrokerBus(sp.GetRequiredService<EmbeddedBroker>().Broker));
        services.AddSingleton<BoardNames>();
        services.AddSingleton<BoardRegistry>();
        services.AddSingleton<BoardConfigPublisher>();
        services.AddSingleton<TimePublisher>();
        services.AddSingleton<BoardCommands>();
        services.AddSingleton<ProgramSender>();
        services.AddSingleton<VirtualBoards>();
        services.AddSessions();
        services.AddProjects();
        services.AddTelemetry();
        services.AddForwarding();
        services.AddFlashing();
        services.AddLessons();
        services.AddHostedService<HubStartup>();
        services.AddHostedService<LiveNotifier>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        services.AddRequestRateLimits();
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));

        // Read when Kestrel starts (after tests and the command line have set "Hub:*").
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var s = context.Configuration.GetSection(HubSettings.Section).Get<HubSettings>() ?? new HubSettings();
            if (s.Lan) kestrel.Listen(IPAddress.Any, s.WebPort);
            else kestrel.Listen(IPAddress.Loopback, s.WebPort);
            kestrel.Limits.MaxRequestBodySize = 2 * 1024 * 1024; // a project file or a program, never more
        });

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseSessions();
        app.UseRateLimiter();
        if (Directory.Exists(app.Environment.WebRootPath))
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
        }
        else
        {
            // The web editor is built by `dotnet build` into wwwroot; without it the API still works.
            app.MapGet("/", () => Results.Content("<!doctype html><meta charset=utf-8><title>RoboClub</title><p>RoboClub hub: the web editor is not built here. API: <a href=/api/boards>/api/boards</a>", "text/html"));
        }
        app.MapHubApi();
        app.MapBoardsApi();
        app.MapCompileApi();
        app.MapSessionApi();
        app.MapExportApi();
        app.MapProjectsApi();
        app.MapBlocksApi();
        app.MapTelemetryApi();
        app.MapForwardingApi();
        app.MapFlashingApi();
        app.MapLessonsApi();
        app.MapHub<LiveHub>("/hubs/live");
        app.MapFallback("/api/{**rest}", () => Results.NotFound(new { error = new { en = "There is no such address in the hub's API.", ro = "Adresa aceasta nu există în API-ul hubului." } }));
        return app;
    }

    static void MapHubApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/hub", (Microsoft.Extensions.Options.IOptions<HubSettings> options, HubConsole console, IHubBus bus, IServiceProvider services) => new
        {
            club = options.Value.Club,
            lang = options.Value.Lang,
            pageUrls = console.PageUrls,
            mqttPort = bus is ExternalBrokerBus external ? external.Address.Port : services.GetRequiredService<EmbeddedBroker>().Broker.Port,
            version = typeof(HubApp).Assembly.GetName().Version?.ToString(3),
            lanUrl = console.LanUrl,
        });
        // The page shows this so a tablet can join by scanning (404 when the hub is local only).
        // ?path=/kiosk.html?board=station-1 makes it open that page of the hub (the kiosk's QR for phones).
        app.MapGet("/api/hub/qr.svg", (HubConsole console, string? path) =>
            Telemetry.KioskLink.Build("http://hub/", path) is null ? ApiError.BadRequest("The path must be a page of the hub, starting with '/'.", "Calea trebuie să fie o pagină a hubului și să înceapă cu „/”.")
            : console.LanUrl is { } url ? Results.Content(Qr.QrCode.Encode(Telemetry.KioskLink.Build(url, path)!).ToSvg(), "image/svg+xml")
            : Results.NotFound());
    }
}
