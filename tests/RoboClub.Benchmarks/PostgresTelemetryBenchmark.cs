using System.Diagnostics;
using Npgsql;
using RoboClub.Telemetry;
using RoboClub.Telemetry.Tests;

namespace RoboClub.Benchmarks;

/// <summary>
/// The PostgreSQL half of `-- telemetry`: the same ingest, 1M-point → 2,000-bucket query and CSV
/// export as the SQLite store, against a PostgreSQL server the benchmark starts itself (the tests'
/// PostgresServer, with PostgreSQL's default fsync and commit settings), printed beside SQLite's.
/// Also times the writer's insert statement both ways on the same rows: a multi-row INSERT from
/// arrays (unnest, what the store uses) against COPY BINARY into a temporary table and INSERT … SELECT.
/// </summary>
static class PostgresTelemetryBenchmark
{
    public static async Task RunAsync(int points, int runs, double sqliteIngest, double sqliteBucketMs, double sqliteExport)
    {
        PostgresServer server;
        try { server = new PostgresServer(durable: true); }
        catch (InvalidOperationException e)
        {
            Console.WriteLine($"PostgreSQL store: not measured ({e.Message})");
            return;
        }
        using (server)
        {
            string cs = await server.NewSchemaAsync();
            string version;
            await using (var c = new NpgsqlConnection(server.AdminConnectionString))
            {
                await c.OpenAsync();
                version = c.PostgreSqlVersion.ToString();
            }
            var process = Process.GetCurrentProcess();

            await using (var warm = await PostgresTelemetryStore.OpenAsync(await server.NewSchemaAsync()))
            {
                TelemetryBenchmark.Ingest(warm, 20_000);
                await warm.FlushAsync();
                await warm.QueryRangeAsync(new SeriesKey(TelemetryBenchmark.Club, "station-1", "temperature"), new TimeRange(TelemetryBenchmark.Start, TelemetryBenchmark.Start + 20_000L * TelemetryBenchmark.StepMs), TelemetryBenchmark.Buckets);
                await warm.ExportCsvAsync(new CsvExportRequest(TelemetryBenchmark.Club, TimeRange.All) { Boards = ["station-1"] }, TextWriter.Null);
            }

            await using var store = await PostgresTelemetryStore.OpenAsync(cs);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            int dropped = TelemetryBenchmark.Ingest(store, points);
            await store.FlushAsync();
            double ingest = (points - dropped) / sw.Elapsed.TotalSeconds;
            process.Refresh();
            double ingestCpu = (points - dropped) / (process.TotalProcessorTime - cpuBefore).TotalSeconds; // the hub's side only; the server's CPU is not in it

            var key = new SeriesKey(TelemetryBenchmark.Club, "station-1", "temperature");
            var range = new TimeRange(TelemetryBenchmark.Start, TelemetryBenchmark.Start + (long)points * TelemetryBenchmark.StepMs);
            var bucketMs = new List<double>();
            RangeResult? result = null;
            for (int i = 0; i < runs * 2; i++)
            {
                sw.Restart();
                result = await store.QueryRangeAsync(key, range, TelemetryBenchmark.Buckets);
                bucketMs.Add(sw.Elapsed.TotalMilliseconds);
            }
            if (result!.Buckets.Sum(b => b.Count) != points - dropped) throw new InvalidOperationException("the PostgreSQL buckets do not hold every sample");

            string csv = Path.GetTempFileName();
            sw.Restart();
            long exported;
            await using (var file = new StreamWriter(csv, false, new System.Text.UTF8Encoding(false), 1 << 16))
                exported = await store.ExportCsvAsync(new CsvExportRequest(TelemetryBenchmark.Club, range) { Series = [("station-1", "temperature")] }, file);
            double export = exported / sw.Elapsed.TotalSeconds;
            File.Delete(csv);

            long samplesBytes, rollupBytes;
            await using (var c = new NpgsqlConnection(cs))
            {
                await c.OpenAsync();
                await using var size = new NpgsqlCommand("SELECT pg_total_relation_size('telemetry_samples'), pg_total_relation_size('telemetry_rollups')", c);
                await using var r = await size.ExecuteReaderAsync();
                await r.ReadAsync();
                (samplesBytes, rollupBytes) = (r.GetInt64(0), r.GetInt64(1));
            }

            var (unnest, copy) = await InsertStatementsAsync(await server.NewSchemaAsync(), points);

            Console.WriteLine();
            Console.WriteLine($"PostgreSQL {version} on loopback (started by the benchmark, default durability), same data, same run:");
            Console.WriteLine();
            Console.WriteLine("| measure | SQLite store | PostgreSQL store |");
            Console.WriteLine("|---|---:|---:|");
            Console.WriteLine($"| ingest (samples/s) | {sqliteIngest:N0} | {ingest:N0} |");
            Console.WriteLine($"| … per CPU second of the hub's process | | {ingestCpu:N0} |");
            Console.WriteLine($"| {points / 1000:N0}k points → {TelemetryBenchmark.Buckets:N0} buckets (ms, p50 of {runs * 2}) | {sqliteBucketMs:F1} | {TelemetryBenchmark.Median(bucketMs):F1} |");
            Console.WriteLine($"| CSV export to a file (rows/s) | {sqliteExport:N0} | {export:N0} |");
            Console.WriteLine();
            Console.WriteLine($"Writer's insert statement, {points:N0} rows in transactions of 50,000 (rows/s): INSERT … SELECT FROM unnest(arrays) {unnest:N0}; " +
                              $"COPY BINARY to a temporary table + INSERT … SELECT {copy:N0}. Samples table with its index {samplesBytes / 1e6:F1} MB ({(double)samplesBytes / points:F0} bytes a sample), " +
                              $"summaries {rollupBytes / 1e6:F1} MB. PostgreSQL stats {store.Stats}.");
        }
    }

