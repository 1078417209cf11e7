using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace RoboClub.Browser.Tests;

/// <summary>The blocks beside the C#, as a child uses them: drag from the toolbox, switch from C# to blocks,
/// see mistakes on the blocks, Romanian and English toolboxes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BlocksTests(BrowserFixture browser) : IAsyncLifetime
{
    HubServer _hub = null!;

    public Task InitializeAsync()
    {
        _hub = HubServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    const string Flyout = ".blocklyFlyout:not(.blocklyTrashcanFlyout)";

    static Task<string> CodeAsync(EditorPage e) => e.Page.InnerTextAsync(".cm-content");

    static Task WaitForCodeAsync(EditorPage e, string text) =>
        e.Page.WaitForFunctionAsync("t => document.querySelector('.cm-content').innerText.includes(t)", text, new PageWaitForFunctionOptions { Timeout = 30_000 });

    /// <summary>Loads blocks the way a saved workspace would come back (with change events, like a child's edit).</summary>
    static Task LoadBlocksAsync(EditorPage e, string workspaceJson) =>
        e.Page.EvaluateAsync("json => Blockly.serialization.workspaces.load(JSON.parse(json), Blockly.getMainWorkspace())", workspaceJson);

    static async Task<string[]> BlockTypesAsync(EditorPage e) =>
        await e.Page.EvaluateAsync<string[]>("() => Blockly.getMainWorkspace().getAllBlocks(true).map(b => b.type)");

    static async Task<string?> WarningAsync(EditorPage e, string blockId) =>
        await e.Page.EvaluateAsync<string?>("id => { const b = Blockly.getMainWorkspace().getBlockById(id); const i = b && b.getIcon('warning'); return i ? i.getText() : null; }", blockId);

    async Task<int> LeftPowerAsync(string board)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_hub.Url) };
        var state = (await http.GetFromJsonAsync<JsonElement>($"/api/boards/{board}/simulation")).GetProperty("state");
        return state.GetProperty("leftPowerPercent").GetInt32();
    }

    [Fact]
    public async Task A_child_drags_go_forward_under_the_start_block_sees_the_csharp_and_the_robot_moves()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        var page = editor.Page;
        // The program so far: when it starts, wait a long time (so the wheels keep turning).
        await LoadBlocksAsync(editor, """
            {"blocks": {"languageVersion": 0, "blocks": [{"type": "event_start", "id": "start", "x": 40, "y": 40,
              "inputs": {"DO": {"block": {"type": "control_wait", "id": "wait", "inputs": {"MS": {"shadow": {"type": "math_number", "id": "ms", "fields": {"NUM": 100000}}}}}}}}]}}
            """);
        await WaitForCodeAsync(editor, "Wait(100000);");
        Assert.DoesNotContain("Robot.Forward(", await CodeAsync(editor));

        // Open the Robot category and drag its first block (go forward) onto the start block's slot.
        await page.Locator(".blocklyToolboxCategory", new() { HasTextString = "Robot" }).First.ClickAsync();
        var flyoutBlock = page.Locator($"{Flyout} .blocklyDraggable").First;
        await flyoutBlock.WaitForAsync();
        var box = (await flyoutBlock.BoundingBoxAsync())!;
        var drop = await page.EvaluateAsync<JsonElement>("""
            () => {
              const ws = Blockly.getMainWorkspace();
              const flyoutBlock = ws.getFlyout().getWorkspace().getTopBlocks(true)[0];
              const rect = flyoutBlock.getSvgRoot().getBoundingClientRect();
              const offset = flyoutBlock.previousConnection.getOffsetInBlock();
              const target = ws.getBlockById('start').getInput('DO').connection;
              const at = Blockly.utils.svgMath.wsToScreenCoordinates(ws, new Blockly.utils.Coordinate(target.x, target.y));
              return { type: flyoutBlock.type, dx: at.x - (rect.left + offset.x * ws.scale), dy: at.y - (rect.top + offset.y * ws.scale) };
            }
            """);
        Assert.Equal("robot_forward", drop.GetProperty("type").GetString());
        double grabX = box.X + 12, grabY = box.Y + 12;
        await page.Mouse.MoveAsync((float)grabX, (float)grabY);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((float)(grabX + drop.GetProperty("dx").GetDouble() / 2), (float)(grabY + drop.GetProperty("dy").GetDouble() / 2), new() { Steps = 8 });
        await page.Mouse.MoveAsync((float)(grabX + drop.GetProperty("dx").GetDouble()), (float)(grabY + drop.GetProperty("dy").GetDouble()), new() { Steps = 8 });
        await page.Mouse.UpAsync();

        await WaitForCodeAsync(editor, "Robot.Forward(");
        var code = await CodeAsync(editor);
        Assert.True(code.IndexOf("Robot.Forward(", StringComparison.Ordinal) < code.IndexOf("Wait(100000);", StringComparison.Ordinal), code);
        await editor.ScreenshotAsync("blocks-dragged-forward");

        await editor.RunAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await LeftPowerAsync("robot-1") <= 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the virtual robot's motors did not turn on");
            await Task.Delay(100);
        }
        // The blocks were saved like the C# draft is.
        Assert.Contains("robot_forward", await page.EvaluateAsync<string>("() => localStorage.getItem('roboclub.blocks')"));
    }

    [Fact]
    public async Task Csharp_typed_by_the_child_becomes_blocks_and_what_has_no_block_stays_grey()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        var errors = new List<string>();
        editor.Page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await editor.PickBoardAsync("robot-1");
        await editor.SetCodeAsync("Console.WriteLine(\"Bună, ș ț ă î â!\");\nRobot.Backward(30);\nfor (int i = 0; i < 3; i++)\n{\n    Led.Color(\"red\");\n}\nvar sb = new System.Text.StringBuilder();\n");
        var typed = await CodeAsync(editor);
        Assert.True(typed.Contains("StringBuilder"), "typed: " + typed);
        await editor.Page.ClickAsync(".rc-to-blocks");
        await editor.Page.WaitForFunctionAsync("() => Blockly.getMainWorkspace().getAllBlocks(false).some(b => b.type === 'robot_backward')", null, new() { Timeout = 30_000 });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var types = await BlockTypesAsync(editor);
        Assert.True(types.Contains("csharp_statement"), string.Join(",", types) + "\n" + await CodeAsync(editor));
        Assert.Contains("event_start", types);
        Assert.Contains("text_print", types);
        Assert.Contains("controls_repeat_ext", types);
        Assert.Contains("led_color", types);
        Assert.True(await editor.Page.Locator("#blocks .blocklyDraggable").CountAsync() >= 6);
        await editor.Page.WaitForFunctionAsync("() => document.querySelector('#notice').innerText !== ''", null, new() { Timeout = 5_000 });
        Assert.Equal("Unele rânduri nu au blocuri; rămân ca text C#.", await editor.Page.InnerTextAsync("#notice"));
        // The C# stays the child's program.
        var code = await CodeAsync(editor);
        Assert.Contains("Robot.Backward(30);", code);
        Assert.True(code.Contains("new System.Text.StringBuilder()"), code);
        await editor.ScreenshotAsync("blocks-from-csharp");

        // Leaving the C# editor after typing converts too (no button).
        await editor.SetCodeAsync("Robot.TurnLeft(25);\n");
        await editor.Page.ClickAsync("#console");
        await editor.Page.WaitForFunctionAsync("() => { const t = Blockly.getMainWorkspace().getAllBlocks(false).map(b => b.type); return t.includes('robot_turn_left') && !t.includes('robot_backward'); }", null, new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Mistakes_show_on_the_block_that_made_them()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        // "viteza" holds text, and go forward gets it: the compiler refuses; a second go forward has an empty slot.
        await LoadBlocksAsync(editor, """
            {"blocks": {"languageVersion": 0, "blocks": [{"type": "event_start", "id": "start", "x": 40, "y": 40,
              "inputs": {"DO": {"block": {"type": "variables_set", "id": "set", "fields": {"VAR": {"id": "v"}},
                "inputs": {"VALUE": {"block": {"type": "text", "id": "txt", "fields": {"TEXT": "repede"}}}},
                "next": {"block": {"type": "robot_forward", "id": "fwd", "inputs": {"SPEED": {"block": {"type": "variables_get", "id": "get", "fields": {"VAR": {"id": "v"}}}}},
                  "next": {"block": {"type": "robot_forward", "id": "empty"}}}}}}}}]},
             "variables": [{"name": "viteza", "id": "v"}]}
            """);
        await WaitForCodeAsync(editor, "Robot.Forward(viteza);");
        // The empty slot is said right away, in Romanian.
        await editor.Page.WaitForFunctionAsync("() => { const i = Blockly.getMainWorkspace().getBlockById('empty').getIcon('warning'); return !!i; }", null, new() { Timeout = 30_000 });
        Assert.False(string.IsNullOrEmpty(await WarningAsync(editor, "empty")));

        await editor.RunAsync();
        await editor.Page.WaitForFunctionAsync("() => !!Blockly.getMainWorkspace().getBlockById('get').getIcon('warning')", null, new() { Timeout = 15_000 });
        var warning = await WarningAsync(editor, "get");
        Assert.False(string.IsNullOrEmpty(warning));
        Assert.Matches("[șțăîâ]", warning!);
        Assert.Null(await WarningAsync(editor, "set"));
        Assert.Null(await WarningAsync(editor, "txt"));
        await editor.ScreenshotAsync("blocks-compile-error");

        // Fixed and run again: the error is gone from the block.
        await editor.Page.EvaluateAsync("() => Blockly.getMainWorkspace().getBlockById('txt').setFieldValue('60', 'TEXT')");
        await WaitForCodeAsync(editor, "\"60\"");
        await editor.Page.EvaluateAsync("() => { const ws = Blockly.getMainWorkspace(); ws.getBlockById('txt').dispose(true); const n = ws.newBlock('math_number'); n.setFieldValue('60', 'NUM'); n.initSvg(); n.render(); ws.getBlockById('set').getInput('VALUE').connection.connect(n.outputConnection); }");
        await WaitForCodeAsync(editor, "viteza = 60;");
        await editor.RunAsync();
        await editor.Page.WaitForFunctionAsync("() => !Blockly.getMainWorkspace().getBlockById('get').getIcon('warning')", null, new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_mistake_in_typed_csharp_shows_on_its_block_and_the_text_stays_as_typed()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        const string typed = "Console.WriteLine(\"start\");\nRobot.Forward(\"repede\");\n";
        await editor.SetCodeAsync(typed);
        await editor.Page.ClickAsync(".rc-to-blocks");
        await editor.Page.WaitForFunctionAsync("() => Blockly.getMainWorkspace().getAllBlocks(false).some(b => b.type === 'robot_forward')", null, new() { Timeout = 30_000 });
        await editor.RunAsync();
        await editor.Page.WaitForSelectorAsync(".cm-lintRange-error");
        var warned = await editor.Page.EvaluateAsync<string[]>("() => Blockly.getMainWorkspace().getAllBlocks(false).filter(b => b.getIcon('warning')).map(b => b.type)");
        Assert.True(warned.Length > 0, await editor.Page.EvaluateAsync<string>("() => Blockly.getMainWorkspace().getAllBlocks(false).map(b => b.type + ':' + b.id).join(' ')"));
        Assert.DoesNotContain("text_print", warned);
        Assert.Equal(["text"], warned); // "repede", in go forward's slot
        Assert.Equal(typed.TrimEnd(), (await CodeAsync(editor)).TrimEnd()); // line numbers stay the child's
        await editor.ScreenshotAsync("blocks-typed-csharp-error");
    }

    [Fact]
    public async Task Blocks_keep_what_the_csharp_said_a_double_three_and_a_declared_return_type()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        await editor.SetCodeAsync("double Jumătate()\n{\n    return 1;\n}\n\nConsole.WriteLine( 7 / 3.0 );\nConsole.WriteLine(Jumătate());\n");
        await editor.Page.ClickAsync(".rc-to-blocks");
        await editor.Page.WaitForFunctionAsync("() => Blockly.getMainWorkspace().getAllBlocks(false).some(b => b.type === 'procedures_defreturn')", null, new() { Timeout = 30_000 });
        // A child's edit on the blocks (a move) makes the C# again from the blocks.
        Assert.Contains("( 7 / 3.0 )", await CodeAsync(editor)); // the child's text stays until the blocks change
        // A move made while the blocks are still being loaded from the C# is not a child's edit and is
        // ignored, so move again until the C# is regenerated.
        for (int attempt = 0; attempt < 15 && !(await CodeAsync(editor)).Contains("WriteLine(7 / 3.0);"); attempt++)
        {
            await editor.Page.EvaluateAsync("() => { const ws = Blockly.getMainWorkspace(); ws.getTopBlocks(true).forEach(b => b.moveBy(0, 30)); }");
            await Task.Delay(2000);
        }
        await WaitForCodeAsync(editor, "WriteLine(7 / 3.0);");
        var code = await CodeAsync(editor);
        Assert.Contains("double Jumătate()", code);
        Assert.DoesNotContain("7 / 3)", code);
    }

    [Fact]
    public async Task A_runtime_error_is_highlighted_on_the_failing_block()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        // Item 5 of an empty list: the board stops with an error on that line.
        await LoadBlocksAsync(editor, """
            {"blocks": {"languageVersion": 0, "blocks": [{"type": "event_start", "id": "start", "x": 40, "y": 40,
              "inputs": {"DO": {"block": {"type": "variables_set", "id": "set", "fields": {"VAR": {"id": "l"}},
                "inputs": {"VALUE": {"block": {"type": "lists_create_with", "id": "list", "extraState": {"itemCount": 1},
                  "inputs": {"ADD0": {"block": {"type": "math_number", "id": "one", "fields": {"NUM": 1}}}}}}},
                "next": {"block": {"type": "text_print", "id": "print", "inputs": {"TEXT": {"block": {"type": "list_get", "id": "get",
                  "inputs": {"INDEX": {"block": {"type": "math_number", "id": "five", "fields": {"NUM": 5}}},
                             "LIST": {"block": {"type": "variables_get", "id": "lv", "fields": {"VAR": {"id": "l"}}}}}}}}}}}}}}]},
             "variables": [{"name": "lista", "id": "l"}]}
            """);
        await WaitForCodeAsync(editor, "lista[5]");
        await editor.RunAsync();
        await editor.WaitForConsoleAsync("rândul");
        await editor.Page.WaitForFunctionAsync("() => { const ws = Blockly.getMainWorkspace(); return ['print', 'get'].some(id => !!ws.getBlockById(id).getIcon('warning')); }", null, new() { Timeout = 15_000 });
        await editor.ScreenshotAsync("blocks-runtime-error");
    }

    [Fact]
    public async Task The_toolbox_speaks_romanian_with_diacritics_then_english()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        var toolbox = await editor.Page.InnerTextAsync("#blocks .blocklyToolbox");
        foreach (var name in new[] { "Evenimente", "Robot", "Lumină și sunet", "Logică", "Matematică", "Funcții" })
            Assert.Contains(name, toolbox);
        Assert.DoesNotContain("Meteo", toolbox);
        await editor.Page.Locator(".blocklyToolboxCategory", new() { HasTextString = "Control" }).First.ClickAsync();
        await editor.Page.WaitForFunctionAsync("() => Blockly.getMainWorkspace().getFlyout().getWorkspace().getTopBlocks(false).length > 0");
        Assert.Contains("repetă", await editor.Page.EvaluateAsync<string>("() => Blockly.getMainWorkspace().getFlyout().getWorkspace().getTopBlocks(true).map(b => b.toString()).join('|')"));
        await editor.ScreenshotAsync("blocks-toolbox-ro");

        await editor.Page.SelectOptionAsync("#lang", "en");
        await editor.Page.WaitForFunctionAsync("() => document.querySelector('#blocks .blocklyToolbox')?.innerText.includes('Light & sound')", null, new() { Timeout = 30_000 });
        toolbox = await editor.Page.InnerTextAsync("#blocks .blocklyToolbox");
        Assert.Contains("Math", toolbox);
        Assert.DoesNotContain("Matematică", toolbox);
        // The blocks stayed (the starter program) and now speak English.
        Assert.Contains("go forward", await editor.Page.EvaluateAsync<string>("() => Blockly.getMainWorkspace().getAllBlocks(true).map(b => b.toString()).join('|')"));
        await editor.ScreenshotAsync("blocks-toolbox-en");

        // The weather station's toolbox has weather blocks and no wheels.
        await editor.PickBoardAsync("station-1");
        await editor.Page.WaitForFunctionAsync("() => document.querySelector('#blocks .blocklyToolbox')?.innerText.includes('Weather')", null, new() { Timeout = 30_000 });
        Assert.DoesNotContain("Robot", await editor.Page.InnerTextAsync("#blocks .blocklyToolbox"));
    }
    /// <summary>A click (press and release in place) on the block's words, as a child's finger does.</summary>
    static async Task ClickBlockAsync(IPage page, string id)
    {
        var box = (await page.Locator($"[data-id='{id}'] > .blocklyLabelField").First.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + 4, box.Y + box.Height / 2);
    }

    [Fact]
    public async Task In_live_mode_a_click_on_a_block_runs_it_on_the_robot_at_once_and_a_click_on_a_value_prints_it()
    {
        var editor = await EditorPage.OpenAsync(browser.Browser, _hub);
        await editor.PickBoardAsync("robot-1");
        var page = editor.Page;
        // A start block that only waits, and loose blocks beside it: nothing moves until one is clicked.
        await LoadBlocksAsync(editor, """
            {"blocks": {"languageVersion": 0, "blocks": [
              {"type": "event_start", "id": "start", "x": 40, "y": 40},
              {"type": "robot_forward", "id": "fwd", "x": 40, "y": 200, "inputs": {"SPEED": {"shadow": {"type": "math_number", "id": "sp", "fields": {"NUM": 70}}}}},
              {"type": "robot_distance", "id": "dist", "x": 40, "y": 320}]}}
            """);
        await page.ClickAsync("#live");
        Assert.Equal("true", await page.GetAttributeAsync("#live", "aria-pressed"));
        Assert.Equal(0, await LeftPowerAsync("robot-1"));

        await ClickBlockAsync(page, "fwd");
        int power = 0;
        for (int i = 0; i < 100 && power == 0; i++) { await Task.Delay(100); power = await LeftPowerAsync("robot-1"); }
        Assert.True(power == 70, $"power {power}, notice: {await page.InnerTextAsync("#notice")}");

        await ClickBlockAsync(page, "dist");
        await page.WaitForFunctionAsync("() => /\\d/.test(document.querySelector('#console').innerText)", null, new() { Timeout = 15_000 });
        Assert.Contains("robot-1", await page.InnerTextAsync("#notice"));

        // Live mode off: a click selects, nothing runs.
        await page.ClickAsync("#live");
        await page.ClickAsync("#stop-all");
        for (int i = 0; i < 100 && power != 0; i++) { await Task.Delay(100); power = await LeftPowerAsync("robot-1"); }
        await ClickBlockAsync(page, "fwd");
        await Task.Delay(1000);
        Assert.Equal(0, await LeftPowerAsync("robot-1"));
        using var librarian = await Librarian.HttpAsync(_hub.Url); // STOP ALL holds until released
        (await librarian.PostAsJsonAsync("/api/stop-all/reset", new { })).EnsureSuccessStatusCode();
    }
}
