using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using RoboClub.Telemetry;

namespace RoboClub.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/RoboClub.Benchmarks -- telemetry [--quick]`: the SQLite
/// telemetry store, each number next to a peer measured in the same run on the same data:
/// ingest (ours, through Append's queue and background writer, against the sqlite3 shell's `.import`
/// of the same rows and a naive one-insert-per-transaction loop), a 1M-point range drawn as 2,000
/// buckets (ours, bucketed in SQL, against reading every point and bucketing in C#, and the sqlite3
/// shell running the same GROUP BY), and CSV export (ours against the sqlite3 shell's `.mode csv`).
/// Then the same for the PostgreSQL store (PostgresTelemetryBenchmark), beside SQLite's numbers.
/// </summary>
static class TelemetryBenchmark
{
    internal const string Club = "bench";
    internal const long Start = 1_795_000_000_000; // 2026-11-18, a round time in the boards' era
    internal const int StepMs = 10;                 // 100 samples/s, a fast sensor
    internal const int Buckets = 2_000;
    const int BatchSize = 50;              // protocol.md's default telemetry batch

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int points = quick ? 200_000 : 1_000_000;
        int runs = quick ? 3 : 7;
        string? sqlite3 = File.Exists("/usr/bin/sqlite3") ? "/usr/bin/sqlite3" : null;
        string dir = Path.Combine(Path.GetTempPath(), "roboclub-telemetry-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        Console.WriteLine($"Telemetry store benchmark — {(quick ? "quick" : "full")} run, {points:N0} points in one series, " +
                          $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                          $"SQLite {SqliteVersion()}, peer {(sqlite3 is null ? "sqlite3 shell not installed (apt-get install -y sqlite3)" : Sqlite3Version(sqlite3))}, " +
                          $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine();
        try
        {
            return RunAll(dir, points, runs, sqlite3).GetAwaiter().GetResult();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    static async Task<int> RunAll(string dir, int points, int runs, string? sqlite3)
    {
        var rows = new List<string[]>();
        string db = Path.Combine(dir, "telemetry.db");

        // Warm-up: JIT the append, write, query and export paths on a small store.
        await using (var warm = SqliteTelemetryStore.Open(Path.Combine(dir, "warm.db")))
        {
            Ingest(warm, 20_000);
            await warm.FlushAsync();
            await warm.QueryRangeAsync(new SeriesKey(Club, "station-1", "temperature"), new TimeRange(Start, Start + 20_000L * StepMs), Buckets);
            await warm.ExportCsvAsync(new CsvExportRequest(Club, TimeRange.All) { Boards = ["station-1"] }, TextWriter.Null);
        }

        // 1. Ingest: samples/s from the first Append to the end of FlushAsync (all committed).
        await using var store = SqliteTelemetryStore.Open(db);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        int dropped = Ingest(store, points);
        await store.FlushAsync();
        double ingestSeconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        double ingestCpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        if (dropped > 0) Console.WriteLine($"  note: {dropped:N0} samples dropped by the bounded queue (the writer could not keep up)");
        double oursIngest = (points - dropped) / ingestSeconds;

        // 2. Buckets: the whole 1M-point range as 2,000 buckets, p50 of several runs.
        var key = new SeriesKey(Club, "station-1", "temperature");
        var range = new TimeRange(Start, Start + (long)points * StepMs);
        var bucketMs = new List<double>();
        var bucketCpuMs = new List<double>(); // CPU time too: on a busy machine wall time is mostly waiting for a core
        RangeResult? result = null;
        for (int i = 0; i < runs * 2; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            sw.Restart();
            result = await store.QueryRangeAsync(key, range, Buckets);
            bucketMs.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            bucketCpuMs.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
        }
        var naiveMs = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            sw.Restart();
            int naiveBuckets = NaiveBuckets(db, range, Buckets);
            naiveMs.Add(sw.Elapsed.TotalMilliseconds);
            if (naiveBuckets != result!.Buckets.Count) throw new InvalidOperationException($"naive bucketing found {naiveBuckets} buckets, the store {result.Buckets.Count}");
        }

        // 3. CSV export of the whole series.
        string csv = Path.Combine(dir, "export.csv");
        sw.Restart();
        long exported;
        await using (var file = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false), 1 << 16))
            exported = await store.ExportCsvAsync(new CsvExportRequest(Club, range) { Series = [("station-1", "temperature")] }, file);
        double exportSeconds = sw.Elapsed.TotalSeconds;

        // Naive ingest: one INSERT per transaction (what a first version often does), for ~2 s.
        double naiveIngest = NaiveIngest(Path.Combine(dir, "naive.db"), TimeSpan.FromSeconds(2));

        rows.Add(["ingest (samples/s)", $"{oursIngest:N0}", "one INSERT per transaction, same schema", $"{naiveIngest:N0}", Ratio(oursIngest, naiveIngest)]);
        rows.Add(["… per CPU second (appender + writer)", $"{(points - dropped) / ingestCpuSeconds:N0}", "", "", ""]);
        double? importRate = null, shellBucketMs = null, shellExportRate = null;
        if (sqlite3 is not null)
        {
            string shellDb = Path.Combine(dir, "shell.db");
            importRate = exported / ShellImport(sqlite3, shellDb, csv);
            rows.Add(["ingest (samples/s)", $"{oursIngest:N0}", "sqlite3 shell `.import` of the export's CSV", $"{importRate:N0}", Ratio(oursIngest, importRate.Value)]);
            var shellRuns = new List<double>();
            for (int i = 0; i < runs; i++) shellRuns.Add(ShellBuckets(sqlite3, shellDb, range, Buckets));
            shellBucketMs = Median(shellRuns);
            shellExportRate = exported / ShellExport(sqlite3, shellDb, Path.Combine(dir, "shell-export.csv"));
        }
        double oursBucket = Median(bucketMs), naiveBucket = Median(naiveMs);
        rows.Add([$"{points / 1000:N0}k points → {Buckets:N0} buckets (ms, p50 of {runs * 2})", $"{oursBucket:F1}", $"read every point, bucket in C# (p50 of {runs})", $"{naiveBucket:F1}", Ratio(naiveBucket, oursBucket)]);
        if (shellBucketMs is { } sb)
            rows.Add([$"{points / 1000:N0}k points → {Buckets:N0} buckets (ms, p50 of {runs * 2})", $"{oursBucket:F1}", $"sqlite3 shell, same GROUP BY on its imported table (`.timer`, p50 of {runs})", $"{sb:F1}", Ratio(sb, oursBucket)]);
        rows.Add([$"… CPU time of the same query (ms, p50)", $"{Median(bucketCpuMs):F1}", "", "", ""]);
        double oursExport = exported / exportSeconds;
        if (shellExportRate is { } se)
            rows.Add(["CSV export (rows/s)", $"{oursExport:N0}", "sqlite3 shell `.mode csv` of its imported table", $"{se:N0}", Ratio(oursExport, se)]);
        else
            rows.Add(["CSV export (rows/s)", $"{oursExport:N0}", "(sqlite3 shell not installed)", "–", "–"]);

        Console.WriteLine("| measure | ours | peer | peer's | ours vs peer |");
        Console.WriteLine("|---|---:|---|---:|---:|");
        foreach (var r in rows) Console.WriteLine($"| {string.Join(" | ", r)} |");
        Console.WriteLine();
        Console.WriteLine($"ours vs peer: ×N means ours is N times better (faster, or more per second). Bucket runs (ms): ours {string.Join(", ", bucketMs.Select(m => m.ToString("F1", CultureInfo.InvariantCulture)))} (CPU {string.Join(", ", bucketCpuMs.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}); " +
                          $"naive {string.Join(", ", naiveMs.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}. " +
                          $"Database {new FileInfo(db).Length / 1e6:F1} MB for {points:N0} samples; stats {store.Stats}.");

        await store.DisposeAsync(); // the PostgreSQL run gets the machine to itself
        await PostgresTelemetryBenchmark.RunAsync(points, runs, oursIngest, oursBucket, oursExport);
        return 0;
    }

    static string Ratio(double ours, double peer) => peer > 0 ? $"{ours / peer:F2}×" : "–";

    internal static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>
    /// Appends like the hub will: batches of 50 from one thread. Appending is much faster than the
    /// disk, so the loop waits while 100,000 samples are queued (the queue holds 500,000): this
    /// measures the writer's sustained rate, not how fast the queue fills. Returns samples dropped.
    /// </summary>
    internal static int Ingest(ITelemetryStore store, int points)
    {
        var batch = new TelemetrySample[BatchSize];
        int dropped = 0;
        for (int i = 0; i < points; i += BatchSize)
        {
            while (store.Stats.Queued > 100_000) Thread.Sleep(1);
            int n = Math.Min(BatchSize, points - i);
            for (int j = 0; j < n; j++)
            {
                long k = i + j;
                batch[j] = new TelemetrySample("temperature", Start + k * StepMs, Value(k));
            }
            dropped += store.Append(Club, "station-1", n == BatchSize ? batch : batch[..n]).Dropped;
        }
        return dropped;
    }

    internal static double Value(long k) => Math.Round(20 + 5 * Math.Sin(k / 5000.0) + (k * 7919 % 100) / 100.0, 2);

    static int NaiveBuckets(string db, TimeRange range, int buckets)
    {
        long width = (range.LengthMs + buckets - 1) / buckets;
        var min = new double[buckets];
        var count = new long[buckets];
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT t, v FROM samples WHERE series_id = (SELECT id FROM series WHERE name = 'temperature') AND t >= $f AND t < $t ORDER BY t";
        cmd.Parameters.AddWithValue("$f", range.FromMs);
        cmd.Parameters.AddWithValue("$t", range.ToMs);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            int b = (int)((r.GetInt64(0) - range.FromMs) / width);
            double v = r.GetDouble(1);
            if (count[b]++ == 0 || v < min[b]) min[b] = v;
        }
        return count.Count(n => n > 0);
    }

    static double NaiveIngest(string db, TimeSpan duration)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using (var setup = c.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE samples (series_id INTEGER NOT NULL, t INTEGER NOT NULL, v REAL NOT NULL, PRIMARY KEY (series_id, t)) WITHOUT ROWID;";
            setup.ExecuteNonQuery();
        }
        using var insert = c.CreateCommand();
        insert.CommandText = "INSERT INTO samples VALUES (1, $t, $v)";
        var pt = insert.Parameters.Add("$t", SqliteType.Integer);
        var pv = insert.Parameters.Add("$v", SqliteType.Real);
        var sw = Stopwatch.StartNew();
        long n = 0;
        while (sw.Elapsed < duration)
        {
            using var tx = c.BeginTransaction();
            insert.Transaction = tx;
            pt.Value = Start + n * StepMs;
            pv.Value = Value(n);
            insert.ExecuteNonQuery();
            tx.Commit();
            n++;
        }
        return n / sw.Elapsed.TotalSeconds;
    }

    // The shell's numbers include its start-up (a few ms), which is small next to a million rows.
    static double ShellImport(string sqlite3, string db, string csv)
    {
        var sw = Stopwatch.StartNew();
        Shell(sqlite3, db, $"""
            PRAGMA journal_mode=WAL;
            CREATE TABLE samples (time_utc TEXT, t INTEGER NOT NULL, board TEXT, series TEXT, v REAL NOT NULL);
            .import --csv --skip 1 {csv} samples
            CREATE INDEX samples_t ON samples (t);
            """);
        return sw.Elapsed.TotalSeconds;
    }

    static double ShellBuckets(string sqlite3, string db, TimeRange range, int buckets)
    {
        long width = (range.LengthMs + buckets - 1) / buckets;
        string output = Shell(sqlite3, db, $"""
            .timer on
            .output /dev/null
            SELECT (t - {range.FromMs}) / {width} AS b, min(v), max(v), avg(v), count(*) FROM samples WHERE t >= {range.FromMs} AND t < {range.ToMs} GROUP BY b ORDER BY b;
            """);
        // ".timer on" prints "Run Time: real 0.052 user ..." to stdout even with .output redirected? It goes to stdout of the shell.
        foreach (var line in output.Split('\n'))
            if (line.StartsWith("Run Time: real ", StringComparison.Ordinal))
                return double.Parse(line["Run Time: real ".Length..].Split(' ')[0], CultureInfo.InvariantCulture) * 1000;
        throw new InvalidOperationException("sqlite3 printed no timing: " + output);
    }

    static double ShellExport(string sqlite3, string db, string csv)
    {
        var sw = Stopwatch.StartNew();
        Shell(sqlite3, db, $"""
            .headers on
            .mode csv
            .once {csv}
            SELECT time_utc, t AS time_ms, board, series, v AS value FROM samples ORDER BY t;
            """);
        return sw.Elapsed.TotalSeconds;
    }

    static string Shell(string sqlite3, string db, string script)
    {
        var psi = new ProcessStartInfo(sqlite3, [db]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(script);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0 || stderr.Length > 0) throw new InvalidOperationException($"sqlite3 failed ({p.ExitCode}): {stderr}");
        return stdout.Result;
    }

    static string SqliteVersion()
    {
        using var c = new SqliteConnection("Data Source=:memory:");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT sqlite_version()";
        return (string)cmd.ExecuteScalar()!;
    }

    static string Sqlite3Version(string sqlite3)
    {
        var psi = new ProcessStartInfo(sqlite3, "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        string v = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return "sqlite3 shell " + string.Join(' ', v.Split(' ').Take(1));
    }
}
