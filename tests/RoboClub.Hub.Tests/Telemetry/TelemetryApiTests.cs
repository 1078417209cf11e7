using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RoboClub.Board.Link;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Telemetry;
using RoboClub.Hub.Tests.Api;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Tests.Telemetry;

/// <summary>One hub for the class (fewer hubs starting beside other test classes); tests use their own
/// board names and put the club's settings back.</summary>
public sealed class TelemetryHub : IAsyncLifetime
{
    public HubFactory Hub { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public async Task InitializeAsync() => Client = await Hub.ReadyClientAsync();
    public async Task DisposeAsync() => await Hub.DisposeAsync();
}

/// <summary>
/// Runs alone, after the parallel classes: WebApplicationFactory hosts starting at the same moment in
/// several classes sometimes pick up each other's host (ObjectDisposedException in CreateClient).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryHubCollection
{
    public const string Name = "telemetry hub";
}

/// <summary>/api/telemetry through the real hub: a virtual weather station running a Plot program,
/// plus batches with known times handed to the ingest (exact CSV rows and buckets).</summary>
[Collection(TelemetryHubCollection.Name)]
public sealed class TelemetryApiTests(TelemetryHub fixture) : IClassFixture<TelemetryHub>, IAsyncLifetime
{
    readonly HubFactory _hub = fixture.Hub;
    readonly HttpClient _client = fixture.Client;

    public Task InitializeAsync() => Task.CompletedTask;

    // Settings are the club's: every test leaves them as a new hub has them (keep forever).
    public async Task DisposeAsync() => await _client.PutAsJsonAsync("/api/telemetry/settings", new { retentionDays = (int?)null, sampleIntervalMs = (int?)null });

    const long T0 = 1_795_255_200_000; // 2026-11-21T10:00:00Z

    static TelemetryPayload Batch(string json) => TelemetryPayload.Decode(Encoding.UTF8.GetBytes(json));

    async Task IngestAsync(string board, string json, long receivedMs)
    {
        _hub.Service<TelemetryIngest>().Ingest(board, Batch(json), receivedMs);
        await _hub.Service<ITelemetryStore>().FlushAsync();
    }

