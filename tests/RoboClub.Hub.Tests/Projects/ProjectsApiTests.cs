using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RoboClub.Hub.Tests.Api;

namespace RoboClub.Hub.Tests.Projects;

/// <summary>One hub for the class (tests use their own children, so they do not see each other's projects).</summary>
public sealed class ProjectsHub : IAsyncLifetime
{
    public HubFactory Hub { get; } = new();
    public HttpClient Client { get; private set; } = null!;
    public async Task InitializeAsync() { Client = await Hub.LibrarianClientAsync(); }
    public async Task DisposeAsync() => await Hub.DisposeAsync();
}

public sealed class ProjectsApiTests(ProjectsHub fixture) : IClassFixture<ProjectsHub>
{
    readonly HttpClient _c = fixture.Client;
    static int _children;

    const string Workspace = """{"blocks":{"languageVersion":0,"blocks":[{"type":"text_print","id":"a","x":10,"y":10}]}}""";

    /// <summary>A child of its own for each test (a name from a counter, so tests never clash).</summary>
    async Task<long> ChildAsync(string colour = "green")
    {
        int n = Interlocked.Increment(ref _children);
        var response = await _c.PostAsJsonAsync("/api/children", new { name = $"Copil {n}", colour, code = "1234" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json(response)).GetProperty("id").GetInt64();
    }

    async Task<JsonElement> ProjectAsync(long child, string name = "Robotul meu", object? workspace = null, string source = "// start")
    {
        var response = await _c.PostAsJsonAsync("/api/projects", new { childId = child, name, boardKind = "robot", mode = "blocks", workspace = workspace ?? Workspace, source });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json(response);
    }

    static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    static async Task<JsonElement> Error(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        var error = (await Json(response)).GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("en").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("ro").GetString()));
        return error;
    }

    static StringContent Raw(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Children_pick_a_name_and_a_colour_and_the_same_pair_is_refused()
    {
        var colours = await _c.GetFromJsonAsync<JsonElement>("/api/children/colours");
        Assert.Equal(12, colours.GetArrayLength());
        Assert.Contains(colours.EnumerateArray(), c => c.GetProperty("key").GetString() == "orange" && c.GetProperty("ro").GetString() == "portocaliu");

        var created = await _c.PostAsJsonAsync("/api/children", new { name = "  Ilinca Ştefănescu ", colour = "yellow", code = "1234" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var child = await Json(created);
        Assert.Equal("Ilinca Ștefănescu", child.GetProperty("name").GetString());
        Assert.Equal(0, child.GetProperty("projects").GetInt32());
        long id = child.GetProperty("id").GetInt64();
        Assert.Equal($"/api/children/{id}", created.Headers.Location!.OriginalString);

        var again = await Error(await _c.PostAsJsonAsync("/api/children", new { name = "ilinca ștefănescu", colour = "yellow", code = "1234" }), HttpStatusCode.Conflict);
        Assert.Equal("Există deja un copil ilinca ștefănescu cu culoarea galben. Alege altă culoare.", again.GetProperty("ro").GetString());
        Assert.Equal(HttpStatusCode.Created, (await _c.PostAsJsonAsync("/api/children", new { name = "Ilinca Ștefănescu", colour = "blue", code = "1234" })).StatusCode);

        var renamed = await _c.PutAsJsonAsync($"/api/children/{id}", new { name = "Ilinca", colour = "navy" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var after = await Json(renamed);
        Assert.Equal(("Ilinca", "navy"), (after.GetProperty("name").GetString(), after.GetProperty("colour").GetString()));
        Assert.Contains((await _c.GetFromJsonAsync<JsonElement>("/api/children")).EnumerateArray(), c => c.GetProperty("id").GetInt64() == id && c.GetProperty("name").GetString() == "Ilinca");
    }

    [Fact]
    public async Task Bad_children_requests_get_400_or_404_in_both_languages()
    {
        var name = await Error(await _c.PostAsJsonAsync("/api/children", new { name = "ana@mail.ro", colour = "red", code = "1234" }), HttpStatusCode.BadRequest);
        Assert.Contains("cratime", name.GetProperty("ro").GetString());
        var colour = await Error(await _c.PostAsJsonAsync("/api/children", new { name = "Ana", colour = "gold", code = "1234" }), HttpStatusCode.BadRequest);
        Assert.StartsWith("Alege una dintre culori: roșu, portocaliu", colour.GetProperty("ro").GetString());
        await Error(await _c.PostAsJsonAsync("/api/children", new { name = 5, colour = "red", code = "1234" }), HttpStatusCode.BadRequest);
        var notJson = await Error(await _c.PostAsync("/api/children", Raw("{name: Ana")), HttpStatusCode.BadRequest);
        Assert.Equal("Cererea nu este JSON valid.", notJson.GetProperty("ro").GetString());
        await Error(await _c.PostAsync("/api/children", Raw("[]")), HttpStatusCode.BadRequest);
        var unknown = await Error(await _c.GetAsync("/api/children/abc"), HttpStatusCode.NotFound);
        Assert.Equal("Nu există niciun copil cu numărul abc.", unknown.GetProperty("ro").GetString());
        await Error(await _c.GetAsync("/api/children/987654/projects"), HttpStatusCode.NotFound);
        await Error(await _c.PutAsJsonAsync("/api/children/987654", new { name = "X" }), HttpStatusCode.NotFound);
        await Error(await _c.PutAsJsonAsync("/api/children/-1", new { name = "X" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_project_is_created_autosaved_renamed_duplicated_deleted_and_restored()
    {
        long child = await ChildAsync();
        var p = await ProjectAsync(child, "Semafor", JsonDocument.Parse(Workspace).RootElement); // workspace sent as an object
        long id = p.GetProperty("id").GetInt64();
        Assert.Equal(Workspace, p.GetProperty("workspace").GetString()); // always returned as text
        Assert.Equal(1, p.GetProperty("version").GetInt32());

        var save = await _c.PutAsJsonAsync($"/api/projects/{id}", new { source = "// v2", workspace = "{\"blocks\":{}}", baseRevision = p.GetProperty("revision").GetInt64() });
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        var saved = await Json(save);
        Assert.Equal("created", saved.GetProperty("outcome").GetString());
        Assert.Equal(2, saved.GetProperty("project").GetProperty("version").GetInt32());
        var unchanged = await Json(await _c.PutAsJsonAsync($"/api/projects/{id}", new { source = "// v2" }));
        Assert.Equal("unchanged", unchanged.GetProperty("outcome").GetString());

        var opened = await _c.GetFromJsonAsync<JsonElement>($"/api/projects/{id}");
        Assert.Equal(("// v2", "{\"blocks\":{}}"), (opened.GetProperty("source").GetString(), opened.GetProperty("workspace").GetString()));

        var renamed = await _c.PostAsJsonAsync($"/api/projects/{id}/rename", new { name = "Semaforul din Brădești" });
        Assert.Equal("Semaforul din Brădești", (await Json(renamed)).GetProperty("name").GetString());

        var copy = await _c.PostAsJsonAsync($"/api/projects/{id}/duplicate", new { });
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        Assert.Equal("Semaforul din Brădești (copie)", (await Json(copy)).GetProperty("name").GetString());
        var english = await Json(await _c.PostAsJsonAsync($"/api/projects/{id}/duplicate?lang=en", new { }));
        Assert.Equal("Semaforul din Brădești (copy)", english.GetProperty("name").GetString());

        var list = await _c.GetFromJsonAsync<JsonElement>($"/api/children/{child}/projects");
        Assert.Equal(3, list.GetArrayLength());
        Assert.Equal("Semaforul din Brădești (copy)", list[0].GetProperty("name").GetString()); // newest first
        Assert.False(list[0].TryGetProperty("source", out _)); // lists stay small

        Assert.Equal(HttpStatusCode.NoContent, (await _c.DeleteAsync($"/api/projects/{id}")).StatusCode);
        var gone = await Error(await _c.GetAsync($"/api/projects/{id}"), HttpStatusCode.Conflict);
        Assert.Contains("Bibliotecarul îl poate readuce", gone.GetProperty("ro").GetString());
        Assert.Equal(2, (await _c.GetFromJsonAsync<JsonElement>($"/api/children/{child}/projects")).GetArrayLength());
        var bin = await _c.GetFromJsonAsync<JsonElement>("/api/projects/deleted");
        Assert.Contains(bin.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id && d.GetProperty("childId").GetInt64() == child);

        var restored = await _c.PostAsync($"/api/projects/{id}/restore", null);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal("// v2", (await Json(restored)).GetProperty("source").GetString());
        Assert.Equal(3, (await _c.GetFromJsonAsync<JsonElement>($"/api/children/{child}/projects")).GetArrayLength());
    }

    [Fact]
    public async Task History_lists_versions_opens_one_and_restores_it_as_the_newest()
    {
        long child = await ChildAsync();
        var p = await ProjectAsync(child);
        long id = p.GetProperty("id").GetInt64();
        await _c.PutAsJsonAsync($"/api/projects/{id}", new { source = "// second" });
        var versions = await _c.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/versions");
        Assert.Equal(new[] { 2, 1 }, versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal("// second".Length, versions[0].GetProperty("sourceChars").GetInt32());
        Assert.Equal(Encoding.UTF8.GetByteCount(Workspace), versions[0].GetProperty("workspaceBytes").GetInt32());
        Assert.Equal("created", versions[1].GetProperty("origin").GetString());

        var first = await _c.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/versions/1");
        Assert.Equal("// start", first.GetProperty("source").GetString());
        var restore = await Json(await _c.PostAsync($"/api/projects/{id}/versions/1/restore", null));
        Assert.Equal(("created", 3, "// start"), (restore.GetProperty("outcome").GetString(), restore.GetProperty("project").GetProperty("version").GetInt32(), restore.GetProperty("project").GetProperty("source").GetString()));

        await Error(await _c.GetAsync($"/api/projects/{id}/versions/42"), HttpStatusCode.NotFound);
        await Error(await _c.GetAsync($"/api/projects/{id}/versions/zero"), HttpStatusCode.NotFound);
        await Error(await _c.PostAsync($"/api/projects/{id}/versions/42/restore", null), HttpStatusCode.NotFound);
        await Error(await _c.GetAsync("/api/projects/999999/versions"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_saves_are_refused_and_what_was_stored_stays()
    {
        long child = await ChildAsync();
        var p = await ProjectAsync(child);
        long id = p.GetProperty("id").GetInt64();

        var notJson = await Error(await _c.PutAsJsonAsync($"/api/projects/{id}", new { workspace = "{\"blocks\":[", source = "// lost" }), HttpStatusCode.BadRequest);
        Assert.Equal("Blocurile nu au putut fi citite (spațiul de lucru nu este JSON valid). Nu s-a schimbat nimic.", notJson.GetProperty("ro").GetString());
        await Error(await _c.PutAsJsonAsync($"/api/projects/{id}", new { workspace = 12 }), HttpStatusCode.BadRequest);
        await Error(await _c.PutAsJsonAsync($"/api/projects/{id}", new { source = 12 }), HttpStatusCode.BadRequest);
        await Error(await _c.PutAsJsonAsync($"/api/projects/{id}", new { mode = "scratch" }), HttpStatusCode.BadRequest);
        await Error(await _c.PutAsJsonAsync($"/api/projects/{id}", new { source = "// x", baseRevision = "latest" }), HttpStatusCode.BadRequest);
        await Error(await _c.PutAsync($"/api/projects/{id}", Raw("{\"source\":\"// x\"")), HttpStatusCode.BadRequest);
        var tooLong = await Error(await _c.PutAsJsonAsync($"/api/projects/{id}", new { source = new string('x', 200_001) }), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("200,000", tooLong.GetProperty("en").GetString());
        await Error(await _c.PutAsJsonAsync($"/api/projects/{id}", new { workspace = "\"" + new string('a', 1024 * 1024) + "\"" }), HttpStatusCode.RequestEntityTooLarge);
        await Error(await _c.PutAsync($"/api/projects/{id}", Raw("{\"source\":\"" + new string('x', 3 * 1024 * 1024) + "\"}")), HttpStatusCode.RequestEntityTooLarge);

        var kept = await _c.GetFromJsonAsync<JsonElement>($"/api/projects/{id}");
        Assert.Equal(("// start", Workspace, 1), (kept.GetProperty("source").GetString(), kept.GetProperty("workspace").GetString(), kept.GetProperty("version").GetInt32()));

        await Error(await _c.PutAsJsonAsync("/api/projects/999999", new { source = "// x" }), HttpStatusCode.NotFound);
        await Error(await _c.PostAsJsonAsync("/api/projects", new { name = "P", boardKind = "robot", mode = "blocks" }), HttpStatusCode.BadRequest); // no childId
        await Error(await _c.PostAsJsonAsync("/api/projects", new { childId = child, name = "P", boardKind = "tank", mode = "blocks" }), HttpStatusCode.BadRequest);
        await Error(await _c.PostAsJsonAsync("/api/projects", new { childId = 999999, name = "P", boardKind = "robot", mode = "blocks" }), HttpStatusCode.NotFound);
        await Error(await _c.PostAsJsonAsync($"/api/children/{child}/projects", new { name = "", boardKind = "robot", mode = "blocks" }), HttpStatusCode.BadRequest);
        await Error(await _c.PostAsJsonAsync($"/api/projects/{id}/rename", new { name = new string('n', 41) }), HttpStatusCode.BadRequest);
        await Error(await _c.PostAsync("/api/projects/x1/duplicate", null), HttpStatusCode.NotFound);
        await Error(await _c.DeleteAsync("/api/projects/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_real_Blockly_depth_workspace_sent_as_an_object_is_saved()
    {
        long child = await ChildAsync();
        long id = (await ProjectAsync(child)).GetProperty("id").GetInt64();
        string deep = string.Concat(Enumerable.Repeat("{\"next\":{\"block\":{\"type\":\"x\",\"a\":", 300)) + "1" + string.Concat(Enumerable.Repeat("}}}", 300));
        var response = await _c.PutAsync($"/api/projects/{id}", Raw("{\"workspace\":" + deep + "}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(deep, (await _c.GetFromJsonAsync<JsonElement>($"/api/projects/{id}")).GetProperty("workspace").GetString());
    }

    [Fact]
    public async Task Two_tablets_on_one_project_last_writer_wins_and_the_history_keeps_both()
    {
        long child = await ChildAsync();
        var p = await ProjectAsync(child);
        long id = p.GetProperty("id").GetInt64(), revision = p.GetProperty("revision").GetInt64();
        var a = await Json(await _c.PutAsJsonAsync($"/api/projects/{id}", new { source = "// tablet A", baseRevision = revision }));
        var b = await Json(await _c.PutAsJsonAsync($"/api/projects/{id}", new { source = "// tablet B", baseRevision = revision }));
        Assert.Equal(("created", "created"), (a.GetProperty("outcome").GetString(), b.GetProperty("outcome").GetString()));
        Assert.Equal("// tablet B", (await _c.GetFromJsonAsync<JsonElement>($"/api/projects/{id}")).GetProperty("source").GetString());
        var sources = new List<string?>();
        foreach (int n in new[] { 2, 3 })
            sources.Add((await _c.GetFromJsonAsync<JsonElement>($"/api/projects/{id}/versions/{n}")).GetProperty("source").GetString());
        Assert.Equal(new[] { "// tablet A", "// tablet B" }, sources);
    }

    [Fact]
    public async Task Export_names_the_file_in_Romanian_and_import_makes_a_new_project_without_overwriting()
    {
        long child = await ChildAsync();
        var p = await ProjectAsync(child, "Mașina lui Ștefan", source: "Console.WriteLine(\"Bună!\");");
        long id = p.GetProperty("id").GetInt64();

        var export = await _c.GetAsync($"/api/projects/{id}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        var disposition = export.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Masina lui Stefan.roboclub.json", disposition.FileName!.Trim('"'));
        Assert.Equal("Mașina lui Ștefan.roboclub.json", disposition.FileNameStar);
        byte[] file = await export.Content.ReadAsByteArrayAsync();
        using (var doc = JsonDocument.Parse(file))
        {
            Assert.Equal("roboclub-project", doc.RootElement.GetProperty("format").GetString());
            Assert.Equal("Mașina lui Ștefan", doc.RootElement.GetProperty("name").GetString());
        }

        // Raw body: the same name exists, so the import is "(2)" and the original is untouched.
        var imported = await _c.PostAsync($"/api/children/{child}/projects/import", new ByteArrayContent(file));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var copy = await Json(imported);
        Assert.NotEqual(id, copy.GetProperty("id").GetInt64());
        Assert.Equal("Mașina lui Ștefan (2)", copy.GetProperty("name").GetString());
        Assert.Equal(("Console.WriteLine(\"Bună!\");", Workspace), (copy.GetProperty("source").GetString(), copy.GetProperty("workspace").GetString()));
        Assert.Equal("imported", (await _c.GetFromJsonAsync<JsonElement>($"/api/projects/{copy.GetProperty("id").GetInt64()}/versions"))[0].GetProperty("origin").GetString());

        // A form upload from the page's file picker works too, into another child's list.
        long other = await ChildAsync("purple");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "Mașina lui Ștefan.roboclub.json" } };
        var uploaded = await _c.PostAsync($"/api/children/{other}/projects/import", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal("Mașina lui Ștefan", (await Json(uploaded)).GetProperty("name").GetString());

        var original = await _c.GetFromJsonAsync<JsonElement>($"/api/projects/{id}");
        Assert.Equal((1, "Mașina lui Ștefan"), (original.GetProperty("version").GetInt32(), original.GetProperty("name").GetString()));
        Assert.Equal(2, (await _c.GetFromJsonAsync<JsonElement>($"/api/children/{child}/projects")).GetArrayLength());
    }

    [Fact]
    public async Task Corrupted_or_foreign_import_files_are_refused_and_nothing_is_created()
    {
        long child = await ChildAsync();
        string url = $"/api/children/{child}/projects/import";
        var notJson = await Error(await _c.PostAsync(url, new ByteArrayContent([0x50, 0x4B, 0x03, 0x04, 0x00])), HttpStatusCode.BadRequest);
        Assert.Equal("Fișierul nu este un proiect RoboClub (nu este JSON). Nu s-a importat nimic.", notJson.GetProperty("ro").GetString());
        var truncated = "{\"format\":\"roboclub-project\",\"formatVersion\":1,\"name\":\"Ma";
        await Error(await _c.PostAsync(url, Raw(truncated)), HttpStatusCode.BadRequest);
        var newer = await Error(await _c.PostAsync(url, Raw("{\"format\":\"roboclub-project\",\"formatVersion\":3}")), HttpStatusCode.BadRequest);
        Assert.Contains("newer RoboClub", newer.GetProperty("en").GetString());
        var kind = await Error(await _c.PostAsync(url, Raw("{\"format\":\"roboclub-project\",\"formatVersion\":1,\"name\":\"X\",\"boardKind\":\"drone\",\"mode\":\"blocks\"}")), HttpStatusCode.BadRequest);
        Assert.StartsWith("Fișierul de proiect nu poate fi importat: Tipul plăcuței", kind.GetProperty("ro").GetString());
        var big = "{\"format\":\"roboclub-project\",\"formatVersion\":1,\"name\":\"X\",\"boardKind\":\"robot\",\"mode\":\"blocks\",\"source\":\"" + new string('x', 200_001) + "\"}";
        await Error(await _c.PostAsync(url, Raw(big)), HttpStatusCode.RequestEntityTooLarge);
        await Error(await _c.PostAsync(url, new MultipartFormDataContent { { new StringContent("x"), "note" } }), HttpStatusCode.BadRequest);
        await Error(await _c.PostAsync("/api/children/999999/projects/import", Raw(ProjectFileJson("X"))), HttpStatusCode.NotFound);
        Assert.Equal(0, (await _c.GetFromJsonAsync<JsonElement>($"/api/children/{child}/projects")).GetArrayLength());
    }

    static string ProjectFileJson(string name) =>
        $$"""{"format":"roboclub-project","formatVersion":1,"name":"{{name}}","boardKind":"robot","mode":"blocks","workspace":{},"source":""}""";

    [Fact]
    public async Task Exporting_a_project_in_the_bin_or_unknown_is_refused()
    {
        long child = await ChildAsync();
        long id = (await ProjectAsync(child)).GetProperty("id").GetInt64();
        await _c.DeleteAsync($"/api/projects/{id}");
        await Error(await _c.GetAsync($"/api/projects/{id}/export"), HttpStatusCode.Conflict);
        await Error(await _c.GetAsync("/api/projects/999999/export"), HttpStatusCode.NotFound);
    }
}

/// <summary>Things that need their own hub: a restart, and the clock moved by hand.</summary>
public sealed class ProjectsHubLifetimeTests
{
    [Fact]
    public async Task Children_and_projects_survive_a_hub_restart()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-projects-restart-").FullName;
        try
        {
            long id;
            await using (var hub = new HubFactory(data))
            {
                var c = await hub.LibrarianClientAsync();
                var child = await (await c.PostAsJsonAsync("/api/children", new { name = "Tudor", colour = "brown", code = "1234" })).Content.ReadFromJsonAsync<JsonElement>();
                var p = await (await c.PostAsJsonAsync("/api/projects", new { childId = child.GetProperty("id").GetInt64(), name = "Stația mea", boardKind = "weather", mode = "csharp", source = "// ț" })).Content.ReadFromJsonAsync<JsonElement>();
                id = p.GetProperty("id").GetInt64();
            }
            Assert.True(File.Exists(Path.Combine(data, "projects.db")));
            await using (var hub = new HubFactory(data))
            {
                var p = await (await hub.LibrarianClientAsync()).GetFromJsonAsync<JsonElement>($"/api/projects/{id}");
                Assert.Equal(("Stația mea", "// ț", "weather"), (p.GetProperty("name").GetString(), p.GetProperty("source").GetString(), p.GetProperty("boardKind").GetString()));
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_one_version_a_minute_rule_uses_the_hubs_clock()
    {
        var clock = new ManualClock();
        await using var hub = new HubFactory();
        await using var timed = hub.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var c = await HubFactory.SignInLibrarianAsync(timed.CreateClient());
        var child = await (await c.PostAsJsonAsync("/api/children", new { name = "Ana", colour = "red", code = "1234" })).Content.ReadFromJsonAsync<JsonElement>();
        var p = await (await c.PostAsJsonAsync($"/api/children/{child.GetProperty("id").GetInt64()}/projects", new { name = "P", boardKind = "robot", mode = "blocks" })).Content.ReadFromJsonAsync<JsonElement>();
        long id = p.GetProperty("id").GetInt64();
        async Task<JsonElement> Save(JsonElement seen, string source) =>
            (await (await c.PutAsJsonAsync($"/api/projects/{id}", new { source, baseRevision = seen.GetProperty("revision").GetInt64() })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("project");

        var v2 = await Save(p, "// 1");
        clock.Advance(TimeSpan.FromSeconds(40));
        var still2 = await Save(v2, "// 2");
        Assert.Equal(2, still2.GetProperty("version").GetInt32());
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(3, (await Save(still2, "// 3")).GetProperty("version").GetInt32());
        Assert.Equal(clock.Now, (await c.GetFromJsonAsync<JsonElement>($"/api/projects/{id}")).GetProperty("updatedAt").GetDateTimeOffset());
    }
}
