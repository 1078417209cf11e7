using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Flashing;
using RoboClub.Hub.Serve;
using RoboClub.Mqtt.Broker;
using RoboClub.Mqtt.Client;

namespace RoboClub.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/RoboClub.Benchmarks -- logins [--quick]`: what board logins
/// cost the hub (docs/security.md, "Hashes"):
///  - one password check: mosquitto's $7$ (PBKDF2-SHA512, 101 iterations, what flashing stores now)
///    against the broker's pbkdf2-sha256 at 210,000 iterations (what flashing stored before), first
///    time and from the cache;
///  - a reconnect storm: N boards connect (50 at a time) to the real hub (in this process) with their
///    logins, against the same N boards without logins (`--board-logins open`): wall time and CPU
///    of the process (hub and clients together).
/// </summary>
static class LoginBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int boards = quick ? 200 : 1000;
        Console.WriteLine($"Login benchmark ({(quick ? "quick" : "full")}), {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine();
        await CheckCostAsync(quick ? 2_000 : 10_000, quick ? 5 : 20);
        Console.WriteLine();
        Console.WriteLine($"| reconnect storm, {boards} boards | wall ms | process CPU ms |");
        Console.WriteLine("|---|---:|---:|");
        await StormAsync("logins required ($7$ hashes)", boards, BoardLoginMode.Required);
        await StormAsync("logins open (anonymous)", boards, BoardLoginMode.Open);
        return 0;
    }

    static async Task CheckCostAsync(int fastChecks, int slowChecks)
    {
        string dir = Directory.CreateTempSubdirectory("rcbench-logins-").FullName;
        try
        {
            var inventory = new BoardInventory(Path.Combine(dir, "inventory.db"));
            string password = BoardCredentials.NewPassword();
            inventory.Save(new InventoryBoard { Name = "fast-01", Club = "c", Profile = "robot-tb6612", MqttUser = "fast-01", MqttPasswordHash = BoardPasswordHash.Hash(password) });
            inventory.Save(new InventoryBoard { Name = "slow-01", Club = "c", Profile = "robot-tb6612", MqttUser = "slow-01", MqttPasswordHash = PasswordHasher.Hash(password).ToString() });
            byte[] bytes = Encoding.UTF8.GetBytes(password);
            Console.WriteLine("| one password check | µs |");
            Console.WriteLine("|---|---:|");
            var fast = new BoardLogins(inventory, NullLogger<BoardLogins>.Instance);
            Console.WriteLine($"| $7$ (PBKDF2-SHA512 × 101) | {await TimeAsync(fastChecks, () => fast, "fast-01", bytes):F1} |");
            // A fresh BoardLogins for each slow check: no cache.
            Console.WriteLine($"| pbkdf2-sha256 × 210,000, first time | {await TimeAsync(slowChecks, () => new BoardLogins(inventory, NullLogger<BoardLogins>.Instance), "slow-01", bytes):F1} |");
            var cached = new BoardLogins(inventory, NullLogger<BoardLogins>.Instance);
            await cached.CheckAsync("slow-01", bytes, default);
            Console.WriteLine($"| pbkdf2-sha256 × 210,000, cached | {await TimeAsync(fastChecks, () => cached, "slow-01", bytes):F1} |");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Mean µs of one check, the inventory already read (it is re-read at most once a second).</summary>
    static async Task<double> TimeAsync(int count, Func<BoardLogins> logins, string user, byte[] password)
    {
        var instances = Enumerable.Range(0, count).Select(_ => logins()).ToArray();
        foreach (var l in instances.Distinct()) await l.CheckAsync("nobody", password, default); // reads the inventory
        var clock = Stopwatch.StartNew();
        foreach (var l in instances)
            if (await l.CheckAsync(user, password, default) != BoardLoginCheck.Valid) throw new InvalidOperationException("login refused");
        return clock.Elapsed.TotalMicroseconds / count;
    }

    static async Task StormAsync(string title, int boards, BoardLoginMode mode)
    {
        string data = Directory.CreateTempSubdirectory("rcbench-storm-").FullName;
        try
        {
            var inventory = new BoardInventory(Path.Combine(data, "inventory.db"));
            var passwords = new string[boards];
            for (int i = 0; i < boards; i++)
            {
                passwords[i] = BoardCredentials.NewPassword();
                inventory.Save(new InventoryBoard { Name = $"robot-{i:D4}", Club = "club1", Profile = "robot-tb6612", MqttUser = $"robot-{i:D4}", MqttPasswordHash = BoardPasswordHash.Hash(passwords[i]) });
            }
            await using var app = HubApp.Build([], new Dictionary<string, string?>
            {
                ["Hub:WebPort"] = "0", ["Hub:MqttPort"] = "0", ["Hub:Lan"] = "false", ["Hub:Data"] = data,
                ["Hub:VirtualBoards"] = "0", ["Hub:OpenBrowser"] = "false", ["Hub:BoardLogins"] = mode.ToString(),
            }, new HubConsole(TextWriter.Null));
            await app.StartAsync();
            int port = app.Services.GetRequiredService<EmbeddedBroker>().Broker.Port;
            var clients = Enumerable.Range(0, boards).Select(i =>
            {
                var o = new MqttClientOptions { Host = "127.0.0.1", Port = port, ClientId = $"roboclub-club1-robot-{i:D4}", KeepAlivePeriod = TimeSpan.FromSeconds(60) };
                return new MqttClient(mode == BoardLoginMode.Required ? o.WithCredentials($"robot-{i:D4}", passwords[i]) : o);
            }).ToArray();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            // 50 at a time, as boards behind one Wi-Fi access point come back (and the machine is shared).
            using var gate = new SemaphoreSlim(50);
            await Task.WhenAll(clients.Select(async c =>
            {
                await gate.WaitAsync();
                try { await c.ConnectAsync(); }
                finally { gate.Release(); }
            }));
            double wall = clock.Elapsed.TotalMilliseconds;
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"| {title} | {wall:F0} | {cpuMs:F0} |");
            foreach (var c in clients) await c.DisposeAsync();
            await app.StopAsync();
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
