using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RoboClub.Compiler;
using RoboClub.Hub.Serve;

namespace RoboClub.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/RoboClub.Benchmarks -- hub [--quick]`: what a child waits for
/// in the web editor, on the real hub (in this process, with its broker and virtual boards):
///  - the page's JavaScript, gzip-compressed (target ≤ 600 KB);
///  - editor ready in Chromium with an empty cache (target ≤ 1.5 s), against the same browser
///    loading a static page of the same total size from the same server (the peer: transfer and
///    parse cost alone);
///  - Run → the virtual board runs the new program (the POST returns when the board's status names
///    the new image; target p95 ≤ 100 ms), against compiling the same program alone (the peer: what
///    the compiler costs of that time).
/// </summary>
static class HubBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        string data = Directory.CreateTempSubdirectory("roboclub-bench-").FullName;
        try
        {
            await using var app = HubApp.Build([], new Dictionary<string, string?>
            {
                ["Hub:WebPort"] = "0", ["Hub:MqttPort"] = "0", ["Hub:Lan"] = "false", ["Hub:Data"] = data,
                ["Hub:VirtualBoards"] = "2", ["Hub:OpenBrowser"] = "false",
                // One "computer" sends every Run here: the per-computer limit would measure itself.
                ["Hub:CompileBurst"] = "100000", ["Hub:CompilePerSecond"] = "100000",
            }, new HubConsole(TextWriter.Null));
            await app.StartAsync();
            string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
            Console.WriteLine($"Hub benchmark ({(quick ? "quick" : "full")}), {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            Console.WriteLine();
            Bundle(app.Environment.WebRootPath);
            await PageReadyAsync(url, app.Environment.WebRootPath, quick ? 3 : 10);
            await RunLatencyAsync(url, quick ? 20 : 100);
            await app.StopAsync();
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    static void Bundle(string webRoot)
    {
        long raw = 0, gzip = 0;
        Console.WriteLine("| script | bytes | gzip bytes |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(webRoot, "assets"), "*.js").OrderBy(f => f))
        {
            byte[] bytes = File.ReadAllBytes(file);
            long z = GzipSize(bytes);
            raw += bytes.Length;
            gzip += z;
            Console.WriteLine($"| {Path.GetFileName(file)} | {bytes.Length:N0} | {z:N0} |");
        }
        Console.WriteLine($"| **all JavaScript** | {raw:N0} | **{gzip:N0}** ({gzip / 1024.0:F0} KB; target ≤ 600 KB) |");
        Console.WriteLine();
    }

    static long GzipSize(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var z = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true)) z.Write(bytes);
        return memory.Length;
    }

    static async Task PageReadyAsync(string url, string webRoot, int runs)
    {
        // The peer page: the same scripts fetched and evaluated as plain files, nothing run.
        string peer = Path.Combine(webRoot, "bench-peer.html");
        var scripts = Directory.EnumerateFiles(Path.Combine(webRoot, "assets"), "*.js").Select(f => $"<link rel=modulepreload href=\"/assets/{Path.GetFileName(f)}\">");
        await File.WriteAllTextAsync(peer, $"<!doctype html><meta charset=utf-8>{string.Join("", scripts)}<body data-ready=true>");
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args = ["--disable-gpu", "--no-first-run", "--disable-background-networking"],
            });
            var ours = new List<double>();
            var theirs = new List<double>();
            for (int i = 0; i < runs + 1; i++)
            {
                double a = await LoadAsync(browser, url + "/");
                double b = await LoadAsync(browser, url + "/bench-peer.html");
                if (i == 0) continue; // the first pair warms the server up
                ours.Add(a);
                theirs.Add(b);
            }
            double o = Median(ours), p = Median(theirs);
            Console.WriteLine("| measure | RoboClub editor | peer: same scripts, nothing run | ours/peer | target |");
            Console.WriteLine("|---|---:|---:|---:|---|");
            Console.WriteLine($"| page ready, empty cache, median of {runs} | {o:F0} ms | {p:F0} ms | {o / p:F2}× | ≤ 1,500 ms |");
            Console.WriteLine();
        }
        finally
        {
            File.Delete(peer);
        }
    }

    static async Task<double> LoadAsync(IBrowser browser, string url)
    {
        await using var context = await browser.NewContextAsync(); // a fresh, empty cache
        var page = await context.NewPageAsync();
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 30_000, State = WaitForSelectorState.Attached });
        return watch.Elapsed.TotalMilliseconds;
    }

    static async Task RunLatencyAsync(string url, int runs)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        // Wait for the virtual robot.
        for (int i = 0; i < 200; i++)
        {
            var boards = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/boards");
            if (boards.EnumerateArray().Any(b => b.GetProperty("board").GetString() == "robot-1" && b.GetProperty("online").GetBoolean())) break;
            await Task.Delay(50);
        }
        var send = new List<double>();
        var compile = new List<double>();
        for (int i = 0; i < runs + 5; i++)
        {
            // A different program each time, so the board really loads a new image.
            string source = $"int pasi = {i};\nwhile (pasi < 1000000) {{ Robot.Forward({i % 100}); Wait(100); pasi++; }}\n";
            var watch = Stopwatch.StartNew();
            var response = await http.PostAsJsonAsync("/api/boards/robot-1/program", new { source });
            double ms = watch.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"run {i}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            watch.Restart();
            ChildCompiler.Compile(source, "program.cs");
            double c = watch.Elapsed.TotalMilliseconds;
            if (i < 5) continue; // warm-up
            send.Add(ms);
            compile.Add(c);
        }
        send.Sort();
        compile.Sort();
        Console.WriteLine("| measure | Run → board running | peer: compile alone | ours/peer | target |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        Console.WriteLine($"| p50 of {runs} | {Pct(send, 50):F1} ms | {Pct(compile, 50):F1} ms | {Pct(send, 50) / Pct(compile, 50):F2}× | |");
        Console.WriteLine($"| p95 of {runs} | {Pct(send, 95):F1} ms | {Pct(compile, 95):F1} ms | {Pct(send, 95) / Pct(compile, 95):F2}× | ≤ 100 ms |");
        Console.WriteLine();
    }

    static double Pct(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, sorted.Count * p / 100)];

    static double Median(List<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);
}
