using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using RoboClub.Hub.Telemetry;
using RoboClub.Hub.Tests.Api;
using RoboClub.Mqtt.Tests.Peers;
using RoboClub.Telemetry.Tests;
using Xunit.Abstractions;

namespace RoboClub.Hub.Tests.Forwarding;

/// <summary>
/// Several hubs on one external broker (a real mosquitto) and one PostgreSQL database, as a network
/// of clubs would run them (docs/scaling.md, *Several hubs side by side*).
/// </summary>
public sealed class SideBySideTests(ITestOutputHelper output) : IAsyncLifetime
{
    MosquittoFixture _mosquitto = null!;
    PostgresServer _postgres = null!;
    string _db = null!, _schema = null!;

    public async Task InitializeAsync()
    {
        _mosquitto = await MosquittoFixture.StartAsync();
        _postgres = new PostgresServer();
        _schema = new NpgsqlConnectionStringBuilder(await _postgres.NewSchemaAsync()).SearchPath!;
        _db = $"postgres://roboclub@127.0.0.1:{_postgres.Port}/postgres?schema={_schema}";
    }

    public async Task DisposeAsync()
    {
        await _mosquitto.DisposeAsync();
        _postgres.Dispose();
    }

    HubFactory Hub(string club, int virtualBoards) => new()
    {
        Settings =
        {
            ["Hub:Club"] = club, ["Hub:Broker"] = $"mqtt://127.0.0.1:{_mosquitto.Port}", ["Hub:Database"] = _db,
            ["Hub:VirtualBoards"] = virtualBoards.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    async Task<List<long>> TimesAsync(string club, string board, string series)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgres.AdminConnectionString) { SearchPath = _schema }.ConnectionString);
        await c.OpenAsync();
        await using var q = new NpgsqlCommand("SELECT x.t FROM telemetry_series s JOIN telemetry_samples x ON x.series_id = s.id WHERE s.club = $1 AND s.board = $2 AND s.name = $3 ORDER BY x.t", c);
        q.Parameters.Add(new NpgsqlParameter<string> { TypedValue = club });
        q.Parameters.Add(new NpgsqlParameter<string> { TypedValue = board });
        q.Parameters.Add(new NpgsqlParameter<string> { TypedValue = series });
        var list = new List<long>();
        await using var r = await q.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetInt64(0));
        return list;
    }

    static async Task<long> CountAsync(HttpClient client, string board, string series)
    {
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/telemetry/{board}/series");
        return list.EnumerateArray().Where(s => s.GetProperty("series").GetString() == series).Select(s => s.GetProperty("count").GetInt64()).FirstOrDefault();
    }

    [Fact]
    public async Task Two_clubs_share_one_broker_and_one_database_and_each_sees_only_its_own()
    {
        await using var arad = Hub("arad", 2);
        await using var cluj = Hub("cluj", 2);
        var aradHttp = await arad.ReadyClientAsync();
        var clujHttp = await cluj.ReadyClientAsync();

        // Each hub lists its own two virtual boards only, though all four are on the same broker.
        foreach (var http in new[] { aradHttp, clujHttp })
            Assert.Equal(["robot-1", "station-1"], (await http.GetFromJsonAsync<JsonElement>("/api/boards")).EnumerateArray().Select(b => b.GetProperty("board").GetString()!).Order());

        // Different programs on the two clubs' station-1: each club's data stays under its club.
        Assert.Equal(HttpStatusCode.OK, (await aradHttp.PostAsJsonAsync("/api/boards/station-1/program", new { source = "Every(100, () => { Plot(\"a\", 1); });" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clujHttp.PostAsJsonAsync("/api/boards/station-1/program", new { source = "Every(100, () => { Plot(\"c\", 2); });" })).StatusCode);
        for (int i = 0; i < 200 && (await CountAsync(aradHttp, "station-1", "a") < 5 || await CountAsync(clujHttp, "station-1", "c") < 5); i++) await Task.Delay(100);
        Assert.True(await CountAsync(aradHttp, "station-1", "a") >= 5);
        Assert.True(await CountAsync(clujHttp, "station-1", "c") >= 5);
        Assert.Equal(0, await CountAsync(aradHttp, "station-1", "c"));
        Assert.Equal(0, await CountAsync(clujHttp, "station-1", "a"));
        Assert.Empty(await TimesAsync("arad", "station-1", "c"));
        Assert.Equal(HttpStatusCode.NotFound, (await aradHttp.GetAsync("/api/telemetry/station-1/series?club=cluj")).StatusCode);

        // One club's settings do not touch the other's; stopping one hub leaves the other running.
        Assert.Equal(HttpStatusCode.OK, (await aradHttp.PutAsJsonAsync("/api/telemetry/settings", new { retentionDays = 3, sampleIntervalMs = 2000 })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await clujHttp.GetFromJsonAsync<JsonElement>("/api/telemetry/settings")).GetProperty("retentionDays").ValueKind);
        await arad.DisposeAsync();
        long before = await CountAsync(clujHttp, "station-1", "c");
        for (int i = 0; i < 100 && await CountAsync(clujHttp, "station-1", "c") <= before + 5; i++) await Task.Delay(100);
        Assert.True(await CountAsync(clujHttp, "station-1", "c") > before + 5);
    }

    [Fact]
    public async Task Two_hubs_of_the_same_club_both_hear_every_batch_and_the_database_keeps_it_once()
    {
        // Both hubs hear every batch and date it by their own reception time; the batch's fingerprint, stored with it
        // in the shared database (one per club, board and fingerprint), makes the second hub's copy a repeat.
        await using var first = Hub("club1", 2);
        await using var second = Hub("club1", 0);
        var http = await first.ReadyClientAsync();
        var other = second.CreateClient();
        Assert.Equal(2, (await other.GetFromJsonAsync<JsonElement>("/api/boards")).GetArrayLength()); // the second hub sees the same boards
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/boards/station-1/program", new { source = "Every(200, () => { Plot(\"t\", 1); });" })).StatusCode);
        var ingests = new[] { first.Service<TelemetryIngest>(), second.Service<TelemetryIngest>() };
        for (int i = 0; i < 300 && ingests.Any(x => x.Received < 40); i++) await Task.Delay(100);
        Assert.All(ingests, x => Assert.True(x.Received >= 40, $"{x.Received} samples received")); // each hub hears every batch
        await first.Service<RoboClub.Telemetry.ITelemetryStore>().FlushAsync();
        await second.Service<RoboClub.Telemetry.ITelemetryStore>().FlushAsync();
        var times = await TimesAsync("club1", "station-1", "t");
        // The board plots every 200 ms: samples closer than 100 ms are the same sample stored by both hubs.
        int doubles = times.Zip(times.Skip(1)).Count(p => p.Second - p.First < 100);
        output.WriteLine($"{times.Count} rows, {doubles} pairs closer than 100 ms (received: {ingests[0].Received} and {ingests[1].Received})");
        Assert.True(times.Count >= 30, $"{times.Count} rows"); // nothing lost
        Assert.Equal(0, doubles); // and nothing stored twice
    }
}
