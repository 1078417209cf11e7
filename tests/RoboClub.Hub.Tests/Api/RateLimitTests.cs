using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RoboClub.Hub.Tests.Api;

/// <summary>One computer cannot monopolise the compiler; the answer says so in both languages.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    readonly HubFactory _hub = new() { Settings = { ["Hub:CompileBurst"] = "3", ["Hub:CompilePerSecond"] = "1" } };
    HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _hub.ReadyClientAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Compiles_beyond_the_burst_are_refused_with_429_and_a_plain_message_while_other_requests_go_on()
    {
        // Ten at once (a script in a tab): the limiter counts them as they arrive, before any compiles.
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _client.PostAsJsonAsync("/api/compile", new { source = $"Console.WriteLine({i});" })));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.True(refused.Count >= 5, $"{refused.Count} refused"); // 3 in the burst, 1 a second after
        var error = (await refused[0].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Contains("Wait a moment", error.GetProperty("en").GetString());
        Assert.Contains("Așteaptă o clipă", error.GetProperty("ro").GetString());
        Assert.Equal("1", refused[0].Headers.RetryAfter!.ToString());

        // Not limited: the board list, STOP ALL.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/boards")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/stop-all", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/stop-all/reset", new { })).StatusCode); // STOP ALL holds until released

        // A second later the computer may compile again.
        await Task.Delay(1100);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/compile", new { source = "Console.WriteLine(9);" })).StatusCode);
    }
}
