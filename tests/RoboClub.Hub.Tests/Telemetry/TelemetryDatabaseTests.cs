namespace RoboClub.Hub.Tests.Telemetry;

/// <summary>`roboclub serve --db …`: which telemetry store the hub opens, and what it says when it cannot.</summary>
public sealed class TelemetryDatabaseTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-db-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("mysql://u:secret@host/db", "--db takes \"sqlite\" or a PostgreSQL address", "--db primește „sqlite” sau o adresă PostgreSQL")]
    [InlineData("postgres://u:secret@host:5432/", "does not name one database", "nu numește o bază de date")]
    public async Task A_bad_database_address_is_refused_at_start_in_English_and_Romanian(string db, string english, string romanian)
    {
        await using var hub = RoboclubProcess.Start("serve", "--port", "0", "--mqtt-port", "0", "--local-only", "--no-browser", "--data", _dir, "--db", db);
        Assert.Equal(1, await hub.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("error: ", hub.Output);
        Assert.Contains(english, hub.Output);
        Assert.Contains("eroare: ", hub.Output);
        Assert.Contains(romanian, hub.Output);
        Assert.DoesNotContain("secret", hub.Output);
        Assert.False(File.Exists(Path.Combine(_dir, "telemetry.db")), "no SQLite file made instead");
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_server_stops_the_hub_with_a_clear_message()
    {
        await using var hub = RoboclubProcess.Start("serve", "--port", "0", "--mqtt-port", "0", "--local-only", "--no-browser", "--data", _dir, "--db", "postgres://hub:secret@127.0.0.1:1/roboclub");
        Assert.Equal(1, await hub.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("Cannot reach the PostgreSQL server 127.0.0.1:1/roboclub", hub.Output);
        Assert.DoesNotContain("secret", hub.Output);
        Assert.DoesNotContain("   at ", hub.Output); // a message, not a stack trace
    }
}