    /// <summary>The insert with ON CONFLICT DO NOTHING RETURNING (as the writer needs it) fed two ways; rows/s of each.</summary>
    static async Task<(double Unnest, double Copy)> InsertStatementsAsync(string cs, int points)
    {
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using (var setup = new NpgsqlCommand("""
            CREATE TABLE a (series_id bigint, t bigint, v double precision, PRIMARY KEY (series_id, t));
            CREATE TABLE b (series_id bigint, t bigint, v double precision, PRIMARY KEY (series_id, t));
            """, c)) await setup.ExecuteNonQueryAsync();
        const int Chunk = 50_000;
        var ids = new long[Chunk];
        Array.Fill(ids, 1L);
        var times = new long[Chunk];
        var values = new double[Chunk];

        var sw = Stopwatch.StartNew();
        for (int start = 0; start < points; start += Chunk)
        {
            Fill(start, times, values);
            await using var tx = await c.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO a SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::double precision[]) ON CONFLICT DO NOTHING RETURNING series_id, t, v", c, tx);
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = times });
            insert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = values });
            await Drain(insert);
            await tx.CommitAsync();
        }
        double unnest = points / sw.Elapsed.TotalSeconds;

        sw.Restart();
        for (int start = 0; start < points; start += Chunk)
        {
            Fill(start, times, values);
            await using var tx = await c.BeginTransactionAsync();
            await using (var temp = new NpgsqlCommand("CREATE TEMP TABLE incoming (series_id bigint, t bigint, v double precision) ON COMMIT DROP", c, tx)) await temp.ExecuteNonQueryAsync();
            await using (var copy = await c.BeginBinaryImportAsync("COPY incoming FROM STDIN (FORMAT BINARY)"))
            {
                for (int i = 0; i < Chunk; i++)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(1L, NpgsqlTypes.NpgsqlDbType.Bigint);
                    await copy.WriteAsync(times[i], NpgsqlTypes.NpgsqlDbType.Bigint);
                    await copy.WriteAsync(values[i], NpgsqlTypes.NpgsqlDbType.Double);
                }
                await copy.CompleteAsync();
            }
            await using var insert = new NpgsqlCommand("INSERT INTO b SELECT * FROM incoming ON CONFLICT DO NOTHING RETURNING series_id, t, v", c, tx);
            await Drain(insert);
            await tx.CommitAsync();
        }
        return (unnest, points / sw.Elapsed.TotalSeconds);
    }

    static void Fill(int start, long[] times, double[] values)
    {
        for (int i = 0; i < times.Length; i++)
        {
            times[i] = TelemetryBenchmark.Start + (long)(start + i) * TelemetryBenchmark.StepMs;
            values[i] = TelemetryBenchmark.Value(start + i);
        }
    }

    static async Task Drain(NpgsqlCommand command)
    {
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync()) { }
    }
}
