using Microsoft.Data.Sqlite;
using RoboClub.Flashing.Tests;
using RoboClub.Hub.Flashing;

namespace RoboClub.Browser.Tests;

/// <summary>The inventory records the kit; an inventory from before kits (robot/weather only) is upgraded in place.</summary>
public sealed class FlashingInventoryTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public void An_inventory_from_before_kits_gets_the_default_kit_of_each_kind_and_then_takes_any_kit()
    {
        string path = _folder.Combine("inventory.db");
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE boards (
                  name TEXT PRIMARY KEY,
                  club TEXT NOT NULL,
                  profile TEXT NOT NULL CHECK (profile IN ('robot','weather')),
                  chip TEXT, mac TEXT, usb_id TEXT, usb_serial TEXT, firmware TEXT, app_hash TEXT,
                  mqtt_user TEXT NOT NULL,
                  mqtt_password_hash TEXT NOT NULL,
                  provisioned_at_ms INTEGER NOT NULL,
                  first_online_ms INTEGER
                );
                INSERT INTO boards VALUES ('robot-01', 'club1', 'robot', 'ESP32-D0WD-V3', NULL, '10c4:ea60', '0001', NULL, NULL, 'robot-01', 'pbkdf2-sha256$x', 1000, 2000);
                INSERT INTO boards VALUES ('meteo-01', 'club1', 'weather', NULL, NULL, NULL, NULL, NULL, NULL, 'meteo-01', 'pbkdf2-sha256$y', 1000, NULL);
                """;
            cmd.ExecuteNonQuery();
        }

        var inventory = new BoardInventory(path);
        Assert.Equal(("robot-tb6612", "0001", "ESP32-D0WD-V3"), (inventory.Find("robot-01")!.Profile, inventory.Find("robot-01")!.UsbSerial, inventory.Find("robot-01")!.Chip));
        Assert.NotNull(inventory.Find("robot-01")!.FirstOnline);
        Assert.Equal("weather-bme280", inventory.Find("meteo-01")!.Profile);

        inventory.Save(new InventoryBoard { Name = "meteo-02", Club = "club1", Profile = "weather-dht22", MqttUser = "meteo-02", MqttPasswordHash = "h" });
        Assert.Equal("weather-dht22", new BoardInventory(path).Find("meteo-02")!.Profile);
        Assert.Throws<SqliteException>(() => inventory.Save(new InventoryBoard { Name = "x-01", Club = "club1", Profile = "weather", MqttUser = "x-01", MqttPasswordHash = "h" }));
        Assert.Equal(3, inventory.All().Count);
    }
}
