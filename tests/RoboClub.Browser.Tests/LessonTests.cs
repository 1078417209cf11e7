using Microsoft.Playwright;

namespace RoboClub.Browser.Tests;

/// <summary>
/// One lesson of each track walked as a child would: open it from the Lessons tab, read the steps
/// with their reduced toolbox, check the starter (not yet), write the program, check again (done),
/// and see the lesson ticked — for the child and in the librarian's table.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LessonTests(BrowserFixture browser)
{
    /// <summary>The names of the toolbox's categories and the block types inside them, as Blockly shows them now.</summary>
    static Task<string[]> ToolboxBlocksAsync(IPage page) => page.EvaluateAsync<string[]>(
        "() => { const tb = Blockly.getMainWorkspace().getToolbox(); return tb.getToolboxItems().flatMap(c => c.getContents ? (Array.isArray(c.getContents()) ? c.getContents().map(b => b.type) : ['#' + c.getName()]) : []); }");

    static async Task OpenLessonAsync(IPage page, string id)
    {
        await page.ClickAsync("[data-tab=lessons]");
        await page.ClickAsync($".rc-lesson-card[data-lesson='{id}']");
        await page.WaitForSelectorAsync($"#lesson-panel[data-lesson='{id}'][data-step='1']");
    }

    static async Task<bool> CheckAsync(IPage page)
    {
        await page.EvaluateAsync("() => delete document.querySelector('.rc-check-result').dataset.passed");
        await page.ClickAsync(".rc-check");
        await page.WaitForSelectorAsync(".rc-check-result[data-passed]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        return await page.GetAttributeAsync(".rc-check-result", "data-passed") == "true";
    }

    [Fact]
    public async Task A_child_does_the_first_weather_lesson_in_romanian()
    {
        await using var hub = HubServer.Start();
        var editor = await EditorPage.OpenAsync(browser.Browser, hub, child: "Maria");
        var page = editor.Page;
        await OpenLessonAsync(page, "weather/01-first-reading");

        // The starter is in the editor, and step 1 shows only its blocks.
        await page.WaitForFunctionAsync("() => document.querySelector('.cm-content').innerText.includes('Sunt stația meteo')");
        Assert.Equal("Salut!", await page.InnerTextAsync(".rc-step-title"));
        var step1 = await ToolboxBlocksAsync(page);
        Assert.Contains("text_print", step1);
        Assert.DoesNotContain("weather_temperature", step1);
        Assert.DoesNotContain("robot_forward", step1);
        await page.ClickAsync(".rc-step-next");
        await page.WaitForSelectorAsync("#lesson-panel[data-step='2']");
        Assert.Contains("weather_temperature", await ToolboxBlocksAsync(page));
        await editor.ScreenshotAsync("lesson-weather-step2");

        // Switching the language keeps the lesson, the step and the reduced toolbox.
        await page.SelectOptionAsync("#lang", "en");
        await page.WaitForFunctionAsync("() => document.querySelector('.rc-step-title').innerText === 'How warm is it?'");
        await page.WaitForFunctionAsync("() => document.querySelector('.rc-check').innerText.includes('Check my program')");
        await page.WaitForFunctionAsync("() => Blockly.getMainWorkspace().getToolbox().getToolboxItems().length === 2");
        Assert.DoesNotContain("robot_forward", await ToolboxBlocksAsync(page));
        await page.SelectOptionAsync("#lang", "ro");
        await page.WaitForFunctionAsync("() => document.querySelector('.rc-step-title').innerText === 'Cât de cald e?'");

        // The starter only says hello: not yet, and the answer says what is missing in Romanian.
        Assert.False(await CheckAsync(page));
        Assert.Contains("Programul afișează temperatura", await page.InnerTextAsync(".rc-goal.missing"));

        await editor.SetCodeAsync("Console.WriteLine(\"Salut! Sunt stația meteo.\");\nConsole.WriteLine($\"Temperatura: {Weather.Temperature} °C\");\n");
        Assert.True(await CheckAsync(page));
        Assert.Contains("Bravo", await page.InnerTextAsync(".rc-check-result"));
        await editor.ScreenshotAsync("lesson-weather-passed");

        // The lesson list ticks it, and the librarian (on this tablet, with her password) sees who finished it.
        await page.ClickAsync("[data-tab=lessons]");
        await page.WaitForSelectorAsync(".rc-lesson-card.finished[data-lesson='weather/01-first-reading']");
        await page.ClickAsync(".rc-class-progress summary");
        await Librarian.FillDialogAsync(page); // everyone's progress is for the librarian's eyes
        await page.WaitForSelectorAsync(".rc-progress-table td.finished[data-lesson='weather/01-first-reading']");
        Assert.Contains("Maria", await page.InnerTextAsync(".rc-progress-table"));
        await editor.ScreenshotAsync("lesson-class-progress");
    }

    [Fact]
    public async Task A_child_stops_the_robot_before_the_wall_in_english()
    {
        await using var hub = HubServer.Start(lang: "en");
        var editor = await EditorPage.OpenAsync(browser.Browser, hub, lang: "en", child: "Alex");
        var page = editor.Page;
        await OpenLessonAsync(page, "robot/03-stop-before-a-wall");
        Assert.Equal("Read the distance", await page.InnerTextAsync(".rc-step-title"));
        Assert.Equal("robot-lesson-03", await page.InputValueAsync("#board")); // ▶ Run uses a robot in the lesson's arena
        var step1 = await ToolboxBlocksAsync(page);
        Assert.Contains("robot_distance", step1);
        Assert.DoesNotContain("robot_forward", step1);
        for (int step = 2; step <= 4; step++)
        {
            await page.ClickAsync(".rc-step-next");
            await page.WaitForSelectorAsync($"#lesson-panel[data-step='{step}']");
        }
        Assert.Contains("controls_whileUntil", await ToolboxBlocksAsync(page));

        // The starter drives into the wall: the answer says so, and the check draws the robot's path.
        Assert.False(await CheckAsync(page));
        Assert.Contains("bumped into something", await page.InnerTextAsync(".rc-check-result"));
        Assert.True(await page.IsVisibleAsync(".rc-check-arena"));

        await editor.SetCodeAsync("Robot.Forward(60);\nwhile (Robot.Distance > 20)\n{\n    Wait(20);\n}\nRobot.Stop();\n");
        Assert.True(await CheckAsync(page));
        Assert.Equal(2, await page.Locator(".rc-goal.passed").CountAsync());
        await editor.ScreenshotAsync("lesson-robot-passed");

        // Closing the lesson gives the whole toolbox back.
        await page.ClickAsync(".rc-lesson-close");
        await page.WaitForSelectorAsync("#lesson-panel", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
        await page.WaitForFunctionAsync("() => Blockly.getMainWorkspace().getToolbox().getToolboxItems().length > 6");
    }

    [Fact]
    public async Task The_remote_control_lesson_has_buttons_that_send_messages()
    {
        await using var hub = HubServer.Start(lang: "en");
        var editor = await EditorPage.OpenAsync(browser.Browser, hub, lang: "en", child: "Dan");
        var page = editor.Page;
        await OpenLessonAsync(page, "robot/07-remote-control");
        var buttons = await page.Locator(".rc-lesson-remote button").AllInnerTextsAsync();
        Assert.Contains(buttons, b => b.Contains("forward"));
        Assert.Contains(buttons, b => b.Contains("stop"));
        var answer = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/lessons/message"));
        await page.ClickAsync(".rc-lesson-remote button[data-message=forward]");
        Assert.Equal(200, (await answer).Status);
    }
}
