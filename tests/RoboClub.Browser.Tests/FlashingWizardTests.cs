using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RoboClub.Flashing.Provisioning;
using RoboClub.Flashing.Tests;
using RoboClub.Hub.Flashing;
using RoboClub.Hub.Serve;
using RoboClub.Mqtt.Broker;
using RoboClub.VirtualBoard;

namespace RoboClub.Browser.Tests;

/// <summary>The hub with its flashing tools pointed at fakes: a fake /sys where the test plugs boards in,
/// fake-nanoff as the flasher, an app image in a temporary folder.</summary>
public sealed class FlashingHubServer : WebApplicationFactory<RoboClub.Hub.Program>
{
    public required string DataDirectory { get; init; }
    public required IReadOnlyDictionary<string, string> Flashing { get; init; }
    public string Url { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Hub:WebPort", "0");
        builder.UseSetting("Hub:MqttPort", "0");
        builder.UseSetting("Hub:Lan", "false");
        builder.UseSetting("Hub:Data", DataDirectory);
        builder.UseSetting("Hub:VirtualBoards", "0");
        builder.UseSetting("Hub:OpenBrowser", "false");
        builder.UseSetting("Hub:Lang", "ro");
        foreach (var (key, value) in Flashing) builder.UseSetting("Flashing:" + key, value);
    }

    public void Start()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        Url = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }
}

