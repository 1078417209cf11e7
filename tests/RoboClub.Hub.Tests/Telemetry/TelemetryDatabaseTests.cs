using System.Net.Http.Json;
using Npgsql;
using RoboClub.Telemetry.Tests;

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

    [Fact]
    public async Task With_a_postgres_address_the_hub_keeps_its_telemetry_in_that_database()
    {
        using var server = new PostgresServer();
        string schema = new NpgsqlConnectionStringBuilder(await server.NewSchemaAsync()).SearchPath!;
        await using var hub = RoboclubProcess.Start("serve", "--port", "0", "--mqtt-port", "0", "--local-only", "--no-browser", "--virtual-boards", "0", "--data", _dir,
            "--db", $"postgres://roboclub@127.0.0.1:{server.Port}/postgres?schema={schema}");
        string web = (await hub.WaitForLineAsync(@"Editor: (http://localhost:\d+/)", TimeSpan.FromSeconds(90))).Groups[1].Value;

        using var http = new HttpClient { BaseAddress = new Uri(web) };
        (await http.PostAsJsonAsync("/api/librarian/setup", new { password = "biblioteca-2026" })).EnsureSuccessStatusCode(); // settings are the librarian's
        (await http.PutAsJsonAsync("/api/telemetry/settings", new { retentionDays = 12, sampleIntervalMs = 2000 })).EnsureSuccessStatusCode();

        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { SearchPath = schema }.ConnectionString);
        await c.OpenAsync();
        await using var settings = new NpgsqlCommand("SELECT club, retention_days, sample_interval_ms FROM telemetry_club_settings", c);
        await using (var r = await settings.ExecuteReaderAsync())
        {
            Assert.True(await r.ReadAsync());
            Assert.Equal(("club1", 12, 2000), (r.GetString(0), r.GetInt32(1), r.GetInt32(2)));
        }
        Assert.False(File.Exists(Path.Combine(_dir, "telemetry.db")), "no SQLite file beside it");
        await hub.SignalAsync("TERM");
        Assert.Equal(0, await hub.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
