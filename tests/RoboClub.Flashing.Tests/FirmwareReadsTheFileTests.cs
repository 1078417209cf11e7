using RoboClub.Firmware;
using RoboClub.Flashing.Provisioning;
using FirmwareProfiles = RoboClub.Firmware.Profiles.BoardProfiles;

namespace RoboClub.Flashing.Tests;

/// <summary>
/// The drift guard: the roboclub.json the flashing tool writes is read here by the firmware's own parser
/// (DeviceConfig from firmware/RoboClub.Firmware.Esp32, compiled into this project as linked files), for
/// every kit. If either side renames a key or a profile, these tests fail before a board is flashed with
/// a file it refuses.
/// </summary>
public sealed class FirmwareReadsTheFileTests
{
    public static TheoryData<BoardKit> Kits => new(BoardKits.All);

    [Theory]
    [MemberData(nameof(Kits))]
    public void The_firmware_accepts_the_file_the_flashing_tool_writes_for_every_kit(BoardKit kit)
    {
        string name = BoardNaming.Next(kit.Kind(), []);
        var file = new BoardConfigFile(name, "club1", "192.168.1.20", 1883, name, BoardCredentials.NewPassword(), kit);

        var read = DeviceConfig.Parse(file.ToJson());

        Assert.Equal((file.Board, file.Club, file.HubHost, file.HubPort, file.MqttUser, file.MqttPassword, kit.Id()),
            (read.Board, read.Club, read.HubHost, read.HubPort, read.MqttUser, read.MqttPassword, read.Profile));
        Assert.Equal("", read.WifiSsid); // Wi-Fi comes from nanoff's --networkdeployment
        Assert.Equal("", read.WifiPassword);
        Assert.Empty(read.Pins); // the kit's own wiring
        Assert.Equal(kit.Id(), read.ResolveProfile().Name);
        // And what the firmware would write back is what the flashing tool wrote.
        Assert.Equal(file, BoardConfigFile.Parse(read.ToJson()));
    }

    [Fact]
    public void Every_firmware_profile_is_a_kit_the_librarian_can_choose_and_no_other()
    {
        Assert.Equal(FirmwareProfiles.Names.Order(StringComparer.Ordinal), BoardKits.All.Select(k => k.Id()).Order(StringComparer.Ordinal));
        Assert.All(BoardKits.All, k => Assert.NotNull(FirmwareProfiles.Find(k.Id())));
    }

    [Fact]
    public void The_firmware_accepts_a_hub_name_and_another_port()
    {
        var file = new BoardConfigFile("robot-100", "biblioteca-judeteana", "hub.local", 8883, "robot-100", "a\"b\\c{}", BoardKit.RobotL298n);
        var read = DeviceConfig.Parse(file.ToJson());
        Assert.Equal(("robot-100", "biblioteca-judeteana", "hub.local", 8883, "a\"b\\c{}", "robot-l298n"),
            (read.Board, read.Club, read.HubHost, read.HubPort, read.MqttPassword, read.Profile));
    }

    [Theory]
    [InlineData("\"board\":", "\"name\":", "unknown field \"name\"")] // what the flashing tool wrote before
    [InlineData("\"profile\":\"weather-bme280\"", "\"profile\":\"weather\"", "unknown profile \"weather\"")]
    [InlineData("\"hubHost\":", "\"hubhost\":", "unknown field \"hubhost\"")]
    public void The_firmware_refuses_a_file_with_a_wrong_key_or_profile(string from, string to, string reason)
    {
        string json = new BoardConfigFile("meteo-01", "club1", "192.168.1.20", 1883, "meteo-01", "pw-12345", BoardKit.WeatherBme280).ToJson();
        Assert.Contains(from, json);
        var e = Assert.Throws<ConfigException>(() => DeviceConfig.Parse(json.Replace(from, to, StringComparison.Ordinal)));
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("192.168.1.20", true)]
    [InlineData("hub.local", true)]
    [InlineData("Hub-PC", true)]
    [InlineData("fe80::1", false)]
    [InlineData("hub pc", false)]
    [InlineData("hub_pc", false)]
    [InlineData("", false)]
    public void The_hub_address_check_before_a_batch_agrees_with_the_firmware(string host, bool usable)
    {
        Assert.Equal(usable, BoardConfigFile.CheckHubHost(host) is null);
        string json = new BoardConfigFile("robot-01", "club1", host, 1883, "robot-01", "pw-12345", BoardKit.RobotTb6612).ToJson();
        if (usable) Assert.Equal(host, DeviceConfig.Parse(json).HubHost);
        else Assert.Throws<ConfigException>(() => DeviceConfig.Parse(json));
    }
}
