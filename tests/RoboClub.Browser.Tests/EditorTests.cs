using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

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
        // It holds: the banner stays and Run is refused until the librarian allows running again.
        await editor.Page.WaitForSelectorAsync("#estop:not([hidden])");
        await editor.RunAsync();
        await editor.Page.WaitForFunctionAsync("() => document.querySelector('#notice').innerText.startsWith('S-a apăsat OPREȘTE TOT')");
        await editor.Page.ClickAsync("#estop-reset");
        await Librarian.FillDialogAsync(editor.Page); // this test's hub has no password yet: set here, on the hub's PC
        await editor.Page.WaitForSelectorAsync("#estop[hidden]", new() { State = WaitForSelectorState.Attached });
        await editor.RunAsync();
        await Eventually(async () => await PowerAsync("robot-1") == (90, 90));
        await editor.Page.ClickAsync("#stop");
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

    [Fact]
    public async Task Every_page_runs_under_the_hubs_content_security_policy_with_nothing_blocked()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        var page = editor.Page;
        // A board named with markup (a display name is free text): it stays text in the picker and the cards.
        const string name = "<img src=x onerror=alert(1)>";
        using (var http = await Librarian.HttpAsync(_hub.Url)) // renaming a board is the librarian's
            Assert.True((await http.PutAsJsonAsync("/api/boards/station-1/name", new { name })).IsSuccessStatusCode);
        await page.WaitForFunctionAsync("n => [...document.querySelectorAll('#board option')].some(o => o.textContent.includes(n))", name);
        await page.ClickAsync("button[data-tab=boards]");
        await page.WaitForFunctionAsync("n => document.querySelector('#board-cards').textContent.includes(n)", name);
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        await page.ClickAsync("button[data-tab=editor]");
        await page.WaitForSelectorAsync("#blocks .blocklyToolbox", new() { Timeout = 30_000 });
        var response = await page.APIRequest.GetAsync(_hub.Url + "/");
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"]);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);

        // The editor with its blocks, CodeMirror and the live connection; the Data tab's charts; the kiosk.
        await editor.SetCodeAsync("Console.WriteLine(\"CSP\");\n");
        await editor.RunAsync();
        await editor.WaitForConsoleAsync("CSP");
        await page.ClickAsync("button[data-tab=data]");
        await page.WaitForSelectorAsync("#data-chart", new() { Timeout = 15_000 });
        Assert.Empty(await EditorPage.CspViolationsAsync(page));

        await page.GotoAsync(_hub.Url + "/kiosk.html?board=station-1");
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 20_000 });
        await page.WaitForSelectorAsync("#kiosk-link[data-state=up]", new() { Timeout = 20_000 });
        Assert.Empty(await EditorPage.CspViolationsAsync(page));

        // The watcher sees what the policy blocks: markup that sneaks a script in does not run, and is recorded.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.append(s); }");
        await page.WaitForFunctionAsync("() => window.__csp.length > 0");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__ran === true"));
        Assert.Contains(await EditorPage.CspViolationsAsync(page), v => v.StartsWith("script-src"));
    }
}
