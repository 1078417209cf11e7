using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoboClub.Hub.Security;
using RoboClub.Hub.Tests.Api;

namespace RoboClub.Hub.Tests.Security;

/// <summary>Children's own projects, their secret codes, who drives which board, the latching STOP ALL, and the librarian's export of everything.</summary>
public sealed class ChildrenAndBoardsTests : IAsyncLifetime
{
    readonly HubFactory _hub = new();
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    static async Task<JsonElement> Error(HttpResponseMessage r, HttpStatusCode expected)
    {
        Assert.True(expected == r.StatusCode, $"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri}: {r.StatusCode}, expected {expected}: {await r.Content.ReadAsStringAsync()}");
        return (await Json(r)).GetProperty("error");
    }

    [Fact]
    public async Task A_child_cannot_open_or_overwrite_another_childs_project()
    {
        var ana = await _hub.ChildClientAsync("Ana", "red", "1111");
        var ion = await _hub.ChildClientAsync("Ion", "blue", "2222");
        var created = await ana.Client.PostAsJsonAsync($"/api/children/{ana.Id}/projects", new { name = "Mașina mea", boardKind = "robot", mode = "csharp", source = "Robot.Forward(50);" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long project = (await Json(created)).GetProperty("id").GetInt64();

        // Ion tries everything through the API.
        var attempts = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, $"/api/projects/{project}", null),
            (HttpMethod.Put, $"/api/projects/{project}", new { source = "Robot.Backward(100);" }),
            (HttpMethod.Post, $"/api/projects/{project}/rename", new { name = "furat" }),
            (HttpMethod.Post, $"/api/projects/{project}/duplicate", new { }),
            (HttpMethod.Delete, $"/api/projects/{project}", null),
            (HttpMethod.Get, $"/api/projects/{project}/versions", null),
            (HttpMethod.Get, $"/api/projects/{project}/versions/1", null),
            (HttpMethod.Post, $"/api/projects/{project}/versions/1/restore", null),
            (HttpMethod.Get, $"/api/projects/{project}/export", null),
        };
        foreach (var (method, url, body) in attempts)
        {
            var e = await Error(await ion.Client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }), HttpStatusCode.Forbidden);
            Assert.Equal("Proiectul acesta este al altui copil. Deschide unul dintre proiectele tale.", e.GetProperty("ro").GetString());
        }
        foreach (var (method, url, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/api/children/{ana.Id}/projects", null),
            (HttpMethod.Post, $"/api/children/{ana.Id}/projects", new { name = "pus de Ion", boardKind = "robot", mode = "csharp" }),
            (HttpMethod.Post, "/api/projects", new { childId = ana.Id, name = "pus de Ion", boardKind = "robot", mode = "csharp" }),
            (HttpMethod.Put, $"/api/children/{ana.Id}", new { name = "Ana proasta" }),
            (HttpMethod.Get, $"/api/lessons/progress/{ana.Id}", null),
        })
            await Error(await ion.Client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }), HttpStatusCode.Forbidden);
        var import = new ByteArrayContent("""{"format":"roboclub-project","formatVersion":1,"name":"x","boardKind":"robot","mode":"csharp","source":""}"""u8.ToArray());
        await Error(await ion.Client.PostAsync($"/api/children/{ana.Id}/projects/import", import), HttpStatusCode.Forbidden);

        // Nobody signed in: asked to choose their name (the page opens "who are you?").
        var nobody = await _hub.CreateClient().GetAsync($"/api/projects/{project}");
        await Error(nobody, HttpStatusCode.Unauthorized);
        Assert.Equal("child", nobody.Headers.GetValues(Access.SignInHeader).Single());

        // Nothing changed; Ana still has exactly her one project, as she left it.
        var mine = await Json(await ana.Client.GetAsync($"/api/projects/{project}"));
        Assert.Equal("Mașina mea", mine.GetProperty("name").GetString());
        Assert.Equal("Robot.Forward(50);", mine.GetProperty("source").GetString());
        Assert.Single((await Json(await ana.Client.GetAsync($"/api/children/{ana.Id}/projects"))).EnumerateArray());
        // The librarian may open it.
        Assert.Equal(HttpStatusCode.OK, (await (await _hub.LibrarianClientAsync()).GetAsync($"/api/projects/{project}")).StatusCode);
    }

    [Fact]
    public async Task A_child_signs_in_with_their_secret_code_and_the_librarian_can_clear_a_forgotten_one()
    {
        var (_, id) = await _hub.ChildClientAsync("Ștefan", "green", "2580");
        var tablet = _hub.CreateClient();
        var format = await Error(await tablet.PostAsJsonAsync($"/api/children/{id}/sign-in", new { code = "12a4" }), HttpStatusCode.BadRequest);
        Assert.Equal("Codul tău secret are 4 cifre, de exemplu 2580.", format.GetProperty("ro").GetString());
        for (int i = 0; i < SignInThrottle.FreeTries; i++)
            await Error(await tablet.PostAsJsonAsync($"/api/children/{id}/sign-in", new { code = $"000{i}" }), HttpStatusCode.Unauthorized);
        await Error(await tablet.PostAsJsonAsync($"/api/children/{id}/sign-in", new { code = "2580" }), HttpStatusCode.TooManyRequests);
        Assert.Equal(JsonValueKind.Null, (await tablet.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("child").ValueKind);

        // He forgot it: the librarian clears it, and the next code he types becomes his code.
        var librarian = await _hub.LibrarianClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await librarian.PostAsJsonAsync($"/api/children/{id}/code/clear", new { })).StatusCode);
        var chosen = await Json(await tablet.PostAsJsonAsync($"/api/children/{id}/sign-in", new { code = "7531" }));
        Assert.True(chosen.GetProperty("codeChosenNow").GetBoolean());
        Assert.Equal("Ștefan", (await tablet.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("child").GetProperty("name").GetString());
        var other = _hub.CreateClient();
        await Error(await other.PostAsJsonAsync($"/api/children/{id}/sign-in", new { code = "2580" }), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync($"/api/children/{id}/sign-in", new { code = "7531" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync("/api/children/sign-out", new { })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await other.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("child").ValueKind);
        // A new child must choose a code.
        await Error(await _hub.CreateClient().PostAsJsonAsync("/api/children", new { name = "Fără cod", colour = "red" }), HttpStatusCode.BadRequest);
        Assert.DoesNotContain((await _hub.CreateClient().GetFromJsonAsync<JsonElement>("/api/children")).EnumerateArray(), c => c.GetProperty("name").GetString() == "Fără cod");
    }

    [Fact]
    public async Task A_child_cannot_drive_a_robot_another_child_is_using()
    {
        await _hub.ReadyClientAsync();
        var ana = await _hub.ChildClientAsync("Ana", "red");
        var ion = await _hub.ChildClientAsync("Ion", "blue");
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.PostAsJsonAsync("/api/boards/robot-1/program", new { source = "Robot.Forward(30);\nWait(100000);" })).StatusCode);

        foreach (var url in new[] { "/api/boards/robot-1/program", "/api/boards/robot-1/run", "/api/boards/robot-1/stop", "/api/boards/robot-1/eval" })
        {
            var e = await Error(await ion.Client.PostAsJsonAsync(url, new { source = "Robot.Backward(100);" }), HttpStatusCode.Conflict);
            Assert.Equal("robot-1 este folosită acum de Ana. Alege altă plăcuță sau roagă bibliotecarul.", e.GetProperty("ro").GetString());
        }
        // No one signed in (a script): not on a board in use either.
        await Error(await _hub.CreateClient().PostAsJsonAsync("/api/boards/robot-1/run", new { }), HttpStatusCode.Conflict);
        var inUse = await _hub.CreateClient().GetFromJsonAsync<JsonElement>("/api/boards/in-use");
        Assert.Equal("Ana", inUse.GetProperty("robot-1").GetProperty("name").GetString());
        // Ion may use the weather station nobody uses.
        Assert.Equal(HttpStatusCode.OK, (await ion.Client.PostAsJsonAsync("/api/boards/station-1/program", new { source = "Console.WriteLine(\"salut\");" })).StatusCode);
        // The librarian can always act, and can free the board; then Ion may take it.
        var librarian = await _hub.LibrarianClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await librarian.PostAsJsonAsync("/api/boards/robot-1/stop", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ion.Client.DeleteAsync("/api/boards/robot-1/claim")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await librarian.DeleteAsync("/api/boards/robot-1/claim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ion.Client.PostAsJsonAsync("/api/boards/robot-1/run", new { })).StatusCode);
        await Error(await ana.Client.PostAsJsonAsync("/api/boards/robot-1/stop", new { }), HttpStatusCode.Conflict);
        // Ion leaves it: free for everyone again.
        Assert.Equal(HttpStatusCode.NoContent, (await ion.Client.DeleteAsync("/api/boards/robot-1/claim")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.PostAsJsonAsync("/api/boards/robot-1/stop", new { })).StatusCode);
    }

    [Fact]
    public async Task Stop_all_holds_until_the_librarian_releases_it_even_across_a_restart()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-estop-").FullName;
        try
        {
            await using (var hub = new HubFactory(data))
            {
                await hub.ReadyClientAsync();
                var (child, _) = await hub.ChildClientAsync("Ana");
                var pressed = await Json(await child.PostAsJsonAsync("/api/stop-all", new { })); // any child may press it
                Assert.NotEqual(JsonValueKind.Null, pressed.GetProperty("emergencyStop").ValueKind);
                var refused = await Error(await child.PostAsJsonAsync("/api/boards/robot-1/program", new { source = "Robot.Forward(50);" }), HttpStatusCode.Locked);
                Assert.Equal("S-a apăsat OPREȘTE TOT: programele pot porni din nou când bibliotecarul permite.", refused.GetProperty("ro").GetString());
                await Error(await child.PostAsJsonAsync("/api/boards/robot-1/run", new { }), HttpStatusCode.Locked);
                await Error(await child.PostAsJsonAsync("/api/stop-all/reset", new { }), HttpStatusCode.Unauthorized);
            }
            await using (var hub = new HubFactory(data))
            {
                var librarian = await hub.ReadyClientAsync();
                Assert.NotEqual(JsonValueKind.Null, (await librarian.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("emergencyStop").ValueKind);
                await Error(await librarian.PostAsJsonAsync("/api/boards/robot-1/run", new { }), HttpStatusCode.Locked);
                Assert.Equal(HttpStatusCode.OK, (await librarian.PostAsJsonAsync("/api/stop-all/reset", new { })).StatusCode);
                Assert.Equal(JsonValueKind.Null, (await librarian.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("emergencyStop").ValueKind);
                Assert.Equal(HttpStatusCode.OK, (await librarian.PostAsJsonAsync("/api/boards/robot-1/program", new { source = "Robot.Forward(50);" })).StatusCode);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_librarian_exports_everything_as_one_zip()
    {
        var ana = await _hub.ChildClientAsync("Ana", "red");
        await ana.Client.PostAsJsonAsync($"/api/children/{ana.Id}/projects", new { name = "Stația: vremea?", boardKind = "weather", mode = "csharp", source = "Plot(\"t\", 1);" });
        await ana.Client.PostAsJsonAsync($"/api/children/{ana.Id}/projects", new { name = "Stația: vremea?", boardKind = "weather", mode = "csharp", source = "// a doua" });
        var ingest = _hub.Service<RoboClub.Hub.Telemetry.TelemetryIngest>();
        ingest.Ingest("station-9", RoboClub.Board.Link.TelemetryPayload.Decode(System.Text.Encoding.UTF8.GetBytes("{\"samples\":[{\"t\":1000,\"s\":\"temperature\",\"v\":21.5}],\"dropped\":0,\"now\":1000}")), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await _hub.Service<RoboClub.Telemetry.ITelemetryStore>().FlushAsync();

        var response = await (await _hub.LibrarianClientAsync()).GetAsync("/api/export/everything");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var names = zip.Entries.Select(e => e.FullName).Order().ToArray();
        Assert.Equal(["projects/Ana (red)/Stația_ vremea_ (2).roboclub.json", "projects/Ana (red)/Stația_ vremea_.roboclub.json", "telemetry.csv"], names);
        using var csv = new StreamReader(zip.GetEntry("telemetry.csv")!.Open());
        string text = await csv.ReadToEndAsync();
        Assert.Contains("station-9", text);
        Assert.Contains("21.5", text);
        using var project = new StreamReader(zip.GetEntry("projects/Ana (red)/Stația_ vremea_ (2).roboclub.json")!.Open());
        Assert.Contains("roboclub-project", await project.ReadToEndAsync());
    }
}
