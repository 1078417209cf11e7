using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RoboClub.Hub.Tests.Api;

/// <summary>`/api/lessons`: the curriculum, one lesson, "Check my program", progress, the remote's messages.</summary>
public sealed class LessonsApiTests : IAsyncLifetime
{
    readonly HubFactory _hub = new();
    HttpClient _client = null!;

    public async Task InitializeAsync() { _client = await _hub.LibrarianClientAsync(); }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_list_has_two_tracks_of_eight_in_the_asked_language()
    {
        var ro = await _client.GetFromJsonAsync<JsonElement>("/api/lessons?lang=ro");
        var tracks = ro.GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal(["weather", "robot"], tracks.Select(t => t.GetProperty("track").GetString()));
        Assert.All(tracks, t => Assert.Equal(8, t.GetProperty("lessons").GetArrayLength()));
        Assert.Equal("Prima citire", tracks[0].GetProperty("lessons")[0].GetProperty("title").GetString());
        Assert.Equal(0, ro.GetProperty("problems").GetArrayLength());
        var en = await _client.GetFromJsonAsync<JsonElement>("/api/lessons?lang=en");
        Assert.Equal("First reading", en.GetProperty("tracks")[0].GetProperty("lessons")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_lesson_comes_with_its_steps_toolboxes_and_starter()
    {
        var lesson = await _client.GetFromJsonAsync<JsonElement>("/api/lessons/robot/07-remote-control?lang=ro");
        Assert.Equal(4, lesson.GetProperty("steps").GetArrayLength());
        var step = lesson.GetProperty("steps")[0];
        Assert.Contains("<strong>", step.GetProperty("html").GetString());
        Assert.Equal("categoryToolbox", step.GetProperty("toolbox").GetProperty("kind").GetString());
        Assert.Contains("OnMessage(\"inainte\"", lesson.GetProperty("starter").GetString());
        Assert.Contains("inainte", lesson.GetProperty("remote").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("/api/lessons/robot/..%2F..%2Fweather")]
    [InlineData("/api/lessons/..%2Flessons/01-first-reading")]
    [InlineData("/api/lessons/robot/99-no-such-lesson")]
    [InlineData("/api/lessons/weather/01-FIRST-READING")]
    public async Task Unknown_or_sneaky_lesson_ids_are_404_in_both_languages(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("ro").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("en").GetString()));
    }

    [Fact]
    public async Task Checking_records_progress_for_the_child_and_the_librarian()
    {
        var child = await (await _client.PostAsync("/api/children", Body(new { name = "Ana", colour = "red", code = "1234" }))).Content.ReadFromJsonAsync<JsonElement>();
        long id = child.GetProperty("id").GetInt64();

        var notYet = await (await _client.PostAsync("/api/lessons/robot/01-move-and-turn/check", Body(new { source = "Robot.Forward(60);\nWait(1000);\n", child = id })))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(notYet.GetProperty("passed").GetBoolean());
        Assert.Contains(notYet.GetProperty("goals").EnumerateArray(), g => !g.GetProperty("passed").GetBoolean() && g.GetProperty("detail").GetProperty("ro").GetString()!.Length > 0);
        Assert.False(notYet.GetProperty("progress").GetProperty("finished").GetBoolean());

        var done = await (await _client.PostAsync("/api/lessons/robot/01-move-and-turn/check",
            Body(new { source = "Robot.Forward(60);\nWait(2000);\nRobot.TurnLeft(50);\nWait(600);\nRobot.Forward(60);\nWait(1000);\nRobot.Stop();\n", child = id }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(done.GetProperty("passed").GetBoolean());
        Assert.Equal(JsonValueKind.Object, done.GetProperty("robot").ValueKind);
        Assert.Equal(2, done.GetProperty("progress").GetProperty("checks").GetInt32());

        var mine = await _client.GetFromJsonAsync<JsonElement>($"/api/lessons/progress/{id}");
        Assert.True(mine[0].GetProperty("finished").GetBoolean());
        var all = await _client.GetFromJsonAsync<JsonElement>("/api/lessons/progress");
        var ana = all.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "Ana");
        Assert.Equal("robot/01-move-and-turn", ana.GetProperty("lessons")[0].GetProperty("lesson").GetString());
    }

    [Fact]
    public async Task A_program_with_mistakes_gets_diagnostics_and_counts_no_check()
    {
        var answer = await (await _client.PostAsync("/api/lessons/weather/01-first-reading/check", Body(new { source = "Console.WriteLine(Weather.Temperature)" })))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("compiled").GetBoolean());
        Assert.True(answer.GetProperty("diagnostics").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Bad_requests_are_refused_clearly()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync("/api/lessons/robot/01-move-and-turn/check", Body(new { code = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync("/api/lessons/robot/01-move-and-turn/check", Body(new { source = new string('x', 100_001) }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync("/api/lessons/robot/01-move-and-turn/check", Body(new { source = "Robot.Stop();", child = 999 }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync("/api/lessons/message", Body(new { name = "../all/cmd" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync("/api/lessons/message", Body(new { name = "Înainte" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/lessons/message", Body(new { name = "inainte" }))).StatusCode);
    }

    [Fact]
    public async Task A_robot_lesson_gets_its_own_virtual_robot_in_the_lesson_arena()
    {
        var client = await _hub.ReadyClientAsync();
        var answer = await (await client.PostAsync("/api/lessons/robot/05-follow-a-line/board", Body(new { }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("robot-lesson-05", answer.GetProperty("board").GetString());
        var again = await (await client.PostAsync("/api/lessons/robot/05-follow-a-line/board", Body(new { }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("robot-lesson-05", again.GetProperty("board").GetString()); // one board per lesson
        var arena = await client.GetFromJsonAsync<JsonElement>("/api/boards/robot-lesson-05/arena");
        Assert.Equal("line-oval", arena.GetProperty("name").GetString());
        var weather = await (await client.PostAsync("/api/lessons/weather/02-thermometer-colours/board", Body(new { }))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, weather.GetProperty("board").ValueKind);

        // it comes online like any board, and the hub knows it is virtual
        JsonElement board = default;
        for (int i = 0; i < 50; i++)
        {
            var response = await client.GetAsync("/api/boards/robot-lesson-05");
            if (response.IsSuccessStatusCode && (board = await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("online").GetBoolean()) break;
            await Task.Delay(100);
        }
        Assert.True(board.GetProperty("online").GetBoolean());
        Assert.True(board.GetProperty("virtual").GetBoolean());
    }
}
