using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace RoboClub.Browser.Tests;

/// <summary>The Data tab and the kiosk with the virtual weather station plotting real readings.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DataTests(BrowserFixture browser) : IAsyncLifetime
{
    HubServer _hub = null!;
    const string StationProgram = "while (true) {\n  Plot(\"temperatura\", Weather.Temperature);\n  Plot(\"umiditate\", Weather.Humidity);\n  Wait(100);\n}\n";

    public async Task InitializeAsync()
    {
        _hub = HubServer.Start();
        using var http = new HttpClient { BaseAddress = new Uri(_hub.Url) };
        // Wait for the station, then start it plotting (10 samples a second per series).
        for (int i = 0; ; i++)
        {
            var sent = await http.PostAsJsonAsync("/api/boards/station-1/program", new { source = StationProgram });
            if (sent.IsSuccessStatusCode && !(await sent.Content.ReadAsStringAsync()).Contains("\"pending\":true")) break;
            if (i > 100) throw new TimeoutException("station-1 did not take the program: " + await sent.Content.ReadAsStringAsync());
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static async Task<EditorPage> OpenDataTabAsync(IBrowser b, HubServer hub)
    {
        var editor = await EditorPage.OpenAsync(b, hub);
        await editor.Page.ClickAsync("button[data-tab=data]");
        await editor.Page.WaitForSelectorAsync("#tab-data:not([hidden])");
        return editor;
    }

    [Fact]
    public async Task The_weather_chart_receives_live_points_and_the_series_are_listed_in_romanian()
    {
        var editor = await OpenDataTabAsync(browser.Browser, _hub);
        var page = editor.Page;
        // The station's series appear and are ticked by default (first board with data).
        await page.WaitForSelectorAsync("#data-series input[data-key='station-1/temperatura']:checked", new() { Timeout = 20_000 });
        Assert.Equal("Plăcuțe și serii", await page.InnerTextAsync(".rc-data-side h4"));
        Assert.Equal("● În direct", await page.InnerTextAsync("#data-live"));
        await page.WaitForSelectorAsync("#data-chart canvas");
        await page.WaitForFunctionAsync("() => window.rcData.pointCount() >= 10", null, new() { Timeout = 20_000 });
        int first = await page.EvaluateAsync<int>("() => window.rcData.pointCount()");
        await page.WaitForFunctionAsync("n => window.rcData.pointCount() > n + 10", first, new() { Timeout = 20_000 });
        Assert.True(int.Parse((await page.GetAttributeAsync("#data-chart", "data-points"))!) > 0);
        await page.WaitForTimeoutAsync(1500);
        await editor.ScreenshotAsync("data-live");
    }

    [Fact]
    public async Task History_mode_draws_the_last_hour_and_csv_export_downloads_the_shown_rows()
    {
        var editor = await OpenDataTabAsync(browser.Browser, _hub);
        var page = editor.Page;
        await page.WaitForSelectorAsync("#data-series input[data-key='station-1/umiditate']:checked", new() { Timeout = 20_000 });
        await page.WaitForFunctionAsync("() => window.rcData.pointCount() >= 20", null, new() { Timeout = 20_000 });
        // Only humidity.
        await page.UncheckAsync("#data-series input[data-key='station-1/temperatura']");
        await page.ClickAsync("#data-history");
        await page.WaitForFunctionAsync("() => window.rcData.mode() === 'history' && window.rcData.pointCount() > 0");
        await page.WaitForFunctionAsync("() => document.querySelector('#data-status').innerText.includes('puncte')");
        // Drag across the last part of the hour: the chart zooms there and fetches that range again.
        var over = (await page.QuerySelectorAsync("#data-chart .u-over"))!;
        var box = (await over.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width - 60, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width + 20, box.Y + box.Height / 2, new() { Steps = 5 }); // past the edge: uPlot clamps it
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync("() => { const [a, b] = window.rcData.range(); return b - a < 5 * 60000; }");
        await page.WaitForFunctionAsync("() => document.querySelector('#data-status').innerText.includes('puncte') && window.rcData.pointCount() > 5");
        await page.WaitForTimeoutAsync(500);
        await editor.ScreenshotAsync("data-history");

        var range = await page.EvaluateAsync<double[]>("() => window.rcData.range()");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#data-csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename);
        string path = Path.Combine(Path.GetTempPath(), "rc-" + Guid.NewGuid() + ".csv");
        await download.SaveAsAsync(path);
        var lines = (await File.ReadAllTextAsync(path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        File.Delete(path);
        Assert.Equal("time_utc,time_ms,board,series,value", lines[0]);
        Assert.True(lines.Length > 10, $"{lines.Length} lines");
        foreach (var row in lines.Skip(1))
        {
            var cells = row.Split(',');
            Assert.Equal(["station-1", "umiditate"], cells[2..4]);
            long t = long.Parse(cells[1]);
            Assert.InRange(t, (long)Math.Floor(range[0]), (long)Math.Ceiling(range[1]));
        }
        // The same rows the API gives for that range.
        using var http = new HttpClient { BaseAddress = new Uri(_hub.Url) };
        var api = await http.GetStringAsync($"/api/telemetry/csv?from={(long)Math.Floor(range[0])}&to={(long)Math.Ceiling(range[1])}&series=station-1/umiditate");
        Assert.StartsWith(string.Join("\r\n", lines) + "\r\n", api);
    }

    [Fact]
    public async Task A_long_history_is_drawn_as_an_average_line_in_a_min_max_band()
    {
        // Two batches of 1,000 samples, one every 5 s over the last ~2.8 hours: a wave with noise.
        var bus = _hub.Services.GetRequiredService<RoboClub.Hub.Boards.IHubBus>();
        var random = new Random(7);
        for (int batch = 0; batch < 2; batch++)
        {
            var json = new System.Text.StringBuilder("{\"samples\":[");
            for (int i = 0; i < 1000; i++)
            {
                int n = batch * 1000 + i;
                double v = Math.Round(20 + 5 * Math.Sin(n / 150.0) + random.NextDouble() * 2, 2);
                json.Append(i > 0 ? "," : "").Append(System.FormattableString.Invariant($"{{\"t\":{n * 5000L},\"s\":\"temp\",\"v\":{v}}}"));
            }
            json.Append(System.FormattableString.Invariant($"],\"dropped\":0,\"now\":{1999 * 5000L}}}"));
            await bus.PublishAsync("roboclub/club1/lab-1/telemetry", System.Text.Encoding.UTF8.GetBytes(json.ToString()), retain: false);
        }
        var editor = await OpenDataTabAsync(browser.Browser, _hub);
        var page = editor.Page;
        await page.WaitForSelectorAsync("#data-series input[data-key='lab-1/temp']", new() { Timeout = 20_000 });
        foreach (var key in await page.EvaluateAsync<string[]>("() => window.rcData.keys()"))
            if (key != "lab-1/temp") await page.UncheckAsync($"#data-series input[data-key='{key}']");
        await page.CheckAsync("#data-series input[data-key='lab-1/temp']");
        Assert.Equal(["lab-1/temp"], await page.EvaluateAsync<string[]>("() => window.rcData.keys()"));
        await page.ClickAsync("#data-history");
        await page.SelectOptionAsync("#data-range", "86400000");
        await page.WaitForFunctionAsync("() => document.querySelector('#data-status').innerText.includes('intervale')", null, new() { Timeout = 20_000 });
        int buckets = await page.EvaluateAsync<int>("() => window.rcData.pointCount()");
        Assert.InRange(buckets, 10, 2000);
        await page.WaitForTimeoutAsync(500);
        await editor.ScreenshotAsync("data-history-buckets");
    }

    [Fact]
    public async Task Settings_refuse_a_bad_retention_in_romanian_and_save_a_good_one()
    {
        var editor = await OpenDataTabAsync(browser.Browser, _hub);
        var page = editor.Page;
        await page.FillAsync("#data-retention", "0");
        await page.ClickAsync("#data-save");
        await Librarian.FillDialogAsync(page); // settings are the librarian's: the page asks, then sends again
        await page.WaitForSelectorAsync("#data-status.error");
        Assert.Contains("zile", await page.InnerTextAsync("#data-status"));
        await page.FillAsync("#data-retention", "90");
        await page.FillAsync("#data-interval", "1000");
        await page.ClickAsync("#data-save");
        await page.WaitForFunctionAsync("() => document.querySelector('#data-status').innerText === 'Setările au fost salvate.'");
        using var http = new HttpClient { BaseAddress = new Uri(_hub.Url) };
        var s = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/telemetry/settings");
        Assert.Equal(90, s.GetProperty("retentionDays").GetInt32());
    }

    [Fact]
    public async Task The_kiosk_shows_big_values_a_live_chart_and_comes_back_after_the_connection_drops()
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = "ro-RO" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_hub.Url + "/kiosk.html?board=station-1");
        await page.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync(".rc-kiosk-tile[data-series=temperatura]", new() { Timeout = 20_000 });
        await page.WaitForFunctionAsync("() => /\\d/.test(document.querySelector('.rc-kiosk-tile[data-series=temperatura] .rc-kiosk-value').innerText)");
        // Big: the value is drawn at least 48 px high.
        double size = await page.EvalOnSelectorAsync<double>(".rc-kiosk-value", "e => parseFloat(getComputedStyle(e).fontSize)");
        Assert.True(size >= 48, $"font size {size}");
        await page.WaitForSelectorAsync("#kiosk-chart canvas");
        await page.WaitForFunctionAsync("() => window.rcKiosk.pointCount() >= 10", null, new() { Timeout = 20_000 });
        // No editing: no inputs, no run buttons.
        Assert.Equal(0, await page.Locator("input, textarea, select, #run, #stop").CountAsync());
        Assert.Equal("up", await page.GetAttributeAsync("#kiosk-link", "data-state"));
        await page.WaitForTimeoutAsync(1000);
        string dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "kiosk.png") });

        // The connection drops: the page says so, connects again by itself, refetches and keeps drawing.
        await page.EvaluateAsync("() => window.rcKiosk.drop()");
        await page.WaitForFunctionAsync("() => window.rcKiosk.reconnects() >= 1", null, new() { Timeout = 20_000 });
        Assert.Equal("up", await page.GetAttributeAsync("#kiosk-link", "data-state"));
        int before = await page.EvaluateAsync<int>("() => window.rcKiosk.pointCount()");
        await page.WaitForFunctionAsync("n => window.rcKiosk.pointCount() > n", before, new() { Timeout = 20_000 });

        // The phone view (what the QR opens): same values, no full-screen button.
        var phone = await context.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 800);
        await phone.GotoAsync(_hub.Url + "/kiosk.html?board=station-1&phone=1");
        await phone.WaitForSelectorAsync("body[data-ready=true]", new() { Timeout = 30_000 });
        await phone.WaitForFunctionAsync("() => window.rcKiosk.pointCount() >= 5", null, new() { Timeout = 20_000 });
        Assert.False(await phone.IsVisibleAsync("#kiosk-full"));
        await phone.WaitForTimeoutAsync(800);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(dir, "kiosk-phone.png"), FullPage = true });
        await context.CloseAsync();
    }
}

