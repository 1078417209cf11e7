using Microsoft.Playwright;

namespace RoboClub.Browser.Tests;

/// <summary>The editor page as a child uses it, plus screenshots saved as test artifacts
/// (bin/.../screenshots/NAME.png) for a person to look at.</summary>
public sealed class EditorPage(IPage page)
{
    public IPage Page => page;

    public static async Task<EditorPage> OpenAsync(IBrowser browser, HubServer hub, string? lang = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, Locale = lang == "en" ? "en-US" : "ro-RO" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(hub.Url + "/");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        return new EditorPage(page);
    }

    public Task PickBoardAsync(string board) => page.SelectOptionAsync("#board", board);

    /// <summary>Replaces the C# text the way typing would (CodeMirror's own input path).</summary>
    public async Task SetCodeAsync(string code)
    {
        await page.ClickAsync(".cm-content");
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.InsertTextAsync(code);
    }

    public Task RunAsync() => page.ClickAsync("#run");

    public Task<string> ConsoleTextAsync() => page.InnerTextAsync("#console");

    public async Task WaitForConsoleAsync(string text, int timeoutMs = 15_000)
    {
        await page.WaitForFunctionAsync("t => document.querySelector('#console').innerText.includes(t)", text, new PageWaitForFunctionOptions { Timeout = timeoutMs });
    }

    public async Task ScreenshotAsync(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }
}
