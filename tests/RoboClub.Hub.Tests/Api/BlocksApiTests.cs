using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RoboClub.Hub.Tests.Api;

/// <summary>`/api/blocks/...`: definitions, toolboxes, blocks ↔ C# for the web editor.</summary>
public sealed class BlocksApiTests : IAsyncLifetime
{
    readonly HubFactory _hub = new();
    HttpClient _client = null!;

    public Task InitializeAsync() { _client = _hub.CreateClient(); return Task.CompletedTask; }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    const string Workspace = """
        {"blocks": {"languageVersion": 0, "blocks": [
          {"type": "event_start", "id": "start", "x": 20, "y": 20, "inputs": {"DO": {"block":
            {"type": "robot_forward", "id": "b1", "inputs": {"SPEED": {"shadow": {"type": "math_number", "id": "b2", "fields": {"NUM": 60}}}},
             "next": {"block": {"type": "text_print", "id": "b3", "inputs": {"TEXT": {"block": {"type": "text", "id": "b4", "fields": {"TEXT": "ș ț ă î â"}}}}}}}}}}]}}
        """;

    [Fact]
    public async Task Definitions_come_in_Romanian_and_English()
    {
        var ro = await _client.GetFromJsonAsync<JsonElement>("/api/blocks/definitions?lang=ro");
        var en = await _client.GetFromJsonAsync<JsonElement>("/api/blocks/definitions?lang=en");
        string Message(JsonElement all, string type) => all.EnumerateArray().Single(b => b.GetProperty("type").GetString() == type).GetProperty("message0").GetString()!;
        Assert.Equal("mergi înainte cu viteza %1", Message(ro, "robot_forward"));
        Assert.Equal("go forward at speed %1", Message(en, "robot_forward"));
        Assert.Contains(ro.EnumerateArray(), b => b.GetProperty("type").GetString() == "event_start");
    }

    [Fact]
    public async Task The_toolbox_follows_the_board_kind_and_language()
    {
        var robot = await _client.GetStringAsync("/api/blocks/toolbox?kind=robot&lang=ro");
        var weather = await _client.GetStringAsync("/api/blocks/toolbox?kind=weather&lang=en");
        Assert.Contains("robot_forward", robot);
        Assert.Contains("Lumină și sunet", robot);
        Assert.DoesNotContain("weather_temperature", robot);
        Assert.Contains("weather_temperature", weather);
        Assert.DoesNotContain("robot_forward", weather);
        Assert.Contains("Light & sound", weather);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/api/blocks/toolbox?kind=toaster")).StatusCode);
    }

    [Fact]
    public async Task Blocks_become_CSharp_with_a_block_map()
    {
        var response = await _client.PostAsync("/api/blocks/to-csharp", Body(Workspace));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Robot.Forward(60);\nConsole.WriteLine(\"ș ț ă î â\");\n", json.GetProperty("code").GetString());
        var forward = json.GetProperty("map").EnumerateArray().Single(s => s.GetProperty("blockId").GetString() == "b1");
        Assert.Equal("robot_forward", forward.GetProperty("type").GetString());
        Assert.Equal(1, forward.GetProperty("startLine").GetInt32());
        Assert.Equal(1, forward.GetProperty("startColumn").GetInt32());
        Assert.Equal(0, json.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task An_empty_slot_is_a_problem_on_its_block()
    {
        var ws = """{"blocks": {"languageVersion": 0, "blocks": [{"type": "robot_forward", "id": "f", "x": 0, "y": 0}]}}""";
        var json = await (await _client.PostAsync("/api/blocks/to-csharp", Body(ws))).Content.ReadFromJsonAsync<JsonElement>();
        var problem = json.GetProperty("problems").EnumerateArray().Single();
        Assert.Equal("f", problem.GetProperty("blockId").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("ro").GetString()));
    }

    [Fact]
    public async Task A_deep_workspace_is_read()
    {
        // 300 blocks one under the other: every "next" nests two JSON levels deeper (more than the default 64).
        var sb = new StringBuilder("""{"blocks":{"languageVersion":0,"blocks":[""");
        for (int i = 0; i < 300; i++) sb.Append($$"""{"type":"robot_stop","id":"s{{i}}","x":0,"y":0,"next":{"block":""");
        sb.Append("""{"type":"robot_stop","id":"last"}""");
        for (int i = 0; i < 300; i++) sb.Append("}}");
        sb.Append("]}}");
        var response = await _client.PostAsync("/api/blocks/to-csharp", Body(sb.ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        Assert.Equal(301, code.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task CSharp_becomes_blocks_with_notes_for_what_stays_text()
    {
        var response = await _client.PostAsJsonAsync("/api/blocks/from-csharp", new { source = "Robot.Forward(60);\nfor (int i = 0; i < 3; i++)\n{\n    Led.Color(\"red\");\n}\nvar d = new System.Text.StringBuilder();\n" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var text = json.GetProperty("workspace").GetRawText();
        Assert.Contains("robot_forward", text);
        Assert.Contains("csharp_statement", text);
        var note = json.GetProperty("notes").EnumerateArray().Single();
        Assert.Equal(6, note.GetProperty("line").GetInt32());
        Assert.Contains("bloc", note.GetProperty("ro").GetString());
    }

    [Fact]
    public async Task Bad_input_is_refused_in_both_languages()
    {
        async Task Refused(string url, string body, HttpStatusCode status)
        {
            var response = await _client.PostAsync(url, Body(body));
            Assert.Equal(status, response.StatusCode);
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
            Assert.False(string.IsNullOrEmpty(error.GetProperty("en").GetString()));
            Assert.False(string.IsNullOrEmpty(error.GetProperty("ro").GetString()));
        }
        await Refused("/api/blocks/to-csharp", "{not json", HttpStatusCode.BadRequest);
        await Refused("/api/blocks/to-csharp", "[1, 2]", HttpStatusCode.BadRequest);
        await Refused("/api/blocks/from-csharp", "{\"source\": 5}", HttpStatusCode.BadRequest);
        await Refused("/api/blocks/from-csharp", "{\"code\": \"x\"}", HttpStatusCode.BadRequest);
        await Refused("/api/blocks/from-csharp", "{\"source\": \"" + new string('a', 2 * 1024 * 1024 + 10) + "\"}", HttpStatusCode.RequestEntityTooLarge);
    }
}
