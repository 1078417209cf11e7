using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RoboClub.Hub.Tests.Api;
using RoboClub.Telemetry;
using static RoboClub.Hub.Tests.Forwarding.ForwardingHubs;

namespace RoboClub.Hub.Tests.Forwarding;

/// <summary>What a regional hub refuses: unknown keys, a key used for another club, malformed batches; and a club hub that is not regional.</summary>
public sealed class RegionalRefusalTests : IAsyncLifetime
{
    readonly string _data = TempFolder("regional");
    HubFactory _regional = null!;
    HttpClient _http = null!;
    string _aradKey = null!, _clujKey = null!;

    public Task InitializeAsync()
    {
        _aradKey = AddClub(_data, "arad");
        _clujKey = AddClub(_data, "cluj");
        _regional = new HubFactory(_data) { Settings = { ["Hub:Regional"] = "true", ["Hub:Club"] = RegionalClub, ["Hub:VirtualBoards"] = "0" } };
        _http = _regional.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _regional.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    static string Batch(string club = "arad", long sequence = 1, string points = "[[1795255200000,21.5]]", string board = "station-1", string series = "temperature") =>
        $$"""{"format":1,"club":"{{club}}","stream":"s-1","sequence":{{sequence}},"series":[{"board":"{{board}}","series":"{{series}}","points":{{points}}}]}""";

    async Task<HttpResponseMessage> PostAsync(string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/regional/batches") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Authorization = new("Bearer", key);
        return await _http.SendAsync(request);
    }

    static async Task<(string En, string Ro)> ErrorAsync(HttpResponseMessage r)
    {
        var e = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        return (e.GetProperty("en").GetString()!, e.GetProperty("ro").GetString()!);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rck_not-a-key")]
    public async Task A_missing_or_unknown_key_is_refused_with_401_in_both_languages(string? key)
    {
        var r = await PostAsync(Batch(), key);
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        var (en, ro) = await ErrorAsync(r);
        Assert.Contains("Unknown or missing club key", en);
        Assert.Contains("Cheie de club necunoscută", ro);
        Assert.Empty(await AllAsync(_regional, "arad", "station-1", "temperature"));
    }

    [Fact]
    public async Task A_clubs_key_cannot_write_another_clubs_data_nor_the_regional_hubs_own()
    {
        var r = await PostAsync(Batch(club: "cluj"), _aradKey);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        var (en, ro) = await ErrorAsync(r);
        Assert.Contains("belongs to club \"arad\"", en);
        Assert.Contains("clubului „arad”", ro);
        Assert.Empty(await AllAsync(_regional, "cluj", "station-1", "temperature"));

        string own = AddClub(_data, RegionalClub);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(Batch(club: RegionalClub), own)).StatusCode);

        // The right key works, and a removed club's key stops working at once.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Batch(club: "cluj"), _clujKey)).StatusCode);
        Assert.True(new RoboClub.Hub.Forwarding.RegionalKeys(Path.Combine(_data, "regional-keys.json")).Remove("cluj"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Batch(club: "cluj", sequence: 2), _clujKey)).StatusCode);
        Assert.DoesNotContain(_aradKey, await File.ReadAllTextAsync(Path.Combine(_data, "regional-keys.json"))); // only hashes are kept
    }

    [Theory]
    [InlineData("not json", "not valid JSON", "nu e JSON valid")]
    [InlineData("[]", "must be a JSON object", "obiect JSON")]
    [InlineData("""{"format":2,"club":"arad","stream":"s","sequence":1,"series":[]}""", "\"format\" must be 1", "„format”")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":0,"series":[]}""", "\"sequence\" must be a whole number", "„sequence”")]
    [InlineData("""{"format":1,"club":"arad","stream":"S P","sequence":1,"series":[]}""", "\"stream\" must be", "„stream”")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":1}""", "needs a \"series\" list", "lista „series”")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":1,"series":[],"extra":1}""", "Unknown field \"extra\"", "Câmp necunoscut")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":1,"series":[{"board":"a/b","series":"t","points":[]}]}""", "\"a/b\" is not a valid board name", "nume valid de plăcuță")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":1,"series":[{"board":"b","series":"t","points":[[1,"x"]]}]}""", "is not [time in ms", "nu e [timp în ms")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":1,"series":[{"board":"b","series":"t","points":[[-5,1]]}]}""", "is not [time in ms", "număr finit")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":1,"series":[{"board":"b","series":"t","points":[[1.5,1]]}]}""", "is not [time in ms", "număr finit")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":1,"series":[{"board":"b","series":"t","points":[[1,2,3]]}]}""", "is not [time in ms", "număr finit")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":1,"series":[{"board":"b","series":"t","points":[[1,1e999]]}]}""", "is not [time in ms", "număr finit")]
    [InlineData("""{"format":1,"club":"arad","stream":"s","sequence":1,"series":[{"board":"b","points":[]}]}""", "\"series\" must be text", "trebuie să fie text")]
    public async Task A_malformed_batch_is_refused_whole_with_what_is_wrong(string body, string english, string romanian)
    {
        var r = await PostAsync(body, _aradKey);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var (en, ro) = await ErrorAsync(r);
        Assert.Contains(english, en);
        Assert.Contains(romanian, ro);
    }

    [Fact]
    public async Task Too_many_points_are_refused()
    {
        string points = "[" + string.Join(",", Enumerable.Range(0, 10_001).Select(i => $"[{1_795_255_200_000L + i},1]")) + "]";
        var r = await PostAsync(Batch(points: points), _aradKey);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("At most 10000 points", (await ErrorAsync(r)).En);
        Assert.Empty(await AllAsync(_regional, "arad", "station-1", "temperature"));
    }

    [Fact]
    public async Task Damaged_batches_are_refused_or_stored_whole_never_a_server_error()
    {
        var random = new Random(9);
        byte[] good = Encoding.UTF8.GetBytes(Batch(points: "[[1795255200000,21.5],[1795255201000,22],[1795255202000,-3.5e2]]"));
        for (int i = 0; i < 300; i++)
        {
            byte[] bad = (byte[])good.Clone();
            for (int n = random.Next(1, 4); n > 0; n--) bad[random.Next(bad.Length)] = (byte)random.Next(32, 127);
            var r = await PostAsync(Encoding.UTF8.GetString(bad), _aradKey);
            Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{(int)r.StatusCode} for {Encoding.UTF8.GetString(bad)}");
        }
        // Whatever got in has valid names and finite values (the store would have refused the rest anyway).
        foreach (var club in await ((ITelemetryCatalog)_regional.Service<ITelemetryStore>()).ListClubsAsync())
            Assert.True(TelemetryNames.IsValid(club));
    }

    [Fact]
    public async Task A_batch_sent_twice_is_applied_once()
    {
        var first = await PostAsync(Batch(sequence: 7), _aradKey);
        Assert.False((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyApplied").GetBoolean());
        var again = await PostAsync(Batch(sequence: 7), _aradKey);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyApplied").GetBoolean());
        Assert.Equal((1, 1), Ledger(_regional, "arad"));
    }

    [Fact]
    public async Task A_hub_that_is_not_regional_says_so()
    {
        await using var plain = new HubFactory { Settings = { ["Hub:VirtualBoards"] = "0" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/regional/batches") { Content = new StringContent(Batch()) };
        request.Headers.Authorization = new("Bearer", _aradKey);
        var r = await plain.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Contains("--regional", (await ErrorAsync(r)).En);
    }
}
