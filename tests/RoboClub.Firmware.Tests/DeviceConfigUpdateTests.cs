using RoboClub.Board.Link;

namespace RoboClub.Firmware.Tests;

/// <summary>The config topic's "device" member: rewrite + reboot only on a real change; refuse bad ones, keep the old file.</summary>
public class DeviceConfigUpdateTests
{
    private readonly MemoryFlash _flash = new();
    private readonly FakeActions _actions = new();
    private readonly DeviceConfigStore _store;
    private readonly DeviceConfigUpdate _update;

    public DeviceConfigUpdateTests()
    {
        _flash.PutText(DeviceConfigStore.ConfigPath, Configs.Weather);
        _store = new DeviceConfigStore(_flash);
        _update = new DeviceConfigUpdate(_store, _store.Load()!, _actions);
    }

    private static JsonNode Message(string device) => Configs.Json("{\"telemetryPeriod\":5000,\"device\":" + device + "}");

    [Fact]
    public void Without_a_device_member_nothing_happens()
    {
        _update.OnConfig(Configs.Json("{\"telemetryPeriod\":5000}"));
        _update.OnConfig(Configs.Json("{}"));
        Assert.Empty(_actions.Reboots);
        Assert.Empty(_actions.Problems);
    }

    [Fact]
    public void The_retained_copy_of_the_same_configuration_does_not_reboot_the_board()
    {
        // Same fields, other member order and spacing: still the same configuration.
        var same = "{ \"profile\":\"weather-bme280\", \"board\":\"meteo-1\",\"club\":\"biblioteca-turda\",\"hubHost\":\"192.168.1.20\"," +
                   "\"mqttUser\":\"meteo-1\",\"mqttPassword\":\"parola-lunga\" }";
        for (int i = 0; i < 3; i++) _update.OnConfig(Message(same));
        Assert.Empty(_actions.Reboots);
        Assert.Empty(_actions.Problems);
        Assert.Equal(Configs.Weather, _flash.Text(DeviceConfigStore.ConfigPath));
    }

    [Fact]
    public void A_changed_configuration_is_written_checked_and_the_board_reboots_once()
    {
        var changed = Configs.Weather.Replace("192.168.1.20", "192.168.1.30");
        _update.OnConfig(Message(changed));
        _update.OnConfig(Message(changed)); // before the reboot happens

        Assert.Single(_actions.Reboots);
        Assert.Empty(_actions.Problems);
        Assert.Equal("192.168.1.30", DeviceConfig.Parse(_flash.Text(DeviceConfigStore.ConfigPath)).HubHost);
        Assert.Equal(Configs.Weather, _flash.Text(DeviceConfigStore.OldPath));
        Assert.True(_store.IsOnTrial);
        Assert.False(_flash.Exists(DeviceConfigStore.NewPath));
    }

    [Theory]
    [InlineData("\"text\"", "must be a JSON object")]
    [InlineData("{\"board\":\"meteo-1\"}", "missing field")]
    [InlineData("{\"board\":\"meteo-1\",\"club\":\"c\",\"hubHost\":\"h\",\"profile\":\"weather-bme280\",\"pins\":{\"led\":36}}", "can only read")]
    public void An_invalid_configuration_is_refused_with_a_clear_error_and_the_old_file_stays(string device, string reason)
    {
        _update.OnConfig(Message(device));
        Assert.Empty(_actions.Reboots);
        var (code, message) = Assert.Single(_actions.Problems);
        Assert.Equal("BadConfig", code);
        Assert.StartsWith("device config refused / configurație refuzată: ", message);
        Assert.Contains(reason, message);
        Assert.Equal(Configs.Weather, _flash.Text(DeviceConfigStore.ConfigPath));
        Assert.False(_store.IsOnTrial);
    }

    [Fact]
    public void A_configuration_that_cannot_be_saved_keeps_the_old_one()
    {
        _flash.FailWrites = true;
        _update.OnConfig(Message(Configs.Weather.Replace("meteo-1\",\"club", "meteo-2\",\"club")));
        Assert.Empty(_actions.Reboots);
        Assert.Contains("the old one stays", Assert.Single(_actions.Problems).Message);
        Assert.Equal(Configs.Weather, _flash.Text(DeviceConfigStore.ConfigPath));
    }

    [Fact]
    public void A_rolled_back_configuration_is_not_installed_again_from_the_retained_message()
    {
        var bad = Configs.Weather.Replace("192.168.1.20", "10.0.0.99");
        _update.OnConfig(Message(bad));
        Assert.True(_store.RollBack());
        Assert.Equal(Configs.Weather, _flash.Text(DeviceConfigStore.ConfigPath));

        // After the reboot with the old configuration, the hub's retained message comes back.
        var afterReboot = new DeviceConfigUpdate(_store, _store.Load()!, _actions);
        _actions.Reboots.Clear();
        afterReboot.OnConfig(Message(bad));
        Assert.Empty(_actions.Reboots);
        Assert.Contains("could not reach the hub with it", Assert.Single(_actions.Problems).Message);

        // A corrected one goes in (and clears the memory of the refused one once it reaches the hub).
        afterReboot.OnConfig(Message(Configs.Weather.Replace("192.168.1.20", "192.168.1.21")));
        Assert.Single(_actions.Reboots);
        _store.Confirm();
        Assert.Null(_store.Refused());
    }

    [Fact]
    public void Store_problems_are_explained()
    {
        var flash = new MemoryFlash();
        var store = new DeviceConfigStore(flash);
        Assert.Null(store.Load());
        Assert.Contains("no configuration", store.Problem);
        Assert.Contains("nu există configurație", store.Problem);

        flash.PutText(DeviceConfigStore.ConfigPath, "{\"board\":");
        Assert.Null(store.Load());
        Assert.Contains("roboclub.json is wrong", store.Problem);

        // A swap cut by a power loss: only the checked new file is left.
        flash.Files.Remove(DeviceConfigStore.ConfigPath);
        flash.PutText(DeviceConfigStore.NewPath, Configs.Robot);
        Assert.Equal("robot-3", store.Load()!.Board);
    }
}
