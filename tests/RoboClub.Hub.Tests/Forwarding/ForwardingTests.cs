using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoboClub.Hub.Forwarding;
using RoboClub.Hub.Tests.Api;
using RoboClub.Telemetry;
using static RoboClub.Hub.Tests.Forwarding.ForwardingHubs;

namespace RoboClub.Hub.Tests.Forwarding;

/// <summary>A club hub forwards its chosen series to a regional hub over real HTTP: once, in order, after outages and restarts.</summary>
public sealed class ForwardingTests : IDisposable
{
    readonly List<string> _folders = [];

    string Folder(string what)
    {
        string f = TempFolder(what);
        _folders.Add(f);
        return f;
    }

    public void Dispose()
    {
        foreach (var f in _folders)
            try { Directory.Delete(f, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Chosen_series_arrive_exactly_once_and_the_regional_hub_shows_the_clubs_stations()
    {
        string regionalData = Folder("regional");
        string key = AddClub(regionalData, "arad");
        var (regional, url) = StartRegional(regionalData);
        await using var _r = regional;
        await using var club = StartClub(Folder("arad"), "arad", url, key);

        var temperature = Samples("temperature", 450);
        await AppendAsync(club, "station-1", temperature);
        await AppendAsync(club, "station-1", Samples("humidity", 120));
        await AppendAsync(club, "station-1", Samples("my-plot", 80)); // a child's own series: not chosen by default
        await AppendAsync(club, "station-2", Samples("pressure", 30));

        Assert.Equal(temperature, await EventuallyAsync(regional, "arad", "station-1", "temperature", 450));
        Assert.Equal(120, (await EventuallyAsync(regional, "arad", "station-1", "humidity", 120)).Count);
        Assert.Equal(30, (await EventuallyAsync(regional, "arad", "station-2", "pressure", 30)).Count);
        // Everything confirmed: each sample was applied once (the ledger counts what each applied batch carried).
        Assert.Equal(600, Ledger(regional, "arad").Samples);
        Assert.Empty(await AllAsync(regional, "arad", "station-1", "my-plot"));

        // More samples later: only the new ones travel.
        await AppendAsync(club, "station-1", Samples("temperature", 50, offset: 450));
        Assert.Equal(500, (await EventuallyAsync(regional, "arad", "station-1", "temperature", 500)).Count);
        for (int i = 0; i < 100 && Ledger(regional, "arad").Samples < 650; i++) await Task.Delay(100);
        Assert.Equal(650, Ledger(regional, "arad").Samples);
        var status = await ForwardingStatusAsync(club);
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.Equal(650, status.GetProperty("samples").GetInt64());

        // The regional hub lists the club's stations and charts them through the usual API with ?club=.
        using var http = regional.CreateClient();
        var clubs = await http.GetFromJsonAsync<JsonElement>("/api/regional/clubs");
        var arad = clubs.EnumerateArray().Single(c => c.GetProperty("club").GetString() == "arad");
        Assert.Equal(["station-1", "station-2"], arad.GetProperty("boards").EnumerateArray().Select(b => b.GetString()!));
        Assert.False(arad.GetProperty("own").GetBoolean());
        var series = await http.GetFromJsonAsync<JsonElement>("/api/telemetry/series?club=arad");
        Assert.Equal(["station-1", "station-2"], series.EnumerateArray().Select(b => b.GetProperty("board").GetString()!));
        var range = await http.GetFromJsonAsync<JsonElement>($"/api/telemetry/station-1/temperature?club=arad&from={temperature[0].TimeMs}&to={temperature[0].TimeMs + 10_000}");
        Assert.Equal(10, range.GetProperty("points").GetArrayLength());
        Assert.Equal(0.25, range.GetProperty("points")[0][1].GetDouble());
        var latest = await http.GetFromJsonAsync<JsonElement>("/api/telemetry/station-2/latest?club=arad");
        Assert.Equal(29.25, latest[0].GetProperty("value").GetDouble());
        string csv = await http.GetStringAsync($"/api/telemetry/csv?club=arad&boards=station-2&from=0&to={TimeRange.MaxTimeMs}");
        Assert.Equal(31, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        // The club hub itself shows only its own club.
        using var clubHttp = club.CreateClient();
        var refused = await clubHttp.GetAsync("/api/telemetry/series?club=regiune-vest");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("only its own club", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await clubHttp.GetAsync("/api/telemetry/series?club=a%20b")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clubHttp.GetAsync("/api/regional/clubs")).StatusCode);
    }

    [Fact]
    public async Task The_librarian_can_choose_every_series_of_some_boards()
    {
        string regionalData = Folder("regional");
        string key = AddClub(regionalData, "cluj");
        var (regional, url) = StartRegional(regionalData);
        await using var _r = regional;
        await using var club = StartClub(Folder("cluj"), "cluj", url, key, new() { ["Hub:ForwardSeries"] = "*", ["Hub:ForwardBoards"] = "roof" });
        await AppendAsync(club, "roof", Samples("my-plot", 40));
        await AppendAsync(club, "robot-1", Samples("temperature", 40));
        Assert.Equal(40, (await EventuallyAsync(regional, "cluj", "roof", "my-plot", 40)).Count);
        await AppendAsync(club, "roof", Samples("wind", 5)); // a later batch: the robot would have been in an earlier one
        Assert.Equal(5, (await EventuallyAsync(regional, "cluj", "roof", "wind", 5)).Count);
        Assert.Empty(await AllAsync(regional, "cluj", "robot-1", "temperature"));
    }

    [Fact]
    public async Task While_the_regional_hub_is_down_the_club_hub_keeps_everything_and_catches_up_once_it_is_back()
    {
        string regionalData = Folder("regional");
        string key = AddClub(regionalData, "arad");
        int port = FreePort();
        string url = $"http://127.0.0.1:{port}/";
        await using var club = StartClub(Folder("arad"), "arad", url, key);

        // Nobody listens yet: the club hub keeps trying and says why.
        await AppendAsync(club, "station-1", Samples("temperature", 700));
        JsonElement status = default;
        for (int i = 0; i < 200; i++)
        {
            status = await ForwardingStatusAsync(club);
            if (status.GetProperty("problem").ValueKind == JsonValueKind.String) break;
            await Task.Delay(50);
        }
        Assert.Equal(JsonValueKind.String, status.GetProperty("problem").ValueKind);
        Assert.Equal(0, status.GetProperty("samples").GetInt64());

        var (regional, _) = StartRegional(regionalData, port);
        Assert.Equal(700, (await EventuallyAsync(regional, "arad", "station-1", "temperature", 700)).Count);

        // Down again (mid-stream this time), more samples meanwhile, back on the same data.
        await AppendAsync(club, "station-1", Samples("temperature", 600, offset: 700));
        await Task.Delay(200);
        await regional.DisposeAsync();
        await AppendAsync(club, "station-1", Samples("temperature", 300, offset: 1300));
        (regional, _) = StartRegional(regionalData, port);
        await using var _r = regional;
        var all = await EventuallyAsync(regional, "arad", "station-1", "temperature", 1600);
        Assert.Equal(Samples("temperature", 1600), all);
        for (int i = 0; i < 100 && Ledger(regional, "arad").Samples < 1600; i++) await Task.Delay(100);
        Assert.Equal(1600, Ledger(regional, "arad").Samples); // no batch applied twice
        Assert.Equal(JsonValueKind.Null, (await ForwardingStatusAsync(club)).GetProperty("problem").ValueKind);
    }

    [Fact]
    public async Task A_club_hub_restarted_in_the_middle_sends_the_rest_and_nothing_twice()
    {
        string regionalData = Folder("regional"), clubData = Folder("arad");
        string key = AddClub(regionalData, "arad");
        var (regional, url) = StartRegional(regionalData);
        await using var _r = regional;
        var all = Samples("temperature", 4000);
        var club = StartClub(clubData, "arad", url, key, new() { ["Hub:ForwardBatchSize"] = "100" });
        await AppendAsync(club, "station-1", all);
        for (int i = 0; i < 600 && Ledger(regional, "arad").Samples < 500; i++) await Task.Delay(20);
        await club.DisposeAsync(); // stops wherever it is: maybe between sending a batch and saving that it arrived
        long before = Ledger(regional, "arad").Samples;
        Assert.True(before is > 0 and < 4000, $"{before} samples arrived before the restart");

        await using var again = StartClub(clubData, "arad", url, key, new() { ["Hub:ForwardBatchSize"] = "100" });
        Assert.Equal(all, await EventuallyAsync(regional, "arad", "station-1", "temperature", 4000));
        for (int i = 0; i < 100 && Ledger(regional, "arad").Samples < 4000; i++) await Task.Delay(100);
        await Task.Delay(300);
        Assert.Equal(4000, Ledger(regional, "arad").Samples);
    }

    [Fact]
    public async Task A_batch_sent_just_before_a_crash_is_sent_again_and_recognised_as_already_applied()
    {
        string regionalData = Folder("regional"), clubData = Folder("arad");
        string key = AddClub(regionalData, "arad");
        var (regional, url) = StartRegional(regionalData);
        await using var _r = regional;
        var first = Samples("temperature", 100);

        // The crashed hub's state: batch 1 saved as pending and delivered, the confirmation never saved.
        var state = new ForwardState(Path.Combine(clubData, "forwarding.db"));
        var (stream, seq) = state.Start($"arad@{Forwarder.BatchesUrl(url)}");
        var batch = new ForwardBatch("arad", stream, seq, [new ForwardSeries("station-1", "temperature", first)]);
        state.SavePending(seq, batch.ToJson());
        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Forwarder.BatchesUrl(url)) { Content = new ByteArrayContent(batch.ToJson()) };
            request.Headers.Authorization = new("Bearer", key);
            var sent = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.False((await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyApplied").GetBoolean());
        }

        await using var club = StartClub(clubData, "arad", url, key);
        await AppendAsync(club, "station-1", Samples("temperature", 50, offset: 100)); // newer samples, after the pending batch
        Assert.Equal(Samples("temperature", 150), await EventuallyAsync(regional, "arad", "station-1", "temperature", 150));
        for (int i = 0; i < 100 && Ledger(regional, "arad").Samples < 150; i++) await Task.Delay(100);
        await Task.Delay(300);
        Assert.Equal(150, Ledger(regional, "arad").Samples); // batch 1 counted once
        Assert.Null(state.Pending());
    }

    [Fact]
    public async Task A_regional_hub_on_PostgreSQL_receives_the_same_way()
    {
        using var server = new RoboClub.Telemetry.Tests.PostgresServer();
        string schema = new Npgsql.NpgsqlConnectionStringBuilder(await server.NewSchemaAsync()).SearchPath!;
        string regionalData = Folder("regional");
        string key = AddClub(regionalData, "arad");
        var (regional, url) = StartRegional(regionalData, settings: new() { ["Hub:Database"] = $"postgres://roboclub@127.0.0.1:{server.Port}/postgres?schema={schema}" });
        await using var _r = regional;
        Assert.IsType<PostgresTelemetryStore>(regional.Service<ITelemetryStore>());
        await using var club = StartClub(Folder("arad"), "arad", url, key);
        var samples = Samples("humidity", 1000);
        await AppendAsync(club, "station-1", samples);
        Assert.Equal(samples, await EventuallyAsync(regional, "arad", "station-1", "humidity", 1000));
        var clubs = await regional.CreateClient().GetFromJsonAsync<JsonElement>("/api/regional/clubs");
        Assert.Contains(clubs.EnumerateArray(), c => c.GetProperty("club").GetString() == "arad" && c.GetProperty("boards")[0].GetString() == "station-1");
    }
}
