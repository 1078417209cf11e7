using System.Net.Http.Json;
using Microsoft.Playwright;

namespace RoboClub.Browser.Tests;

/// <summary>Signing in as the librarian in browser tests: the hub listens on loopback, so the first
/// sign-in also sets the password (as the librarian does on the hub's PC).</summary>
public static class Librarian
{
    public const string Password = "biblioteca-2026";

    /// <summary>An HttpClient (with its own cookies) signed in as the librarian.</summary>
    public static async Task<HttpClient> HttpAsync(string hubUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(hubUrl) };
        var setup = await http.PostAsJsonAsync("/api/librarian/setup", new { password = Password });
        if (setup.StatusCode == System.Net.HttpStatusCode.Conflict)
            (await http.PostAsJsonAsync("/api/librarian/sign-in", new { password = Password })).EnsureSuccessStatusCode();
        else setup.EnsureSuccessStatusCode();
        return http;
    }

    /// <summary>Fills the librarian box the page opened (first time: the password twice).</summary>
    public static async Task FillDialogAsync(IPage page)
    {
        await page.WaitForSelectorAsync("#librarian-dialog[open] input[type=password]");
        var inputs = page.Locator("#librarian-dialog[open] form input[type=password]");
        int count = await inputs.CountAsync();
        for (int i = 0; i < count; i++) await inputs.Nth(i).FillAsync(Password);
        await page.Locator("#librarian-dialog[open] form button[type=submit]").First.ClickAsync();
        await page.WaitForSelectorAsync("#librarian-dialog:not([open])", new() { State = WaitForSelectorState.Attached });
    }
}