/// <summary>A hub on the network (Hub:Lan): the kiosk shows a QR code of its phone view.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DataKioskQrTests(BrowserFixture browser) : IAsyncLifetime
{
    HubServer _hub = null!;

    public Task InitializeAsync()
    {
        _hub = HubServer.Start(lan: true);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_kiosk_shows_a_qr_code_of_its_read_only_phone_view()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_hub.Url) };
        var hub = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/hub");
        if (hub.GetProperty("lanUrl").ValueKind == System.Text.Json.JsonValueKind.Null) return; // this machine has no network address
        var svg = await http.GetAsync("/api/hub/qr.svg?path=" + Uri.EscapeDataString("/kiosk.html?board=station-1&phone=1"));
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        // A different path gives a different code.
        Assert.NotEqual(await svg.Content.ReadAsStringAsync(), await http.GetStringAsync("/api/hub/qr.svg"));

        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 }, Locale = "ro-RO" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_hub.Url + "/kiosk.html?board=station-1");
        await page.WaitForSelectorAsync("#kiosk-qr:not([hidden])", new() { Timeout = 30_000 });
        Assert.Equal("Scanează ca să vezi pe telefon", await page.InnerTextAsync("#kiosk-qr figcaption"));
        Assert.Contains("phone%3D1", await page.GetAttributeAsync("#kiosk-qr-img", "src"));
        string dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "kiosk-qr.png") });
        await context.CloseAsync();
    }
}
