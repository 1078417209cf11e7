using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Client;

namespace RoboClub.Hub.Tests.Reliability;

/// <summary>
/// Boards that publish numbered telemetry batches (QoS 1) as fast as PUBACKs allow and remember
/// which were acknowledged, for the crash and restart tests. Batch i of a board holds
/// <see cref="SamplesPerBatch"/> samples of series "seq" with values i·K … i·K+K−1, so the store
/// shows which batches it holds and whether any sample is there twice. The bytes of batch i are
/// always the same (a resend is the same message). Board times are chosen so that no two samples of
/// a board can get the same wall-clock millisecond (which the store would keep once): batch i says
/// "now" = i·10 min + K with samples at t = 0 … K−1, so the hub places it 10 minutes further back
/// than batch i−1, more than any delay in these tests.
/// </summary>
internal sealed class NumberedBoards
{
    public const int SamplesPerBatch = 10;
    const long Spacing = 600_000;

    public NumberedBoards(string club, int boards)
    {
        Club = club;
        Names = Enumerable.Range(1, boards).Select(b => $"seq-{b}").ToArray();
        foreach (var n in Names) Acked[n] = new ConcurrentDictionary<int, byte>();
        foreach (var n in Names) Sent[n] = 0;
    }

    public string Club { get; }
    public string[] Names { get; }
    /// <summary>Per board: batch numbers whose PUBACK arrived.</summary>
    public ConcurrentDictionary<string, ConcurrentDictionary<int, byte>> Acked { get; } = new();
    /// <summary>Per board: how many batches were started (0 … Sent−1).</summary>
    public ConcurrentDictionary<string, int> Sent { get; } = new();

    public long AckedCount => Acked.Values.Sum(a => (long)a.Count);

    public string Topic(string board) => $"roboclub/{Club}/{board}/telemetry";

    public static byte[] Payload(int batch)
    {
        var json = new StringBuilder("{\"samples\":[");
        for (int j = 0; j < SamplesPerBatch; j++)
        {
            if (j > 0) json.Append(',');
            json.Append(CultureInfo.InvariantCulture, $"{{\"t\":{j},\"s\":\"seq\",\"v\":{(long)batch * SamplesPerBatch + j}}}");
        }
        json.Append(CultureInfo.InvariantCulture, $"],\"dropped\":0,\"now\":{batch * Spacing + SamplesPerBatch}}}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    public static MqttClientOptions ClientOptions(int port, string board, bool keepTrying) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = "numbered-" + board,
        // keepTrying: as a board does, reconnect and resend what is unacknowledged until it is.
        AutoReconnect = keepTrying,
        CleanSession = !keepTrying,
        ReconnectDelay = TimeSpan.FromMilliseconds(200),
        MaximumReconnectDelay = TimeSpan.FromSeconds(2),
        Timeout = keepTrying ? TimeSpan.FromMinutes(3) : TimeSpan.FromSeconds(30),
        KeepAlivePeriod = TimeSpan.FromSeconds(5),
    };

    /// <summary>
    /// Batches a board starts per second at most: 40 × 10 samples stays under the hub's per-board
    /// rate limit (BoardRateLimit, 500 samples/s), which would otherwise drop samples on purpose.
    /// </summary>
    public const int BatchesPerSecond = 40;

    /// <summary>
    /// Each board publishes batches 0, 1, 2, … with <paramref name="window"/> unacknowledged at a time
    /// (as fast as PUBACKs allow, up to <see cref="BatchesPerSecond"/>) until <paramref name="stop"/> is
    /// cancelled (then it finishes the ones started) or its link fails (without keepTrying: the hub was
    /// killed). Returns when every board has stopped.
    /// </summary>
    public Task RunAsync(Func<string, MqttClientOptions> options, CancellationToken stop, int window = 8) =>
        Task.WhenAll(Names.Select(board => Task.Run(async () =>
        {
            await using var client = new MqttClient(options(board));
            await client.ConnectAsync();
            using var slots = new SemaphoreSlim(window);
            var running = new List<Task>();
            bool failed = false;
            int i = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!stop.IsCancellationRequested && !Volatile.Read(ref failed))
            {
                var due = TimeSpan.FromSeconds((double)i / BatchesPerSecond) - clock.Elapsed;
                try
                {
                    if (due > TimeSpan.Zero) await Task.Delay(due, stop);
                    await slots.WaitAsync(stop);
                }
                catch (OperationCanceledException) { break; }
                int batch = i++;
                Sent[board] = i;
                running.Add(PublishAsync(client, board, batch).ContinueWith(t =>
                {
                    if (!t.Result) Volatile.Write(ref failed, true);
                    slots.Release();
                }, TaskScheduler.Default));
                if (running.Count > 256) running.RemoveAll(t => t.IsCompleted);
            }
            await Task.WhenAll(running);
        })));

    /// <summary>Publishes one batch; true when acknowledged (and then records it).</summary>
    public async Task<bool> PublishAsync(MqttClient client, string board, int batch)
    {
        try
        {
            var r = await client.PublishAsync(new MqttApplicationMessage
            {
                Topic = Topic(board),
                Payload = Payload(batch),
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            });
            if (!r.IsSuccess) return false;
            Acked[board][batch] = 0;
            return true;
        }
        catch (Exception e) when (e is MqttCommunicationException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Per board, the values of series "seq" in a SQLite telemetry file (read beside the running hub: WAL).</summary>
    public static Dictionary<string, List<long>> ReadSqlite(string path)
    {
        SQLitePCL.Batteries_V2.Init();
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT s.board, x.v FROM samples x JOIN series s ON s.id = x.series_id WHERE s.name = 'seq'";
        return Collect(cmd.ExecuteReader());
    }

    /// <summary>The same from a PostgreSQL store (connection string with its schema as search path).</summary>
    public static async Task<Dictionary<string, List<long>>> ReadPostgresAsync(string connectionString)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT s.board, x.v FROM telemetry_samples x JOIN telemetry_series s ON s.id = x.series_id WHERE s.name = 'seq'", c);
        await using var r = await cmd.ExecuteReaderAsync();
        return Collect(r);
    }

    static Dictionary<string, List<long>> Collect(System.Data.Common.DbDataReader r)
    {
        var values = new Dictionary<string, List<long>>();
        while (r.Read())
        {
            string board = r.GetString(0);
            if (!values.TryGetValue(board, out var list)) values[board] = list = [];
            list.Add((long)r.GetDouble(1));
        }
        return values;
    }

    /// <summary>What the store holds against what was acknowledged.</summary>
    public sealed record Check(long AckedBatches, long StoredBatches, long MissingAcked, long DuplicateSamples, long PartialBatches);

    public Check Compare(Dictionary<string, List<long>> stored)
    {
        long missing = 0, duplicates = 0, partial = 0, storedBatches = 0;
        foreach (var board in Names)
        {
            var values = stored.GetValueOrDefault(board) ?? [];
            duplicates += values.Count - values.Distinct().Count();
            var perBatch = values.Distinct().GroupBy(v => v / SamplesPerBatch).ToDictionary(g => (int)g.Key, g => g.Count());
            storedBatches += perBatch.Count;
            partial += perBatch.Values.Count(n => n != SamplesPerBatch);
            missing += Acked[board].Keys.Count(i => !perBatch.ContainsKey(i));
        }
        return new Check(AckedCount, storedBatches, missing, duplicates, partial);
    }
}
