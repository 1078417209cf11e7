using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Flashing;
using RoboClub.Hub.Serve;
using RoboClub.Hub.Tests.Api;
using RoboClub.Mqtt.Tests.Peers;

namespace RoboClub.Hub.Tests.Security;

/// <summary>
/// Browsers never get broker credentials: every GET endpoint the hub maps (and its pages) is fetched,
/// and none may contain the external broker's password, a virtual board's run-time password or a
/// board's password hash. The web app is the only path to the boards.
/// </summary>
public sealed class BrowsersGetNoBrokerCredentialsTests
{
    /// <summary>Fetches the pages and every GET route (parameters filled with real names) and returns what failed.</summary>
    static async Task<List<string>> LeaksAsync(HubFactory hub, HttpClient client, IEnumerable<string> secrets)
    {
        var urls = new List<string> { "/", "/index.html", "/kiosk.html" };
        foreach (var endpoint in hub.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET")) continue;
            var pattern = endpoint.RoutePattern;
            if (pattern.Parameters.Any(p => p.IsCatchAll)) continue;
            string url = "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart l => l.Content,
                RoutePatternParameterPart { Name: "board" } => "robot-1",
                RoutePatternParameterPart { Name: "series" } => "temperatura",
                RoutePatternParameterPart p => p.Name is "id" or "n" or "child" ? "1" : "x",
                _ => "",
            }))));
            urls.Add(url);
        }
        Assert.Contains("/api/hub", urls);
        Assert.Contains("/api/flashing/inventory", urls);
        var leaks = new List<string>();
        foreach (var url in urls.Distinct())
        {
            string body = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
            foreach (var secret in secrets)
                if (body.Contains(secret, StringComparison.Ordinal)) leaks.Add($"{url} contains '{secret}'");
        }
        return leaks;
    }

    [Fact]
    public async Task No_page_or_api_response_holds_a_boards_password_or_hash()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-leak-").FullName;
        string hash = BoardPasswordHash.Hash(BoardCredentials.NewPassword());
        new BoardInventory(Path.Combine(data, "inventory.db")).Save(new InventoryBoard { Name = "meteo-01", Club = "club1", Profile = "weather-bme280", MqttUser = "meteo-01", MqttPasswordHash = hash });
        await using var hub = new HubFactory(data, deleteData: true);
        var client = await hub.ReadyClientAsync();
        var secrets = hub.Service<VirtualBoards>().Boards.Select(b => b.Options.Password!).Append(hash).Append(hash.Split('$')[^1]).ToList();
        Assert.Equal(4, secrets.Count);
        Assert.Contains("meteo-01", await client.GetStringAsync("/api/flashing/inventory")); // the board is listed, without its hash
        Assert.Empty(await LeaksAsync(hub, client, secrets));
    }

    [Fact]
    public async Task No_page_or_api_response_holds_the_external_brokers_password()
    {
        const string password = "parolă-hub-ș3cretă";
        await using var mosquitto = await MosquittoFixture.StartAsync(new MosquittoConfig { Users = new() { ["hub-arad"] = password } });
        string url = $"mqtt://hub-arad:{Uri.EscapeDataString(password)}@127.0.0.1:{mosquitto.Port}";
        await using var hub = new HubFactory { Settings = { ["Hub:Broker"] = url } };
        var client = await hub.ReadyClientAsync();
        Assert.Empty(await LeaksAsync(hub, client, [password, Uri.EscapeDataString(password), "hub-arad:"]));
    }
}
