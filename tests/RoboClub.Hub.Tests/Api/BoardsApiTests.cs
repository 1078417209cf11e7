using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Tests.Api;

/// <summary>The hub's REST API and live pushes, against the real app with its broker and virtual boards.</summary>
public sealed class BoardsApiTests : IAsyncLifetime
{
    readonly HubFactory _hub = new();
    HttpClient _client = null!;

    public async Task InitializeAsync() => _client = await _hub.ReadyClientAsync();

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static Task<HttpResponseMessage> Post(HttpClient c, string url, object? body = null) => c.PostAsJsonAsync(url, body ?? new { });

    [Fact]
    public async Task The_board_list_shows_the_virtual_robot_and_weather_station_with_what_they_have()
    {
        var boards = await _client.GetFromJsonAsync<JsonElement>("/api/boards");
        var robot = boards.EnumerateArray().Single(b => b.GetProperty("board").GetString() == "robot-1");
        var station = boards.EnumerateArray().Single(b => b.GetProperty("board").GetString() == "station-1");
        Assert.Equal("robot", robot.GetProperty("kind").GetString());
        Assert.Equal("weather", station.GetProperty("kind").GetString());
        Assert.True(robot.GetProperty("virtual").GetBoolean());
        Assert.Contains("motors.forward", robot.GetProperty("primitives").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain("motors.forward", station.GetProperty("primitives").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/boards/nobody")).StatusCode);
    }

    [Fact]
    public async Task An_esp32_board_reports_its_wifi_signal_and_gets_the_time_when_it_comes_online()
    {
        var bus = _hub.Service<IHubBus>();
        var times = System.Threading.Channels.Channel.CreateUnbounded<string>();
        using var timeTopic = bus.Subscribe("roboclub/club1/time", m => { times.Writer.TryWrite(System.Text.Encoding.UTF8.GetString(m.Payload.Span)); return ValueTask.CompletedTask; }, includeRetained: true);

        // A board (as the ESP32 firmware does): status with rssi, then info.
        await bus.PublishAsync("roboclub/club1/meteo-07/status", "{\"state\":\"online\",\"program\":\"\",\"uptime\":1200,\"rssi\":-71}"u8.ToArray(), retain: true);
        JsonElement board = default;
        for (int i = 0; i < 100; i++)
        {
            var response = await _client.GetAsync("/api/boards/meteo-07");
            if (response.IsSuccessStatusCode && (board = await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signalDbm").ValueKind == JsonValueKind.Number) break;
            await Task.Delay(50);
        }
        Assert.Equal(-71, board.GetProperty("signalDbm").GetInt32());

        // It came online: the hub tells every board the time (not retained, ms since 1970, now).
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string time = await times.Reader.ReadAsync(wait.Token);
        long utc = JsonDocument.Parse(time).RootElement.GetProperty("utc").GetInt64();
        Assert.InRange(utc, DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1);

        // Virtual boards do not report a signal; a board that went offline has none.
        var robot = await _client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1");
        Assert.Equal(JsonValueKind.Null, robot.GetProperty("signalDbm").ValueKind);
        await bus.PublishAsync("roboclub/club1/meteo-07/status", "{\"state\":\"offline\"}"u8.ToArray(), retain: true);
        for (int i = 0; i < 100 && (board = await _client.GetFromJsonAsync<JsonElement>("/api/boards/meteo-07")).GetProperty("state").GetString() != "offline"; i++) await Task.Delay(50);
        Assert.Equal(JsonValueKind.Null, board.GetProperty("signalDbm").ValueKind);
        await bus.PublishAsync("roboclub/club1/meteo-07/status", ReadOnlyMemory<byte>.Empty, retain: true); // forget it
    }

    [Fact]
    public async Task Run_sends_the_program_and_the_board_runs_it_and_prints()
    {
        await using var live = await LiveClient.ConnectAsync(_hub.Server);
        await live.InvokeAsync("Follow", "robot-1");
        var response = await Post(_client, "/api/boards/robot-1/program", new { source = "Console.WriteLine(\"Salut, ș ț ă î â!\");\nRobot.Forward(60);\nWait(100000);" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        string hash = result.GetProperty("hash").GetString()!;

        var line = await live.NextPushAsync("console", l => l.GetProperty("board").GetString() == "robot-1");
        Assert.Equal("Salut, ș ț ă î â!", line.GetProperty("text").GetString());
        var board = await _client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1");
        Assert.Equal(hash, board.GetProperty("program").GetString());
        Assert.Equal("running", board.GetProperty("state").GetString());

        // The simulated robot drives.
        Assert.Equal((60, 60), await Power("robot-1"));

        // Pressing Run again with the same program restarts it (the board ignores a second copy of an image).
        var again = await Post(_client, "/api/boards/robot-1/program", new { source = "Console.WriteLine(\"Salut, ș ț ă î â!\");\nRobot.Forward(60);\nWait(100000);" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await live.NextPushAsync("console", l => l.GetProperty("text").GetString() == "Salut, ș ț ă î â!");
    }

    [Fact]
    public async Task Compile_errors_come_back_with_their_place_in_both_languages_and_nothing_is_sent()
    {
        var before = await _client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1");
        var response = await Post(_client, "/api/boards/robot-1/program", new { source = "int x = 5\nRobot.Forward(x);" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(result.GetProperty("ok").GetBoolean());
        var diagnostics = result.GetProperty("diagnostics").EnumerateArray().ToList();
        var semicolon = Assert.Single(diagnostics);
        Assert.Equal((1, 10), (semicolon.GetProperty("line").GetInt32(), semicolon.GetProperty("column").GetInt32()));
        Assert.Contains(";", semicolon.GetProperty("messageRo").GetString());
        var typo = await (await Post(_client, "/api/boards/robot-1/program", new { source = "Robot.Forwrd(5);" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Forward", Assert.Single(typo.GetProperty("diagnostics").EnumerateArray()).GetProperty("messageRo").GetString());
        var after = await _client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1");
        Assert.Equal(before.GetProperty("program").GetString(), after.GetProperty("program").GetString());

        var compile = await (await Post(_client, "/api/compile", new { source = "Robot.Forward(1);" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(compile.GetProperty("ok").GetBoolean());
        Assert.True(compile.GetProperty("size").GetInt32() > 0);
    }

    [Fact]
    public async Task A_program_for_a_robot_is_refused_by_a_weather_station_with_a_reason()
    {
        var response = await Post(_client, "/api/boards/station-1/program", new { source = "Robot.Forward(60);" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("motors.forward", result.GetProperty("message").GetProperty("en").GetString());
        Assert.Contains("plăcuța potrivită", result.GetProperty("message").GetProperty("ro").GetString());
        Assert.Equal("missingParts", result.GetProperty("failure").GetString());
    }

    [Fact]
    public async Task A_runtime_error_reaches_the_page_with_its_line_and_an_explanation()
    {
        await using var live = await LiveClient.ConnectAsync(_hub.Server);
        await live.InvokeAsync("Follow", "robot-1");
        string source = "int Împarte(int a, int b)\n{\n    return a / b;\n}\nint zero = 0;\nConsole.WriteLine(Împarte(10, zero));\n";
        Assert.Equal(HttpStatusCode.OK, (await Post(_client, "/api/boards/robot-1/program", new { source })).StatusCode);
        var error = await live.NextPushAsync("error", e => e.GetProperty("board").GetString() == "robot-1");
        Assert.Equal("DivideByZero", error.GetProperty("code").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt32()); // inside the function, not at the call
        Assert.Contains("împărțire la zero", error.GetProperty("messageRo").GetString());
        // The board publishes the error, then its status: the status may come a moment later.
        await Eventually(async () => (await _client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1")).GetProperty("state").GetString() == "error", "the robot's status says error");
    }

    [Fact]
    public async Task Stop_all_stops_every_motor_in_the_club()
    {
        Assert.Equal(HttpStatusCode.OK, (await Post(_client, "/api/boards/robot-1/program", new { source = "Robot.Forward(80);\nWait(100000);" })).StatusCode);
        await Eventually(async () => (await Power("robot-1")) == (80, 80), "the robot drives");
        var stop = await (await Post(_client, "/api/stop-all")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, stop.GetProperty("boards").GetInt32());
        await Eventually(async () => (await _client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1")).GetProperty("state").GetString() == "stopped", "the robot's status says stopped");
        Assert.Equal((0, 0), await Power("robot-1"));

        // STOP ALL holds until the librarian releases it.
        Assert.Equal(HttpStatusCode.Locked, (await Post(_client, "/api/boards/robot-1/program", new { source = "Robot.Forward(80);" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(_client, "/api/stop-all/reset")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(_client, "/api/boards/robot-1/stop")).StatusCode);
    }

    [Fact]
    public async Task Commands_are_acknowledged_by_the_board_and_refusals_explained()
    {
        Assert.Equal(HttpStatusCode.OK, (await Post(_client, "/api/boards/robot-1/identify")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(_client, "/api/boards/station-1/stop")).StatusCode);
        // A board with no program refuses "run", and says why.
        var run = await Post(_client, "/api/boards/station-1/run");
        Assert.Equal(HttpStatusCode.Conflict, run.StatusCode);
        Assert.Contains("no program", (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("en").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Post(_client, "/api/boards/ghost/run")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(_client, "/api/boards/robot-1/watch", new { on = true, period = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(_client, "/api/boards/robot-1/watch", new { on = true, period = 200 })).StatusCode);
    }

    [Fact]
    public async Task Watch_sends_the_program_variables_to_the_page()
    {
        await using var live = await LiveClient.ConnectAsync(_hub.Server);
        await live.InvokeAsync("Follow", "station-1");
        var sent = await Post(_client, "/api/boards/station-1/program", new { source = "int numar = 41;\nnumar++;\nWait(100000);" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(["numar"], (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("globals").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await Post(_client, "/api/boards/station-1/watch", new { on = true, period = 100 })).StatusCode);
        var watch = await live.NextPushAsync("watch", w => w.GetProperty("board").GetString() == "station-1");
        Assert.Equal(42, watch.GetProperty("values")[0].GetDouble());
    }

    [Fact]
    public async Task Live_mode_runs_a_snippet_at_once_beside_the_program()
    {
        await using var live = await LiveClient.ConnectAsync(_hub.Server);
        await live.InvokeAsync("Follow", "robot-1");
        var response = await Post(_client, "/api/boards/robot-1/eval", new { source = "Led.Color(\"green\");\nConsole.WriteLine(\"clic!\");" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await live.NextPushAsync("console", l => l.GetProperty("text").GetString() == "clic!");
        Assert.Equal("robot-1", line.GetProperty("board").GetString());
        var broken = await Post(_client, "/api/boards/robot-1/eval", new { source = "Led.Colour(1);" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_answer_in_both_languages()
    {
        var missing = await Post(_client, "/api/boards/robot-1/program", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var error = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("Lipsește textul programului.", error.GetProperty("ro").GetString());
        var notJson = await _client.PostAsync("/api/compile", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var unknown = await _client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nu există", await unknown.Content.ReadAsStringAsync());
        var longName = await _client.PutAsJsonAsync("/api/boards/robot-1/name", new { name = new string('x', 41) });
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
    }

    async Task<(int Left, int Right)> Power(string board)
    {
        var state = (await _client.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/simulation")).GetProperty("state");
        return (state.GetProperty("leftPowerPercent").GetInt32(), state.GetProperty("rightPowerPercent").GetInt32());
    }

    static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out waiting until " + what);
            await Task.Delay(50);
        }
    }
}

public sealed class BoardNamesSurviveRestartTests
{
    [Fact]
    public async Task A_board_renamed_by_the_librarian_keeps_its_name_after_a_restart()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-names-").FullName;
        try
        {
            await using (var hub = new HubFactory(data))
            {
                var client = await hub.ReadyClientAsync();
                var renamed = await client.PutAsJsonAsync("/api/boards/robot-1/name", new { name = "Robotul roșu" });
                Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            }
            await using (var hub = new HubFactory(data))
            {
                var client = await hub.ReadyClientAsync();
                var robot = await client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1");
                Assert.Equal("Robotul roșu", robot.GetProperty("displayName").GetString());
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
