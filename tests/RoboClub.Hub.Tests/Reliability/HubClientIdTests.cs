using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Tests.Reliability;

/// <summary>
/// The hub's client id on an external broker is its persistent session's name: the same after a
/// restart on the same data folder (so the broker hands it the messages queued meanwhile), different
/// for another hub's folder (so hubs sharing a broker never take each other's session).
/// </summary>
public sealed class HubClientIdTests : IDisposable
{
    readonly string _a = Directory.CreateTempSubdirectory("roboclub-id-").FullName;
    readonly string _b = Directory.CreateTempSubdirectory("roboclub-id-").FullName;

    public void Dispose()
    {
        Directory.Delete(_a, recursive: true);
        Directory.Delete(_b, recursive: true);
    }

    [Fact]
    public void The_id_is_kept_in_the_data_folder_and_differs_between_folders()
    {
        string first = ExternalBrokerBus.ClientIdFor(_a, "brașov-1");
        Assert.Equal(first, ExternalBrokerBus.ClientIdFor(_a, "brașov-1"));
        Assert.StartsWith("roboclub-hub-braov-1-", first); // MQTT-safe: letters, digits and '-' only
        Assert.Matches("^[A-Za-z0-9-]+$", first);
        Assert.NotEqual(first, ExternalBrokerBus.ClientIdFor(_b, "brașov-1"));
    }

    [Fact]
    public void A_damaged_id_file_is_replaced()
    {
        File.WriteAllText(Path.Combine(_a, "broker-client-id.txt"), "not an id/#\n");
        string id = ExternalBrokerBus.ClientIdFor(_a, "arad");
        Assert.StartsWith("roboclub-hub-arad-", id);
        Assert.Equal(id, File.ReadAllText(Path.Combine(_a, "broker-client-id.txt")).Trim());
    }
}
