using System.Net.Http.Json;
using System.Text.Json;

namespace RoboClub.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class EditorTests(BrowserFixture browser) : IAsyncLifetime
{
    HubServer _hub = null!;

    public Task InitializeAsync()
    {
        _hub = HubServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    async Task<(int Left, int Right)> PowerAsync(string board)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_hub.Url) };
        var state = (await http.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/simulation")).GetProperty("state");
        return (state.GetProperty("leftPowerPercent").GetInt32(), state.GetProperty("rightPowerPercent").GetInt32());
    }

    [Fact]
    public async Task A_child_types_csharp_presses_run_and_the_virtual_robot_moves_and_prints()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        await editor.SetCodeAsync("Console.WriteLine(\"Merg înainte!\");\nRobot.Forward(70);\nWait(100000);\n");
        await editor.RunAsync();
        await editor.WaitForConsoleAsync("Merg înainte!");
        Assert.Equal((70, 70), await PowerAsync("robot-1"));
        // The arena is drawn and the readings show the motors.
        await editor.Page.WaitForFunctionAsync("() => !document.querySelector('#arena').hidden && document.querySelector('#readings').innerText.includes('70%')");
        await editor.ScreenshotAsync("editor-robot-running");
    }

    [Fact]
    public async Task Stop_all_stops_the_virtual_robot()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        await editor.SetCodeAsync("Robot.Forward(90);\nWait(100000);\n");
        await editor.RunAsync();
        await Eventually(async () => await PowerAsync("robot-1") == (90, 90));
        await editor.Page.ClickAsync("#stop-all");
        await Eventually(async () => await PowerAsync("robot-1") == (0, 0));
        await editor.Page.WaitForSelectorAsync("#notice:not([hidden])");
        Assert.Equal("Toate plăcuțele au fost oprite", await editor.Page.InnerTextAsync("#notice"));
    }

    [Fact]
    public async Task A_mistake_is_underlined_and_explained_in_romanian()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        await editor.SetCodeAsync("int viteza = 50\nRobot.Forward(viteza);\n");
        await editor.RunAsync();
        await editor.Page.WaitForSelectorAsync(".cm-lintRange-error");
        Assert.Contains("greșeli", await editor.Page.InnerTextAsync("#notice"));
        await editor.Page.HoverAsync(".cm-lintRange-error");
        await editor.Page.WaitForSelectorAsync(".cm-tooltip-lint");
        Assert.Contains("Pune `;`", await editor.Page.InnerTextAsync(".cm-tooltip-lint"));
        await editor.ScreenshotAsync("editor-compile-error");
    }

    [Fact]
    public async Task A_runtime_error_marks_its_line_and_says_what_happened()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("station-1");
        await editor.SetCodeAsync("int zero = 0;\nConsole.WriteLine(\"înainte\");\nConsole.WriteLine(10 / zero);\n");
        await editor.RunAsync();
        await editor.WaitForConsoleAsync("împărțire la zero");
        Assert.Contains("rândul 3", await editor.ConsoleTextAsync());
        await editor.Page.WaitForSelectorAsync(".rc-error-line");
        Assert.Contains("10 / zero", await editor.Page.InnerTextAsync(".rc-error-line"));
    }

    [Fact]
    public async Task The_page_speaks_romanian_and_switches_to_english()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        Assert.Equal("OPREȘTE TOT", await editor.Page.InnerTextAsync("#stop-all"));
        Assert.Equal("▶ Pornește", await editor.Page.InnerTextAsync("#run"));
        Assert.Contains("stație meteo", await editor.Page.InnerTextAsync("#board"));
        await editor.Page.SelectOptionAsync("#lang", "en");
        Assert.Equal("STOP ALL", await editor.Page.InnerTextAsync("#stop-all"));
        Assert.Contains("weather station", await editor.Page.InnerTextAsync("#board"));
        await editor.Page.ClickAsync("[data-tab=boards]");
        await editor.Page.WaitForSelectorAsync(".rc-board-card[data-board=robot-1]");
        await editor.ScreenshotAsync("boards-english");
    }

    static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("timed out");
            await Task.Delay(50);
        }
    }
}