/// <summary>
/// A librarian provisions two weather stations in a row through the New boards tab, in Chromium:
/// plug in → flashed, named, online on the hub; the second board does not enter its bootloader until
/// the librarian follows the BOOT advice and presses Try again; the inventory lists both (the hub keeps
/// only password hashes) and the label sheet renders with QR codes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FlashingWizardTests(BrowserFixture browser) : IAsyncLifetime
{
    readonly FakeSysfs _sys = new();
    readonly FakeNanoffHost _nanoff = new();
    readonly TempFolder _folder = new();
    FlashingHubServer _hub = null!;
    readonly List<VirtualBoardHost> _boards = [];
    readonly CancellationTokenSource _stop = new();

    public Task InitializeAsync()
    {
        string app = _folder.Combine("RoboClub.bin");
        File.WriteAllBytes(app, [0x4e, 0x46, 0x4d, 0x52, 1, 2, 3]);
        Directory.CreateDirectory(_folder.Combine("proc"));
        _hub = new FlashingHubServer
        {
            DataDirectory = _folder.Combine("data"),
            Flashing = new Dictionary<string, string>
            {
                ["Nanoff"] = _nanoff.Tool().FileName,
                ["SysRoot"] = _sys.Root,
                ["ProcRoot"] = _folder.Combine("proc"),
                ["AppImage"] = app,
                ["HubHost"] = "127.0.0.1",
                ["PollMs"] = "200",
                ["SettleMs"] = "10",
                ["OnlineTimeoutSeconds"] = "8",
            },
        };
        _hub.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var b in _boards) await b.DisposeAsync();
        await _hub.DisposeAsync();
        _sys.Dispose();
        _nanoff.Dispose();
        _folder.Dispose();
    }

    /// <summary>
    /// What the board's firmware does with I:\roboclub.json: connect to the hub with it, as the kit it names
    /// (read strictly like the firmware's DeviceConfig: "board", a firmware profile, no unknown key).
    /// </summary>
    async Task<BoardConfigFile> BootBoardAsync(string deviceDir)
    {
        string file = Path.Combine(deviceDir, "roboclub.json");
        for (int i = 0; !File.Exists(file); i++)
        {
            if (i > 600) throw new TimeoutException("no roboclub.json was deployed");
            await Task.Delay(100);
        }
        var config = BoardConfigFile.Parse(await File.ReadAllTextAsync(file));
        // The file is deployed before the batch stores the board's login in the inventory (which the hub
        // re-reads within a second): until then the hub refuses the login, and the board tries again, as the firmware does.
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(200))
        {
            var board = new VirtualBoardHost(
                new VirtualBoardOptions { Club = config.Club, Board = config.Board, BrokerHost = config.HubHost, BrokerPort = config.HubPort, UserName = config.MqttUser, Password = config.MqttPassword },
                VirtualParts.Create(config.Profile.Kind() == BoardKind.Weather ? "weather" : "robot", null, null, seed: 7));
            try
            {
                await board.StartAsync();
            }
            catch (RoboClub.Mqtt.Client.MqttConnectException e) when (e.ReasonCode == RoboClub.Mqtt.MqttReasonCode.BadUserNameOrPassword && DateTime.UtcNow < deadline)
            {
                await board.DisposeAsync();
                continue;
            }
            _boards.Add(board);
            _ = board.RunAsync(_stop.Token);
            return config;
        }
    }

    static Task WaitState(IPage page, string state, int timeoutMs = 60_000) =>
        page.WaitForSelectorAsync($"#flash-run[data-state={state}]", new() { Timeout = timeoutMs });

    static async Task Screenshot(IPage page, string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    [Fact]
    public async Task Two_weather_stations_are_flashed_in_a_row_and_end_in_the_inventory_with_labels()
    {
        Assert.Equal(_hub.Services.GetRequiredService<EmbeddedBroker>().Broker.Port, _hub.Services.GetRequiredService<FlashingService>().Status().MqttPort);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "ro-RO" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_hub.Url + "/?tab=flash");
        // Flashing is the librarian's: the first time, on the hub's PC, the page asks her to choose the password.
        await page.WaitForSelectorAsync("#librarian-dialog[open] .rc-librarian-setup", new() { Timeout = 30_000 });
        await Screenshot(page, "librarian-setup");
        await Librarian.FillDialogAsync(page);
        await page.WaitForSelectorAsync("#tab-flash:not([hidden])", new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("#flash-check-nanoff[data-ok=true]");
        await page.WaitForSelectorAsync("#flash-check-app[data-ok=true]");
        Assert.Equal("Pregătește plăcuțe noi", await page.InnerTextAsync("#flash-setup h3"));
        Assert.Equal("false", await page.GetAttributeAsync("#flash-check-archive", "data-ok"));
        Assert.Contains("--local-only", await page.InnerTextAsync("#flash-check-hub")); // this test hub listens on loopback only

        // A Wi-Fi password too short is refused in Romanian before anything is flashed.
        // The kits are the firmware's profiles, in Romanian; a robot with the TB6612FNG driver is the default.
        Assert.True(await page.IsCheckedAsync("#flash-profile-robot-tb6612"));
        Assert.Equal("Stație meteo cu DHT22", await page.InnerTextAsync("label:has(#flash-profile-weather-dht22)"));
        await page.CheckAsync("#flash-profile-weather-dht22");
        await page.FillAsync("#flash-ssid", "Biblioteca");
        await page.FillAsync("#flash-password", "scurt");
        await page.ClickAsync("#flash-start");
        await page.WaitForSelectorAsync("#flash-form-error:not([hidden])");
        Assert.Contains("între 8 și 63", await page.InnerTextAsync("#flash-form-error"));

        await page.FillAsync("#flash-password", "parola-wifi");
        await page.FillAsync("#flash-count", "2");
        await page.ClickAsync("#flash-start");
        await WaitState(page, "waitingForBoard");
        Assert.Equal("Conectează următoarea plăcuță (1/2).", await page.InnerTextAsync("#flash-message"));
        await page.WaitForSelectorAsync("#flash-check-archive[data-ok=true]"); // filled before the first board

        // Board 1: a CP210x board is plugged in; its firmware connects with the file it was given.
        string first = _nanoff.AddBoard("/dev/ttyUSB0");
        string firstUsb = _sys.AddUsbSerialBoard("ttyUSB0", "10c4:ea60", "0001", "CP2102 USB to UART Bridge Controller", "cp210x");
        var config = await BootBoardAsync(first);
        Assert.Equal("meteo-01", config.Board);
        Assert.Equal(BoardKit.WeatherDht22, config.Profile);
        Assert.Contains("\"profile\":\"weather-dht22\"", await File.ReadAllTextAsync(Path.Combine(first, "roboclub.json")));
        Assert.Equal("127.0.0.1", config.HubHost);
        await WaitState(page, "unplug");
        await page.WaitForSelectorAsync("#flash-progress[data-percent='100']");
        Assert.StartsWith("meteo-01 este gata", await page.InnerTextAsync("#flash-message"));
        Assert.Equal(4, await page.Locator("#flash-steps li.done").CountAsync());
        // The empty offline archive was filled first, and the board flashed from it.
        var calls = _nanoff.Calls();
        Assert.Contains("--updatearchive", calls[0]);
        Assert.Contains("--fromarchive", calls.First(c => c.Contains("--update")));
        await Screenshot(page, "flash-board-ready");

        // Board 2: a CH9102 board that does not enter its bootloader by itself.
        _sys.Remove(firstUsb, "ttyUSB0");
        await page.WaitForFunctionAsync("() => document.querySelector('#flash-message').innerText.includes('(2/2)')");
        string second = _nanoff.AddBoard("/dev/ttyACM0", scenario: "chip-not-detected");
        _sys.AddAcmBoard("ttyACM0", "1a86:55d4", "5434012345", "USB Single Serial");
        await WaitState(page, "problem");
        var advice = await page.InnerTextAsync("#flash-diagnoses .rc-flash-diagnosis[data-id=hold-boot]");
        Assert.Contains("Ține apăsat butonul BOOT", advice);
        Assert.True(await page.IsVisibleAsync("#flash-retry"));
        await Screenshot(page, "flash-problem");
        Assert.Equal(2, _nanoff.Calls().Count(c => c.Contains("/dev/ttyACM0"))); // one automatic retry happened

        // The librarian holds BOOT and presses Try again: now it works (the board never reaches the Wi-Fi).
        File.Delete(Path.Combine(second, "scenario"));
        await page.ClickAsync("#flash-retry");
        await WaitState(page, "done", 90_000);
        await page.WaitForSelectorAsync("#flash-inventory tr[data-board=meteo-02]");

        var row1 = page.Locator("#flash-inventory tr[data-board=meteo-01]");
        Assert.Equal("✔", await row1.Locator("td.online").InnerTextAsync());
        Assert.Contains("ESP32-D0WD-V3", await row1.InnerTextAsync());
        Assert.Contains("Stație meteo cu DHT22", await row1.InnerTextAsync());
        Assert.Matches(new Regex("24:0a:c4:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}"), await row1.InnerTextAsync());
        Assert.Equal("încă nu", await page.Locator("#flash-inventory tr[data-board=meteo-02] td.online").InnerTextAsync());
        await Screenshot(page, "flash-done");

        // The hub kept a hash (mosquitto's $7$ format, docs/security.md), never the board's password.
        var inventory = _hub.Services.GetRequiredService<BoardInventory>();
        var stored = inventory.Find("meteo-01")!;
        Assert.StartsWith("$7$101$", stored.MqttPasswordHash);
        Assert.Equal("weather-dht22", stored.Profile);
        Assert.True(RoboClub.Hub.Boards.BoardPasswordHash.Verify(System.Text.Encoding.UTF8.GetBytes(config.MqttPassword), stored.MqttPasswordHash));
        foreach (var f in Directory.GetFiles(_folder.Combine("data"), "inventory.db*"))
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(s);
            Assert.DoesNotContain(config.MqttPassword, await reader.ReadToEndAsync());
        }

        // meteo-02 reaches the Wi-Fi later: the inventory notes its first time online by itself.
        Assert.Null(inventory.Find("meteo-02")!.FirstOnline);
        await BootBoardAsync(second);
        for (int i = 0; inventory.Find("meteo-02")!.FirstOnline is null; i++)
        {
            Assert.True(i < 300, "meteo-02 was never marked online");
            await Task.Delay(100);
        }

        // The label sheet for this batch: both boards, each with its QR code.
        string labels = (await page.GetAttributeAsync("#flash-labels", "href"))!;
        Assert.Contains("boards=meteo-01,meteo-02", labels);
        var sheet = await context.NewPageAsync();
        await sheet.GotoAsync(_hub.Url + labels);
        Assert.Equal(2, await sheet.Locator(".label svg").CountAsync());
        Assert.Equal("meteo-01", await sheet.InnerTextAsync(".label[data-board=meteo-01] .name"));
        Assert.Equal("stație meteo", await sheet.InnerTextAsync(".label[data-board=meteo-02] .kind"));
        await Screenshot(sheet, "flash-labels");
        // The QR code opens that board's page on this hub (read back by zbarimg, which test.sh installs).
        Assert.True(File.Exists("/usr/bin/zbarimg"), "zbarimg is missing: apt-get install zbar-tools (test.sh does)");
        string png = _folder.Combine("label.png");
        await sheet.Locator(".label[data-board=meteo-02] svg").ScreenshotAsync(new() { Path = png });
        var zbar = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/zbarimg", ["-q", "--raw", png]) { RedirectStandardOutput = true })!;
        string decoded = (await zbar.StandardOutput.ReadToEndAsync()).Trim();
        await zbar.WaitForExitAsync();
        Assert.Equal(_hub.Url + "/?board=meteo-02", decoded);
        await context.CloseAsync();
    }
}
