using RoboClub.Flashing.Provisioning;

namespace RoboClub.Flashing.Tests;

/// <summary>roboclub.json, board names and passwords.</summary>
public sealed class ProvisioningFilesTests
{
    [Fact]
    public void Roboclub_json_is_exactly_the_documented_format()
    {
        var file = new BoardConfigFile("meteo-01", "club1", "192.168.1.20", 1883, "meteo-01", "s3cr3tPassw0rd", BoardProfile.Weather);
        Assert.Equal("""{"name":"meteo-01","club":"club1","hubHost":"192.168.1.20","hubPort":1883,"mqttUser":"meteo-01","mqttPassword":"s3cr3tPassw0rd","profile":"weather"}""", file.ToJson());
        Assert.Equal(file, BoardConfigFile.Parse(file.ToJson()));
    }

    [Fact]
    public void Roboclub_json_keeps_romanian_letters_and_escapes_quotes()
    {
        var file = new BoardConfigFile("robot-07", "Biblioteca Județeană", "hub.local", 1883, "robot-07", "a\"b\\c", BoardProfile.Robot);
        string json = file.ToJson();
        Assert.Contains("Biblioteca Județeană", json);
        Assert.Contains("\"profile\":\"robot\"", json);
        Assert.Equal(file, BoardConfigFile.Parse(json));
    }

    [Fact]
    public void Names_continue_after_the_highest_number_of_the_same_profile()
    {
        Assert.Equal("meteo-01", BoardNaming.Next(BoardProfile.Weather, []));
        Assert.Equal("robot-08", BoardNaming.Next(BoardProfile.Robot, ["robot-01", "robot-07", "meteo-12", "robot-1", "station-1"]));
        Assert.Equal("meteo-13", BoardNaming.Next(BoardProfile.Weather, ["meteo-12", "robot-30"]));
        Assert.Equal("robot-100", BoardNaming.Next(BoardProfile.Robot, ["robot-99"]));
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
    public void Profiles_parse_in_both_languages()
    {
        Assert.True(BoardProfiles.TryParse("meteo", out var w));
        Assert.Equal(BoardProfile.Weather, w);
        Assert.True(BoardProfiles.TryParse("Robot", out var r));
        Assert.Equal(BoardProfile.Robot, r);
        Assert.False(BoardProfiles.TryParse("drone", out _));
    }
}
