using Microsoft.Playwright;

namespace RoboClub.Browser.Tests;

/// <summary>The editor page as a child uses it, plus screenshots saved as test artifacts
/// (bin/.../screenshots/NAME.png) for a person to look at.</summary>
public sealed class EditorPage(IPage page)
{
    public IPage Page => page;

    /// <summary>Opens the editor as a new child (a fresh name, the first colour), ready to program.</summary>
    public static async Task<EditorPage> OpenAsync(IBrowser browser, HubServer hub, string? lang = null, string? child = null)
    {
        var page = await OpenWithoutChildAsync(browser, hub, lang);
        var editor = new EditorPage(page);
        await editor.NewChildAsync(child ?? "Copil" + Random.Shared.Next(1000, 9999));
        return editor;
    }

    /// <summary>Opens the page: the "who are you?" dialog is showing.</summary>
    public static async Task<IPage> OpenWithoutChildAsync(IBrowser browser, HubServer hub, string? lang = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 }, Locale = lang == "en" ? "en-US" : "ro-RO", AcceptDownloads = true });
        // Every page records what the hub's Content-Security-Policy blocked (SecurityHeaders.cs).
        await context.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");
        var page = await context.NewPageAsync();
        await page.GotoAsync(hub.Url + "/");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.WaitForSelectorAsync("#child-dialog[open]");
        return page;
    }

    public const string Code = "1234";

    public async Task NewChildAsync(string name, int colour = 0)
    {
        await page.FillAsync(".rc-new-child input[name=name]", name);
        await page.Locator(".rc-swatch").Nth(colour).ClickAsync();
        await page.FillAsync(".rc-new-child input[name=code]", Code);
        await page.ClickAsync(".rc-new-child button[type=submit]");
        await page.WaitForSelectorAsync("body[data-child=true]");
    }

    /// <summary>An existing child picks their name in "who are you?" and types their secret code.</summary>
    public static async Task SignInAsync(IPage page, string name, string code = Code)
    {
        await page.ClickAsync($".rc-child:has-text('{name}')");
        await page.FillAsync(".rc-sign-in-child input[name=code]", code);
        await page.ClickAsync(".rc-sign-in-child button[type=submit]");
        await page.WaitForSelectorAsync("body[data-child=true]");
    }

    /// <summary>What the Content-Security-Policy blocked on this page so far.</summary>
    public static async Task<string[]> CspViolationsAsync(IPage page) => await page.EvaluateAsync<string[]>("() => window.__csp ?? ['no watcher']");

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
