using RoboClub.Firmware.Profiles;

namespace RoboClub.Firmware.Tests;

/// <summary>roboclub.json / the config's "device" member: read strictly, refused with a bilingual reason.</summary>
public class DeviceConfigTests
{
    [Fact]
    public void A_complete_file_is_read()
    {
        var c = DeviceConfig.Parse(Configs.Robot);
        Assert.Equal("robot-3", c.Board);
        Assert.Equal("biblioteca-turda", c.Club);
        Assert.Equal("hub.local", c.HubHost);
        Assert.Equal(1883, c.HubPort); // default
        Assert.Equal("", c.MqttUser);
        Assert.Equal("Biblioteca", c.WifiSsid);
        Assert.Equal(BoardProfiles.RobotTb6612, c.ResolveProfile().Name);
    }

    [Fact]
    public void Written_json_reads_back_the_same_and_pins_keep_no_order()
    {
        var c = DeviceConfig.Parse(Configs.Weather.Replace("}", ",\"pins\":{\"rain\":26,\"led\":25}}"));
        var back = DeviceConfig.Parse(c.ToJson());
        Assert.True(back.SameAs(c));
        Assert.Contains("\"pins\":{\"led\":25,\"rain\":26}", c.ToJson());

        var reordered = DeviceConfig.Parse(Configs.Weather.Replace("}", ",\"pins\":{\"led\":25,\"rain\":26}}"));
        Assert.True(reordered.SameAs(c));
        Assert.False(DeviceConfig.Parse(Configs.Weather).SameAs(c));
        Assert.False(DeviceConfig.Parse(Configs.Weather.Replace("1883", "1884")).SameAs(DeviceConfig.Parse(Configs.Weather)));
    }

    [Theory]
    [InlineData("not json", "not valid JSON", "nu este JSON valid")]
    [InlineData("[1]", "must be a JSON object", "trebuie să fie un obiect JSON")]
    [InlineData("{\"board\":\"meteo-1\"}", "missing field \"club\"", "lipsește câmpul \"club\"")]
    [InlineData("WEATHER+\"colour\":1", "unknown field \"colour\"", "câmp necunoscut")]
    [InlineData("WEATHER/1883/70000", "\"hubPort\" must be a whole number from 1 to 65535", "între 1 și 65535")]
    [InlineData("WEATHER/1883/\"1883\"", "\"hubPort\" must be a whole number", "număr întreg")]
    [InlineData("WEATHER/meteo-1\",\"club/Meteo 1\",\"club", "board name \"Meteo 1\"", "litere mici")]
    [InlineData("WEATHER/192.168.1.20/http://hub", "\"hubHost\" must be the hub PC's address", "adresa calculatorului hub")]
    [InlineData("WEATHER/weather-bme280/weather-bmp180", "unknown profile \"weather-bmp180\"", "profil necunoscut")]
    [InlineData("WEATHER+\"wifiSsid\":\"B\",\"wifiPassword\":\"short\"", "8 to 63 characters", "între 8 și 63")]
    [InlineData("WEATHER+\"wifiPassword\":\"longenough\"", "without \"wifiSsid\"", "fără \"wifiSsid\"")]
    [InlineData("WEATHER+\"pins\":{\"light\":4}", "ADC2", "ADC2")]
    [InlineData("WEATHER+\"pins\":{\"motorLeftPwm\":4}", "no wire called \"motorLeftPwm\"", "niciun fir numit")]
    [InlineData("WEATHER+\"pins\":{\"led\":40}", "\"led\" must be a whole number from -1 to 39", "între -1 și 39")]
    public void Bad_configurations_are_refused_in_both_languages(string json, string english, string romanian)
    {
        json = Expand(json);
        var e = Assert.Throws<ConfigException>(() => DeviceConfig.Parse(json));
        Assert.Contains(english, e.Message);
        Assert.Contains(romanian, e.Message);
        Assert.Contains(" / ", e.Message);
    }

    /// <summary>"WEATHER+members" adds members; "WEATHER/old/new" replaces text in the weather config.</summary>
    private static string Expand(string json)
    {
        if (json.StartsWith("WEATHER+", StringComparison.Ordinal))
        {
            return Configs.Weather[..^1] + "," + json["WEATHER+".Length..] + "}";
        }
        if (json.StartsWith("WEATHER/", StringComparison.Ordinal))
        {
            var parts = json["WEATHER/".Length..].Split('/', 2);
            Assert.Contains(parts[0], Configs.Weather);
            return Configs.Weather.Replace(parts[0], parts[1]);
        }
        return json;
    }
}
