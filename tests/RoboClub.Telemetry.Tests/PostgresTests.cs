using Npgsql;
using static RoboClub.Telemetry.Tests.Samples;

namespace RoboClub.Telemetry.Tests;

/// <summary>What only the PostgreSQL store has: hubs sharing a database, the schema checks, server errors.</summary>
[Collection(PostgresServer.Collection)]
public sealed class PostgresTests(PostgresServer server) : IDisposable
{
    readonly PostgresTestStores _stores = new(server);

    public void Dispose() => _stores.Dispose();

    async Task<string> SchemaAsync() => await server.NewSchemaAsync();

    static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Two hubs (two stores, as two processes would have) write the same database at once: the same
    /// board through both (a shared broker delivers every batch to both) and a board each. Nothing is
    /// lost or counted twice, series are created once, summaries agree with the samples, and a
    /// board one hub deletes is gone for the other.
    /// </summary>
    [Fact]
    public async Task Two_stores_on_one_database_write_at_once_without_losing_or_doubling_samples()
    {
        string cs = await SchemaAsync();
        await using var hubA = await PostgresTelemetryStore.OpenAsync(cs, new TelemetryStoreOptions { MaxSamplesPerTransaction = 700 });
        await using var hubB = await PostgresTelemetryStore.OpenAsync(cs, new TelemetryStoreOptions { MaxSamplesPerTransaction = 500 });
        const int Batches = 60, BatchSize = 100;
        TelemetrySample[] Batch(int i, string series) => Enumerable.Range(0, BatchSize).Select(j => S(series, T0 + (i * BatchSize + j) * 37L, j % 17)).ToArray();

        var writers = new[] { hubA, hubB }.Select((hub, h) => Task.Run(() =>
        {
            for (int i = 0; i < Batches; i++)
            {
                Assert.Equal(BatchSize, hub.Append("arad", "shared", Batch(i, i % 2 == 0 ? "temperature" : "humidity")).Accepted);
                Assert.Equal(BatchSize, hub.Append("arad", $"own-{h}", Batch(i, "temperature")).Accepted);
                // Series created by both hubs in the same moments.
                Assert.Equal(1, hub.Append("arad", "shared", [S($"s{i % 7}", T0 + i, i)]).Accepted);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await Task.WhenAll(hubA.FlushAsync(), hubB.FlushAsync());
        Assert.Null(hubA.LastWriteError);
        Assert.Null(hubB.LastWriteError);

        var shared = await hubB.ListSeriesAsync("arad", "shared");
        Assert.Equal(9, shared.Count);
        Assert.Equal(Batches / 2 * BatchSize, shared.Single(s => s.Series == "temperature").Count);
        Assert.Equal(Batches / 2 * BatchSize, shared.Single(s => s.Series == "humidity").Count);
        Assert.Equal(Batches, shared.Where(s => s.Series.StartsWith('s')).Sum(s => s.Count));
        Assert.Equal(Batches * BatchSize, (await hubA.ListSeriesAsync("arad", "own-1")).Single().Count);

        // The summaries were upserted by both hubs: bucketed answers still count every sample once.
        var key = new SeriesKey("arad", "shared", "temperature");
        var r = await hubA.QueryRangeAsync(key, TimeRange.All, 7);
        Assert.True(r.IsBucketed);
        Assert.Equal(Batches / 2 * BatchSize, r.Buckets.Sum(b => b.Count));
        Assert.Equal(Batches / 2 * Enumerable.Range(0, BatchSize).Sum(j => j % 17), r.Buckets.Sum(b => b.Avg * b.Count), 1e-6);

        // One hub deletes a board; the other no longer sees it and can write it anew.
        Assert.Equal(Batches * BatchSize, await hubA.DeleteBoardAsync("arad", "own-1"));
        Assert.Empty(await hubB.ListSeriesAsync("arad", "own-1"));
        await hubB.AppendAndFlush("arad", "own-1", S("temperature", T0, 5));
        Assert.Equal([new SeriesInfo("temperature", T0, T0, 1)], await hubA.ListSeriesAsync("arad", "own-1"));
    }

    [Fact]
    public async Task Samples_a_hub_writes_to_a_series_another_hub_deletes_meanwhile_do_not_linger()
    {
        string cs = await SchemaAsync();
        await using var hubA = await PostgresTelemetryStore.OpenAsync(cs);
        await using var hubB = await PostgresTelemetryStore.OpenAsync(cs);
        await hubA.AppendAndFlush("arad", "station-1", S("temperature", T0, 1));

        // Hub B's writer has looked the series id up; hub A deletes the board before B writes its sample.
        long deleted = -1;
        hubB.Writer.AfterSeriesLookup = async () =>
        {
            hubB.Writer.AfterSeriesLookup = null;
            deleted = await hubA.DeleteBoardAsync("arad", "station-1");
        };
        await hubB.AppendAndFlush("arad", "station-1", S("temperature", T0 + 1, 2));
        Assert.Equal(1, deleted);
        Assert.Null(hubB.LastWriteError);

        // The delete wins: no series, and no sample or summary row left behind under the old id.
        Assert.Empty(await hubA.ListSeriesAsync("arad", "station-1"));
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var orphans = new NpgsqlCommand("SELECT (SELECT count(*) FROM telemetry_samples) + (SELECT count(*) FROM telemetry_rollups)", c);
        Assert.Equal(0L, await orphans.ExecuteScalarAsync());

        // The board comes back as a new series.
        await hubB.AppendAndFlush("arad", "station-1", S("temperature", T0 + 2, 3));
        Assert.Equal([new DataPoint(T0 + 2, 3)], (await hubA.QueryRangeAsync(new("arad", "station-1", "temperature"), TimeRange.All, 10)).Points);
    }

    [Fact]
    public async Task The_same_data_exports_to_the_same_bytes_as_SQLite()
    {
        var samples = new List<TelemetrySample>();
        var random = new Random(7);
        for (int i = 0; i < 3000; i++) samples.Add(S(i % 3 == 0 ? "temperatură" : i % 3 == 1 ? "humidity" : "a.b_c-d", T0 + random.Next(0, 200_000_000), Math.Round(random.NextDouble() * 1e6 - 5e5, random.Next(0, 12))));
        var request = new CsvExportRequest("arad", new TimeRange(T0 + 1000, T0 + 150_000_000)) { Boards = ["stația-1"], Series = [("b2", "x")] };
        var texts = new List<string>();
        using var sqliteStores = new SqliteTestStores();
        foreach (var stores in new TestStores[] { sqliteStores, _stores })
        {
            await using var store = await stores.OpenAsync();
            store.Append("arad", "stația-1", samples);
            store.Append("arad", "b2", [S("x", T0 + 5000, 1), S("x", T0 + 5000, 2), S("y", T0, 3)]);
            await store.FlushAsync();
            var text = new StringWriter();
            await store.ExportCsvAsync(request, text);
            texts.Add(text.ToString());
        }
        Assert.True(texts[0].Length > 50_000);
        Assert.Equal(texts[0], texts[1]);
    }

    [Fact]
    public async Task Data_survives_reopening_and_dispose_writes_what_was_queued()
    {
        await using (var store = await _stores.OpenAsync())
        {
            for (int i = 0; i < 50; i++) store.Append("arad", "station-1", Enumerable.Range(0, 100).Select(j => S("temperature", T0 + i * 100 + j, j)).ToArray());
            await store.SetClubSettingsAsync("arad", new ClubSettings(30, 100));
        }
        await using (var store = await _stores.OpenAsync())
        {
            Assert.Equal([new SeriesInfo("temperature", T0, T0 + 4999, 5000)], await store.ListSeriesAsync("arad", "station-1"));
            Assert.Equal(new ClubSettings(30, 100), await store.GetClubSettingsAsync("arad"));
        }
    }

    [Fact]
    public async Task After_dispose_Append_drops_quietly_and_queries_refuse()
    {
        var store = await _stores.OpenAsync();
        await store.DisposeAsync();
        Assert.Equal(1, store.Append("arad", "station-1", [S("t", T0, 1)]).Dropped);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ListSeriesAsync("arad", "station-1"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.FlushAsync());
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Tables_of_a_newer_RoboClub_are_refused_and_left_untouched()
    {
        string cs = await SchemaAsync();
        await (await PostgresTelemetryStore.OpenAsync(cs)).DisposeAsync();
        await ExecuteAsync(cs, "UPDATE telemetry_schema SET version = 99");
        var e = await Assert.ThrowsAsync<TelemetryStoreException>(() => PostgresTelemetryStore.OpenAsync(cs));
        Assert.Contains("newer RoboClub", e.Message);
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var version = new NpgsqlCommand("SELECT version FROM telemetry_schema", c);
        Assert.Equal(99, await version.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Another_programs_table_with_our_name_is_refused_and_left_untouched()
    {
        string cs = await SchemaAsync();
        await ExecuteAsync(cs, "CREATE TABLE telemetry_samples (photo text); INSERT INTO telemetry_samples VALUES ('cat.jpg')");
        var e = await Assert.ThrowsAsync<TelemetryStoreException>(() => PostgresTelemetryStore.OpenAsync(cs));
        Assert.Contains("another program", e.Message);
        await using var c = new NpgsqlConnection(cs);
        await c.OpenAsync();
        await using var photos = new NpgsqlCommand("SELECT photo FROM telemetry_samples", c);
        Assert.Equal("cat.jpg", await photos.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_unreachable_server_a_missing_database_or_schema_and_a_wrong_user_give_clear_errors()
    {
        var builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Port = 1, Timeout = 2 };
        var e = await Assert.ThrowsAsync<TelemetryStoreException>(() => PostgresTelemetryStore.OpenAsync(builder.ConnectionString));
        Assert.Contains("Cannot reach the PostgreSQL server 127.0.0.1:1/postgres", e.Message);

        builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = "no_such_db" };
        e = await Assert.ThrowsAsync<TelemetryStoreException>(() => PostgresTelemetryStore.OpenAsync(builder.ConnectionString));
        Assert.Contains("does not exist", e.Message);

        builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { SearchPath = "no_such_schema" };
        e = await Assert.ThrowsAsync<TelemetryStoreException>(() => PostgresTelemetryStore.OpenAsync(builder.ConnectionString));
        Assert.Contains("The schema of 127.0.0.1", e.Message);
        Assert.Contains("CREATE SCHEMA", e.Message);

        builder = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Username = "nobody" };
        e = await Assert.ThrowsAsync<TelemetryStoreException>(() => PostgresTelemetryStore.OpenAsync(builder.ConnectionString));
        Assert.Contains(builder.Host!, e.Message);
    }

    [Fact]
    public async Task A_url_opens_the_store_in_its_schema()
    {
        string schema = new NpgsqlConnectionStringBuilder(await server.NewSchemaAsync()).SearchPath!;
        var url = PostgresUrl.Parse($"postgres://roboclub:secret@127.0.0.1:{server.Port}/postgres?schema={schema}");
        Assert.Equal($"postgres://roboclub@127.0.0.1:{server.Port}/postgres?schema={schema}", url.ToString());
        await using var store = await PostgresTelemetryStore.OpenAsync(url);
        await store.AppendAndFlush("arad", "station-1", S("temperature", T0, 1));
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { SearchPath = schema }.ConnectionString);
        await c.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM telemetry_samples", c);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
