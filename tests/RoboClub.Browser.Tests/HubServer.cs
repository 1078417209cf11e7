using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RoboClub.Browser.Tests;

/// <summary>The real hub on a real loopback port (Kestrel) for the browser: its broker on a free port,
/// two virtual boards, data in a temporary folder deleted afterwards.</summary>
public sealed class HubServer : WebApplicationFactory<RoboClub.Hub.Program>
{
    public string DataDirectory { get; init; } = "";
    bool _ownsData;
    public string Url { get; private set; } = "";
    public string Lang { get; init; } = "ro";
    /// <summary>Hub:Lan (false: local only). True also listens on the network, so the page shows its QR code.</summary>
    public bool Lan { get; init; }
    /// <summary>More "Hub:*" settings (e.g. Hub:Regional).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Hub:WebPort", "0");
        builder.UseSetting("Hub:MqttPort", "0");
        builder.UseSetting("Hub:Lan", Lan ? "true" : "false");
        builder.UseSetting("Hub:Data", DataDirectory);
        builder.UseSetting("Hub:VirtualBoards", "2");
        builder.UseSetting("Hub:OpenBrowser", "false");
        builder.UseSetting("Hub:Lang", Lang);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>A hub on a fresh data folder, or on <paramref name="dataDirectory"/> (kept) to test a restart;
    /// <paramref name="lan"/> also listens on the network, so the page shows its QR code.</summary>
    public static HubServer Start(string lang = "ro", string? dataDirectory = null, bool lan = false, Dictionary<string, string>? settings = null)
    {
        var hub = new HubServer
        {
            Settings = settings ?? [],
            Lang = lang,
            Lan = lan,
            DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("roboclub-browser-").FullName,
            _ownsData = dataDirectory is null,
        };
        hub.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        hub.StartServer();
        hub.Url = hub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal)).TrimEnd('/');
        return hub;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsData)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
