using Microsoft.Extensions.DependencyInjection;
using RoboClub.Telemetry;

namespace RoboClub.Browser.Tests;

/// <summary>A regional hub's kiosk: the stations of the region, and another club's forwarded station.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RegionalKioskTests(BrowserFixture browser) : IAsyncLifetime
{
    HubServer _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = HubServer.Start(settings: new() { ["Hub:Regional"] = "true", ["Hub:Club"] = "regiune-vest" });
        // What club "arad" forwarded (the forwarding itself is tested in RoboClub.Hub.Tests/Forwarding).
        var store = _hub.Services.GetRequiredService<ITelemetryStore>();
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        store.Append("arad", "roof", Enumerable.Range(0, 60).Select(i => new TelemetrySample("temperature", now - 60_000 + i * 1000, 20 + i / 10.0)).ToArray());
        await store.FlushAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_region_lists_every_clubs_stations_and_opens_another_clubs_station()
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = "ro-RO" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_hub.Url + "/kiosk.html?region=1");
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 30_000 });
        Assert.Equal("Stațiile regiunii", await page.InnerTextAsync("#kiosk-board"));
        var station = page.Locator(".rc-kiosk-station[data-station='arad/roof']");
        Assert.Equal("roof", await station.Locator(".rc-kiosk-value").InnerTextAsync());
        Assert.Equal("arad", await station.Locator(".rc-kiosk-name").InnerTextAsync());

        await station.ClickAsync();
        await page.WaitForURLAsync("**/kiosk.html?board=roof&club=arad");
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 30_000 });
        Assert.Equal("arad · roof", await page.InnerTextAsync("#kiosk-board"));
        await page.WaitForSelectorAsync(".rc-kiosk-tile[data-series=temperature]", new() { Timeout = 20_000 });
        Assert.Equal("25,9", await page.InnerTextAsync(".rc-kiosk-tile[data-series=temperature] .rc-kiosk-value"));
        await page.WaitForFunctionAsync("() => window.rcKiosk.pointCount() >= 60", null, new() { Timeout = 20_000 });
        await context.CloseAsync();
    }
}