    [Fact]
    public async Task The_weather_station_plots_and_the_hub_stores_lists_and_pushes_its_points_live()
    {
        await using var live = await LiveClient.ConnectAsync(_hub.Server);
        await live.InvokeAsync("FollowTelemetry");
        var sent = await _client.PostAsJsonAsync("/api/boards/station-1/program", new { source = "while (true) {\n  Plot(\"temperatura\", Weather.Temperature);\n  Plot(\"umiditate\", Weather.Humidity);\n  Wait(100);\n}\n" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        // Live: one "telemetry" push holds several series' points as [tMs, v] pairs, dated near now.
        var push = await live.NextPushAsync("telemetry", p => p.EnumerateArray().Any(s => s.GetProperty("series").GetString() == "temperatura"));
        var temp = push.EnumerateArray().First(s => s.GetProperty("series").GetString() == "temperatura");
        Assert.Equal("station-1", temp.GetProperty("board").GetString());
        var point = temp.GetProperty("points")[0];
        long nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(point[0].GetInt64(), nowMs - 10_000, nowMs + 1000);
        Assert.InRange(point[1].GetDouble(), -40, 60);

        // Stored: listed for the board and in the all-boards list, latest values, raw range.
        JsonElement series = default;
        for (int i = 0; i < 100; i++)
        {
            series = await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/station-1/series");
            var plotted = series.EnumerateArray().Where(s => s.GetProperty("series").GetString() is "temperatura" or "umiditate").ToArray();
            if (plotted.Length == 2 && plotted.All(s => s.GetProperty("count").GetInt64() >= 5)) break;
            await Task.Delay(100);
        }
        // (Another test may have turned the automatic readings on: those series may be there too.)
        Assert.Superset(new HashSet<string?> { "temperatura", "umiditate" }, series.EnumerateArray().Select(s => s.GetProperty("series").GetString()).ToHashSet());
        var all = await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/series");
        Assert.Contains("station-1", all.EnumerateArray().Select(b => b.GetProperty("board").GetString()));
        var latest = await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/station-1/latest");
        Assert.Superset(new HashSet<string?> { "temperatura", "umiditate" }, latest.EnumerateArray().Select(s => s.GetProperty("series").GetString()).ToHashSet());
        var range = await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/station-1/temperatura");
        Assert.Equal(0, range.GetProperty("bucketMs").GetInt64());
        Assert.True(range.GetProperty("points").GetArrayLength() >= 5);
    }

    [Fact]
    public async Task Board_times_become_wall_times_and_the_csv_of_a_range_has_exactly_its_rows()
    {
        // Sent at board time 6000, received at T0 + 10 s: t=5000 happened at T0 + 9 s.
        await IngestAsync("lab-1", """{"samples":[{"t":5000,"s":"temp","v":21.5},{"t":5000,"s":"hum","v":48},{"t":5500,"s":"temp","v":21.75},{"t":6000,"s":"temp","v":22}],"dropped":0,"now":6000}""", T0 + 10_000);
        await IngestAsync("lab-2", """{"samples":[{"t":100,"s":"temp","v":-3.25}],"dropped":0,"now":100}""", T0 + 9_600);

        var response = await _client.GetAsync($"/api/telemetry/csv?from={T0 + 9_000}&to={T0 + 10_000}&boards=lab-1,lab-2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("roboclub-club1-20261121-100009-20261121-100010.csv", response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(
            "time_utc,time_ms,board,series,value\r\n" +
            "2026-11-21T10:00:09.000Z,1795255209000,lab-1,hum,48\r\n" +
            "2026-11-21T10:00:09.000Z,1795255209000,lab-1,temp,21.5\r\n" +
            "2026-11-21T10:00:09.500Z,1795255209500,lab-1,temp,21.75\r\n" +
            "2026-11-21T10:00:09.600Z,1795255209600,lab-2,temp,-3.25\r\n",
            await response.Content.ReadAsStringAsync()); // to is exclusive: 10:00:10 is left out

        // One series of one board.
        var one = await _client.GetStringAsync($"/api/telemetry/csv?from={T0}&to={T0 + 60_000}&series=lab-1/temp");
        Assert.Equal(4, one.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("2026-11-21T10:00:10.000Z,1795255210000,lab-1,temp,22\r\n", one);
    }

    [Fact]
    public async Task A_long_range_comes_back_as_min_max_avg_buckets()
    {
        // 1,000 samples, one a second, values 0..999.
        var json = new StringBuilder("{\"samples\":[");
        for (int i = 0; i < 1000; i++) json.Append(i > 0 ? "," : "").Append($"{{\"t\":{i * 1000},\"s\":\"v\",\"v\":{i}}}");
        json.Append("],\"dropped\":0,\"now\":999000}");
        await IngestAsync("lab-3", json.ToString(), T0 + 999_000);

        var raw = await _client.GetFromJsonAsync<JsonElement>($"/api/telemetry/lab-3/v?from={T0}&to={T0 + 1_000_000}&maxPoints=1000");
        Assert.Equal(1000, raw.GetProperty("points").GetArrayLength());
        Assert.Equal(0, raw.GetProperty("buckets").GetArrayLength());

        var b = await _client.GetFromJsonAsync<JsonElement>($"/api/telemetry/lab-3/v?from={T0}&to={T0 + 1_000_000}&maxPoints=10");
        Assert.Equal(0, b.GetProperty("points").GetArrayLength());
        long width = b.GetProperty("bucketMs").GetInt64();
        Assert.True(width >= 100_000, $"width {width}");
        var buckets = b.GetProperty("buckets").EnumerateArray().ToArray();
        Assert.InRange(buckets.Length, 2, 10);
        Assert.Equal(1000, buckets.Sum(x => x[4].GetInt64()));
        Assert.Equal(0, buckets.Min(x => x[1].GetDouble()));
        Assert.Equal(999, buckets.Max(x => x[2].GetDouble()));
        foreach (var x in buckets) Assert.InRange(x[3].GetDouble(), x[1].GetDouble(), x[2].GetDouble()); // min ≤ avg ≤ max
    }

    [Fact]
    public async Task Settings_are_validated_kept_and_refusals_are_in_english_and_romanian()
    {
        var initial = await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/settings");
        Assert.Equal(JsonValueKind.Null, initial.GetProperty("retentionDays").ValueKind);

        var ok = await _client.PutAsJsonAsync("/api/telemetry/settings", new { retentionDays = 30, sampleIntervalMs = 1000 });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var saved = await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/settings");
        Assert.Equal(30, saved.GetProperty("retentionDays").GetInt32());
        Assert.Equal(1000, saved.GetProperty("sampleIntervalMs").GetInt32());

        var bad = await _client.PutAsJsonAsync("/api/telemetry/settings", new { retentionDays = 0, sampleIntervalMs = 1000 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var error = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Contains("days", error.GetProperty("en").GetString());
        Assert.Contains("zile", error.GetProperty("ro").GetString());
        var fast = await _client.PutAsJsonAsync("/api/telemetry/settings", new { retentionDays = 30, sampleIntervalMs = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, fast.StatusCode);
        Assert.Contains("Intervalul", await fast.Content.ReadAsStringAsync());
        Assert.Equal(30, (await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/settings")).GetProperty("retentionDays").GetInt32());
    }

    [Fact]
    public async Task The_sample_interval_makes_every_board_record_its_sensors_by_itself_until_it_is_cleared()
    {
        var station = _hub.Service<RoboClub.Hub.Serve.VirtualBoards>().Find("station-1")!;
        var robot = _hub.Service<RoboClub.Hub.Serve.VirtualBoards>().Find("robot-1")!;
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync("/api/telemetry/settings", new { sampleIntervalMs = 200 })).StatusCode);
        Assert.True((await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/settings")).GetProperty("boardsApplyInterval").GetBoolean());

        // No program is needed: the station's pressure and light and the robot's distance arrive.
        string[] stationSeries = [], robotSeries = [];
        for (int i = 0; i < 150 && !(stationSeries.Contains("pressure") && stationSeries.Contains("light") && robotSeries.Contains("distance")); i++)
        {
            await Task.Delay(100);
            stationSeries = (await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/station-1/series")).EnumerateArray().Select(s => s.GetProperty("series").GetString()!).ToArray();
            robotSeries = (await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/robot-1/series")).EnumerateArray().Select(s => s.GetProperty("series").GetString()!).ToArray();
        }
        Assert.Superset(new HashSet<string> { "temperature", "humidity", "pressure", "light" }, stationSeries.ToHashSet());
        Assert.Contains("distance", robotSeries);
        Assert.Equal(200, station.Runtime.Logger.PeriodMs);

        // Cleared: the boards get {} and stop.
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync("/api/telemetry/settings", new { sampleIntervalMs = (int?)null })).StatusCode);
        for (int i = 0; i < 100 && (station.Runtime.Logger.PeriodMs != 0 || robot.Runtime.Logger.PeriodMs != 0); i++) await Task.Delay(50);
        Assert.Equal(0, station.Runtime.Logger.PeriodMs);
        Assert.Equal(0, robot.Runtime.Logger.PeriodMs);
    }

    [Fact]
    public async Task Retention_deletes_old_samples_when_it_is_set()
    {
        long old = DateTimeOffset.UtcNow.AddDays(-10).ToUnixTimeMilliseconds();
        await IngestAsync("lab-4", """{"samples":[{"t":1,"s":"x","v":1}],"dropped":0,"now":1}""", old);
        await IngestAsync("lab-4", """{"samples":[{"t":1,"s":"y","v":2}],"dropped":0,"now":1}""", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsJsonAsync("/api/telemetry/settings", new { retentionDays = 7 })).StatusCode);
        await _hub.Service<ITelemetryStore>().FlushAsync();
        var csv = await _client.GetStringAsync($"/api/telemetry/csv?from=0&to={DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds()}&boards=lab-4");
        Assert.Equal(2, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("lab-4,y,2", csv);
    }

    [Theory]
    [InlineData("/api/telemetry/csv?from=10&to=5&boards=lab-1", "from")]
    [InlineData("/api/telemetry/csv?from=abc&boards=lab-1", "from")]
    [InlineData("/api/telemetry/csv?from=0&to=5", "at least one")]
    [InlineData("/api/telemetry/csv?boards=a%20b", "not a valid")]
    [InlineData("/api/telemetry/csv?series=nope", "not a valid")]
    [InlineData("/api/telemetry/lab-1/temp?maxPoints=10001", "maxPoints")]
    [InlineData("/api/telemetry/lab-1/temp?maxPoints=0", "maxPoints")]
    [InlineData("/api/telemetry/bad%20name/latest", "not a valid")]
    public async Task Bad_requests_get_a_400_in_both_languages(string url, string en)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Contains(en, error.GetProperty("en").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("ro").GetString()));
    }

    [Fact]
    public async Task A_board_flooding_telemetry_gets_its_burst_stored_and_the_rest_dropped_and_counted()
    {
        var ingest = _hub.Service<TelemetryIngest>();
        long overLimit = ingest.OverLimit;
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // 8 batches of 1,000 samples 1 ms apart: 8 seconds of a board plotting at 1 kHz, sent at once.
        static string Batch1000(int k) => "{\"samples\":[" + string.Join(",", Enumerable.Range(k * 1000, 1000).Select(i => $"{{\"t\":{i},\"s\":\"x\",\"v\":{i}}}")) + "],\"dropped\":0,\"now\":8000}";
        for (int k = 0; k < 8; k++) ingest.Ingest("flood-1", Batch(Batch1000(k)), now);
        await _hub.Service<ITelemetryStore>().FlushAsync();
        long stored = (await _client.GetFromJsonAsync<JsonElement>("/api/telemetry/flood-1/series"))[0].GetProperty("count").GetInt64();
        // The burst (plus whatever refilled during the test) is stored; the rest is counted, not queued.
        Assert.InRange(stored, BoardRateLimit.DefaultBurst, BoardRateLimit.DefaultBurst + 1000);
        Assert.Equal(8000 - stored, ingest.OverLimit - overLimit);
        // Another board is not affected.
        await IngestAsync("calm-1", """{"samples":[{"t":1,"s":"x","v":1}],"dropped":0,"now":1}""", now);
        Assert.Single((await _client.GetFromJsonAsync<JsonElement[]>("/api/telemetry/calm-1/series"))!);
    }

    [Fact]
    public async Task A_malformed_batch_on_the_bus_is_counted_not_stored()
    {
        var bus = _hub.Service<IHubBus>();
        var ingest = _hub.Service<TelemetryIngest>();
        long malformed = ingest.Malformed, received = ingest.Received, dropped = ingest.Dropped;
        await bus.PublishAsync("roboclub/club1/lab-5/telemetry", Encoding.UTF8.GetBytes("{\"samples\":[{\"t\":1}]}"), retain: false);
        await bus.PublishAsync("roboclub/club1/lab-6/telemetry", Encoding.UTF8.GetBytes("""{"samples":[{"t":1,"s":"ok","v":3}],"dropped":2,"now":1}"""), retain: false);
        for (int i = 0; i < 100 && (ingest.Malformed == malformed || ingest.Received == received); i++) await Task.Delay(50);
        Assert.Equal(malformed + 1, ingest.Malformed);
        Assert.True(ingest.Dropped >= dropped + 2);
        await _hub.Service<ITelemetryStore>().FlushAsync();
        Assert.Empty((await _client.GetFromJsonAsync<JsonElement[]>("/api/telemetry/lab-5/series"))!);
        Assert.Single((await _client.GetFromJsonAsync<JsonElement[]>("/api/telemetry/lab-6/series"))!);
    }

    [Theory]
    [InlineData(null, "http://10.0.0.5:5180/")]
    [InlineData("/kiosk.html?board=station-1", "http://10.0.0.5:5180/kiosk.html?board=station-1")]
    [InlineData("//evil.example/", null)]
    [InlineData("http://evil.example/", null)]
    [InlineData("/a b", null)]
    public void The_qr_link_only_opens_pages_of_the_hub(string? path, string? expected) =>
        Assert.Equal(expected, KioskLink.Build("http://10.0.0.5:5180/", path));

    [Fact]
    public async Task The_qr_endpoint_refuses_a_foreign_path_and_is_404_when_local_only()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/hub/qr.svg?path=//evil.example/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/hub/qr.svg?path=/kiosk.html?board=station-1")).StatusCode);
    }
}
