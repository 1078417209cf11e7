using RoboClub.Flashing.Provisioning;

namespace RoboClub.Flashing.Tests;

/// <summary>roboclub.json, board names and passwords.</summary>
public sealed class ProvisioningFilesTests
{
    [Fact]
    public void Roboclub_json_is_exactly_the_documented_format()
    {
        var file = new BoardConfigFile("meteo-01", "club1", "192.168.1.20", 1883, "meteo-01", "s3cr3tPassw0rd", BoardKit.WeatherBme280);
        Assert.Equal("""{"board":"meteo-01","club":"club1","hubHost":"192.168.1.20","hubPort":1883,"mqttUser":"meteo-01","mqttPassword":"s3cr3tPassw0rd","profile":"weather-bme280"}""", file.ToJson());
        Assert.Equal(file, BoardConfigFile.Parse(file.ToJson()));
    }

    [Fact]
    public void Roboclub_json_keeps_non_ascii_letters_and_escapes_quotes()
    {
        var file = new BoardConfigFile("robot-07", "club1", "hub.local", 1883, "robot-07", "a\"b\\cț", BoardKit.RobotL298n);
        string json = file.ToJson();
        Assert.Contains("a\\\"b\\\\cț", json);
        Assert.Contains("\"profile\":\"robot-l298n\"", json);
        Assert.Equal(file, BoardConfigFile.Parse(json));
    }

    [Fact]
    public void Reading_roboclub_json_back_refuses_what_the_firmware_refuses()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => BoardConfigFile.Parse(
            """{"name":"robot-01","club":"club1","hubHost":"hub.local","hubPort":1883,"mqttUser":"robot-01","mqttPassword":"p","profile":"robot-tb6612"}"""));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => BoardConfigFile.Parse(
            """{"board":"robot-01","club":"club1","hubHost":"hub.local","hubPort":1883,"mqttUser":"robot-01","mqttPassword":"p","profile":"robot"}"""));
    }

    [Fact]
    public void Names_continue_after_the_highest_number_of_the_same_kind()
    {
        Assert.Equal("meteo-01", BoardNaming.Next(BoardKind.Weather, []));
        Assert.Equal("robot-08", BoardNaming.Next(BoardKind.Robot, ["robot-01", "robot-07", "meteo-12", "robot-1", "station-1"]));
        Assert.Equal("meteo-13", BoardNaming.Next(BoardKind.Weather, ["meteo-12", "robot-30"]));
        Assert.Equal("robot-100", BoardNaming.Next(BoardKind.Robot, ["robot-99"]));
        Assert.Equal("meteo-01", BoardNaming.Next(BoardKit.WeatherDht22.Kind(), []));
        Assert.Equal("robot-01", BoardNaming.Next(BoardKit.RobotL298n.Kind(), []));
    }

    [Fact]
    public void Passwords_are_long_random_and_free_of_look_alike_characters()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => BoardCredentials.NewPassword()).ToArray();
        Assert.All(passwords, p => Assert.Equal(BoardCredentials.PasswordLength, p.Length));
        Assert.All(passwords, p => Assert.DoesNotContain(p, c => "0O1lI".Contains(c)));
        Assert.Equal(passwords.Length, passwords.Distinct().Count());
    }

    [Fact]
    public void Kits_parse_by_firmware_profile_name_or_by_kind_alone_in_both_languages()
    {
        Assert.True(BoardKits.TryParse("weather-dht22", out var dht));
        Assert.Equal(BoardKit.WeatherDht22, dht);
        Assert.True(BoardKits.TryParse(" Robot-L298N ", out var l298n));
        Assert.Equal(BoardKit.RobotL298n, l298n);
        Assert.True(BoardKits.TryParse("meteo", out var w));
        Assert.Equal(BoardKit.WeatherBme280, w);
        Assert.True(BoardKits.TryParse("Robot", out var r));
        Assert.Equal(BoardKit.RobotTb6612, r);
        Assert.True(BoardKits.TryParse("weather", out var w2));
        Assert.Equal(BoardKit.WeatherBme280, w2);
        Assert.False(BoardKits.TryParse("drone", out _));
        Assert.False(BoardKits.TryParse(null, out _));
        Assert.All(BoardKits.All, k => Assert.True(BoardKits.TryParse(k.Id(), out var same) && same == k));
    }

    [Fact]
    public void Every_kit_has_a_label_in_both_languages_and_a_kind()
    {
        Assert.Equal("Stație meteo cu BME280", BoardKit.WeatherBme280.Label().Ro);
        Assert.Equal("Robot cu driver TB6612FNG", BoardKit.RobotTb6612.Label().Ro);
        Assert.Equal("Weather station with a BME280", BoardKit.WeatherBme280.Label().En);
        Assert.Equal(BoardKit.RobotTb6612.Label().Ro, BoardKits.Default(BoardKind.Robot).Label().Ro);
        Assert.Equal(4, BoardKits.All.Select(k => k.Label().Ro).Distinct().Count());
        Assert.Equal(4, BoardKits.All.Select(k => k.Label().En).Distinct().Count());
        Assert.Equal([BoardKind.Robot, BoardKind.Robot, BoardKind.Weather, BoardKind.Weather], BoardKits.All.Select(k => k.Kind()));
    }
}
