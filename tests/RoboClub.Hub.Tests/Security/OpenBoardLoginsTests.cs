using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Flashing;
using RoboClub.Hub.Serve;
using RoboClub.Hub.Tests.Api;

namespace RoboClub.Hub.Tests.Security;

/// <summary>`--board-logins open`: boards without a login get in (as before logins existed); boards
/// that do log in are still checked and held to their ACL.</summary>
public sealed class OpenBoardLoginsTests : IAsyncLifetime
{
    readonly BoardLogin _meteo = new("meteo-01", BoardCredentials.NewPassword());
    HubFactory _hub = null!;

    public async Task InitializeAsync()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-open-").FullName;
        new BoardInventory(Path.Combine(data, "inventory.db")).Save(new InventoryBoard
        {
            Name = "meteo-01", Club = "club1", Profile = "weather-bme280", MqttUser = "meteo-01", MqttPasswordHash = BoardPasswordHash.Hash(_meteo.Password),
        });
        _hub = new HubFactory(data, deleteData: true) { Settings = { ["Hub:BoardLogins"] = "open" } };
        await _hub.ReadyClientAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Anonymous_boards_get_in_and_logged_in_boards_keep_their_acl()
    {
        int port = _hub.Service<EmbeddedBroker>().Broker.Port;
        Assert.Equal(BoardLoginMode.Open, _hub.Service<EmbeddedBroker>().Security.Mode);
        using var recorder = new BusRecorder(_hub.Service<IHubBus>());

        // A hand-made board without a login, with any client id, publishes as before.
        string anonymous = Guid.NewGuid().ToString("N");
        var r = await MosquittoClients.PubAsync(MosquittoClients.Anonymous(port, "bench-42"), "roboclub/club1/robot-42/console", $$"""{"text":"{{anonymous}}"}""");
        Assert.True(r.ExitCode == 0, r.Error);
        await recorder.WaitForAsync(anonymous);

        // A known board with a wrong password is still refused.
        var wrong = await MosquittoClients.PubAsync(new BoardLogin("meteo-01", "not-it").Args(port), "roboclub/club1/meteo-01/console", "{}");
        Assert.Contains("bad user name or password", wrong.Error);

        // A board that logs in may still publish only under its own subtree.
        string intruder = Guid.NewGuid().ToString("N"), marker = Guid.NewGuid().ToString("N");
        Assert.Equal(0, (await MosquittoClients.PubAsync(_meteo.Args(port), "roboclub/club1/robot-42/cmd", intruder)).ExitCode);
        Assert.Equal(0, (await MosquittoClients.PubAsync(_meteo.Args(port), "roboclub/club1/meteo-01/console", $$"""{"text":"{{marker}}"}""")).ExitCode);
        await recorder.WaitForAsync(marker);
        Assert.False(recorder.Saw(intruder));
    }
}
