using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoboClub.Flashing.Tests;

namespace RoboClub.Browser.Tests;

/// <summary>The flashing API without a browser: refusals in both languages, ports from a fake /sys, the
/// "nothing happens?" help, stopping, the label sheet.</summary>
public sealed class FlashingApiTests : IAsyncLifetime
{
    readonly FakeSysfs _sys = new();
    readonly FakeNanoffHost _nanoff = new();
    readonly TempFolder _folder = new();
    FlashingHubServer _hub = null!;
    HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder.Combine("proc"));
        _hub = new FlashingHubServer
        {
            DataDirectory = _folder.Combine("data"),
            Flashing = new Dictionary<string, string>
            {
                ["Nanoff"] = _nanoff.Tool().FileName,
                ["SysRoot"] = _sys.Root,
                ["ProcRoot"] = _folder.Combine("proc"),
                ["AppImage"] = _folder.Combine("RoboClub.bin"), // missing until a test writes it
                ["PollMs"] = "100",
            },
        };
        _hub.Start();
        _http = await Librarian.HttpAsync(_hub.Url); // flashing is the librarian's
        using var anonymous = new HttpClient { BaseAddress = new Uri(_hub.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/flashing/status")).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _hub.DisposeAsync();
        _sys.Dispose();
        _nanoff.Dispose();
        _folder.Dispose();
    }

    static object Batch(string profile = "weather", string ssid = "Biblioteca", string password = "parola-wifi", int? count = 1, string? club = null) =>
        new { profile, club, wifiSsid = ssid, wifiPassword = password, count, includePresent = false, target = (string?)null };

    async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, object body)
    {
        var response = await _http.PostAsJsonAsync(path, body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Theory]
    [InlineData("drone", "Biblioteca", "parola-wifi", 1, null, "stație meteo")]
    [InlineData("weather", "", "parola-wifi", 1, null, "Wi-Fi")]
    [InlineData("weather", "Biblioteca", "scurt", 1, null, "între 8 și 63")]
    [InlineData("weather", "Biblioteca", "parola-wifi", 0, null, "între 1 și 200")]
    [InlineData("weather", "Biblioteca", "parola-wifi", 1, "alt-club", "club1")]
    [InlineData("weather", "Biblioteca", "parola-wifi", 1, null, "RoboClub.bin")]
    public async Task A_batch_that_cannot_work_is_refused_with_the_reason_in_both_languages(string profile, string ssid, string password, int count, string? club, string roText)
    {
        var (status, body) = await PostAsync("/api/flashing/batch", Batch(profile, ssid, password, count, club));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(roText, body.GetProperty("error").GetProperty("ro").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error").GetProperty("en").GetString()));
        Assert.Equal("idle", (await _http.GetFromJsonAsync<JsonElement>("/api/flashing/batch")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Ports_come_from_the_fake_sys_with_their_chip()
    {
        _sys.AddAcmBoard("ttyACM0", "303a:1001", "F4:12:FA:00:11:22", "USB JTAG/serial debug unit");
        var ports = await _http.GetFromJsonAsync<JsonElement>("/api/flashing/ports");
        var port = Assert.Single(ports.EnumerateArray().ToArray());
        Assert.Equal("/dev/ttyACM0", port.GetProperty("path").GetString());
        Assert.Equal("ESP32-S3/C3 USB", port.GetProperty("chip").GetString());
        Assert.Equal(2, (await _http.GetFromJsonAsync<JsonElement>("/api/flashing/ports?all=true")).GetArrayLength()); // + ttyS0
    }

    [Fact]
    public async Task Waiting_for_a_board_explains_a_stuck_bridge_by_itself_and_the_cable_on_request_then_stops()
    {
        File.WriteAllBytes(_folder.Combine("RoboClub.bin"), [1, 2, 3]);
        var (status, _) = await PostAsync("/api/flashing/batch", Batch(count: null));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/api/flashing/batch", Batch())).Status); // one batch at a time

        async Task<JsonElement> WaitFor(Func<JsonElement, bool> condition)
        {
            for (int i = 0; i < 200; i++)
            {
                var view = await _http.GetFromJsonAsync<JsonElement>("/api/flashing/batch");
                if (condition(view)) return view;
                await Task.Delay(100);
            }
            throw new TimeoutException("the batch never reached the expected state");
        }
        static string[] Ids(JsonElement view) => view.GetProperty("diagnoses").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToArray();

        await WaitFor(v => v.GetProperty("state").GetString() == "waitingForBoard");
        await PostAsync("/api/flashing/batch/help", new { });
        Assert.Equal(["charge-only-cable"], Ids(await WaitFor(v => Ids(v).Length > 0)));

        // A CH340 shows up on USB with no port (no driver): said without asking.
        _sys.AddUsbDevice("1a86:7523", null, "USB2.0-Serial", interfaceDriver: null);
        var view = await WaitFor(v => Ids(v).Contains("driver-missing"));
        Assert.Contains("ch341", view.GetProperty("diagnoses")[0].GetProperty("problem").GetProperty("en").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("/api/flashing/batch/explode", new { })).Status);
        var stopped = (await PostAsync("/api/flashing/batch/stop", new { })).Body;
        Assert.Equal("stopped", stopped.GetProperty("state").GetString());
        Assert.False(stopped.GetProperty("running").GetBoolean());
        Assert.DoesNotContain(_nanoff.Calls(), c => c.Contains("--serialport")); // nothing was flashed
        Assert.Contains(_nanoff.Calls(), c => c.Contains("--updatearchive")); // the empty archive was filled first
    }

    [Fact]
    public void Labels_escape_what_they_print_and_link_each_board_to_its_page()
    {
        var board = new RoboClub.Hub.Flashing.InventoryBoard { Name = "robot-07", Club = "Biblioteca <Județeană> & Co", Profile = "robot", MqttUser = "robot-07" };
        string html = RoboClub.Hub.Flashing.LabelSheet.Html([board], "http://192.168.1.20:5180/", "ro");
        Assert.Contains("Biblioteca &lt;Jude", html);
        Assert.DoesNotContain("<Județeană>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "class=\"label\""));
        Assert.Equal("http://192.168.1.20:5180/?board=robot-07", RoboClub.Hub.Flashing.LabelSheet.BoardUrl("http://192.168.1.20:5180/", "robot-07"));
        Assert.Contains("Tipărește", html);
    }

    [Fact]
    public async Task The_label_sheet_of_an_empty_inventory_is_an_empty_page_and_status_reports_what_is_missing()
    {
        string html = await _http.GetStringAsync("/api/flashing/labels?lang=en");
        Assert.Contains("Print", html);
        Assert.DoesNotContain("class=\"label\"", html);
        var status = await _http.GetFromJsonAsync<JsonElement>("/api/flashing/status");
        Assert.True(status.GetProperty("nanoffFound").GetBoolean());
        Assert.False(status.GetProperty("appImagePresent").GetBoolean());
        Assert.Equal(0, status.GetProperty("archiveFiles").GetInt32());
        Assert.False(status.GetProperty("lan").GetBoolean()); // the page warns: boards cannot reach a local-only hub
    }
}
