using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Flashing;
using RoboClub.Hub.Serve;
using RoboClub.Hub.Tests.Api;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Tests.Security;

/// <summary>
/// A real hub with board logins required (the default) and three boards in its inventory, provisioned
/// as flashing does (a random password, only its hash stored): meteo-01 and robot-07 with today's
/// hash, old-01 with the slow pbkdf2-sha256 hash that flashing stored before.
/// </summary>
public sealed class SecuredHub : IAsyncLifetime
{
    internal BoardLogin Meteo { get; } = new("meteo-01", BoardCredentials.NewPassword());
    internal BoardLogin Robot { get; } = new("robot-07", BoardCredentials.NewPassword());
    internal BoardLogin Old { get; } = new("old-01", BoardCredentials.NewPassword());

    public HubFactory Hub { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public int MqttPort => Hub.Service<EmbeddedBroker>().Broker.Port;

    public async Task InitializeAsync()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-acl-").FullName;
        var inventory = new BoardInventory(Path.Combine(data, "inventory.db"));
        Provision(inventory, Meteo, "weather-bme280", BoardPasswordHash.Hash(Meteo.Password));
        Provision(inventory, Robot, "robot-tb6612", BoardPasswordHash.Hash(Robot.Password));
        Provision(inventory, Old, "robot-tb6612", PasswordHasher.Hash(Old.Password).ToString());
        Hub = new HubFactory(data, deleteData: true);
        Client = await Hub.ReadyClientAsync();
    }

    static void Provision(BoardInventory inventory, BoardLogin login, string kit, string hash) =>
        inventory.Save(new InventoryBoard { Name = login.Board, Club = "club1", Profile = kit, MqttUser = login.Board, MqttPasswordHash = hash, ProvisionedAt = DateTimeOffset.UtcNow });

    public async Task DisposeAsync() => await Hub.DisposeAsync();
}
