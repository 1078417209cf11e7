using System.Net.Http.Json;
using System.Text.Json;
using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Flashing;
using RoboClub.Hub.Serve;
using RoboClub.Hub.Tests.Api;

namespace RoboClub.Hub.Tests.Security;

/// <summary>`roboclub virtual-board` (another process) on a hub that requires logins.</summary>
public sealed class VirtualBoardLoginTests
{
    [Fact]
    public async Task A_virtual_board_process_comes_online_with_its_login_and_is_refused_clearly_without()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-vb-").FullName;
        string password = BoardCredentials.NewPassword();
        new BoardInventory(Path.Combine(data, "inventory.db")).Save(new InventoryBoard
        {
            Name = "robot-09", Club = "club1", Profile = "robot-tb6612", MqttUser = "robot-09", MqttPasswordHash = BoardPasswordHash.Hash(password),
        });
        await using var hub = new HubFactory(data, deleteData: true);
        var client = await hub.ReadyClientAsync();
        string broker = $"mqtt://127.0.0.1:{hub.Service<EmbeddedBroker>().Broker.Port}";

        await using (var refused = RoboclubProcess.Start("virtual-board", "--name", "robot-09", "--broker", broker))
        {
            Assert.Equal(1, await refused.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("refused board 'robot-09' (NotAuthorized)", refused.Output);
            Assert.Contains("roboclub boards add-login robot-09", refused.Output);
        }

        await using var board = RoboclubProcess.Start("virtual-board", "--name", "robot-09", "--broker", broker, "--user", "robot-09", "--password", password);
        await board.WaitForLineAsync("connected to", TimeSpan.FromSeconds(60));
        JsonElement view = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var response = await client.GetAsync("/api/boards/robot-09");
            if (response.IsSuccessStatusCode && (view = await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("online").GetBoolean()) break;
        }
        Assert.True(view.ValueKind == JsonValueKind.Object && view.GetProperty("online").GetBoolean(), "robot-09 never came online:\n" + board.Output);
    }
}
