using Microsoft.Data.Sqlite;
using static RoboClub.Telemetry.Tests.Samples;

namespace RoboClub.Telemetry.Tests;

/// <summary>Restarts, schema versions, and files the store must refuse without harming them.</summary>
public sealed class FileSafetyTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    static long Pragma(string path, string name)
    {
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"PRAGMA {name}";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task Data_survives_closing_and_reopening_and_dispose_writes_what_was_queued()
    {
        string path = _folder.File();
        await using (var store = SqliteTelemetryStore.Open(path))
        {
            for (int i = 0; i < 100; i++) store.Append("arad", "station-1", Enumerable.Range(0, 100).Select(j => S("temperature", T0 + i * 100 + j, j)).ToArray());
            await store.SetClubSettingsAsync("arad", new ClubSettings(30, 100));
            // No flush: disposing must write the queue out.
        }
        await using (var store = SqliteTelemetryStore.Open(path))
        {
            Assert.Equal([new SeriesInfo("temperature", T0, T0 + 9999, 10_000)], await store.ListSeriesAsync("arad", "station-1"));
            Assert.Equal(new ClubSettings(30, 100), await store.GetClubSettingsAsync("arad"));
            await store.AppendAndFlush("arad", "station-1", S("temperature", T0 + 10_000, 1)); // the writer's series ids work after a restart
            Assert.Equal(10_001, (await store.ListSeriesAsync("arad", "station-1"))[0].Count);
        }
        Assert.Equal(SqliteSchema.CurrentVersion, Pragma(path, "user_version"));
        Assert.Equal(0x52435446, Pragma(path, "application_id"));
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public async Task After_dispose_Append_drops_quietly_and_queries_refuse()
    {
        var store = SqliteTelemetryStore.Open(_folder.File());
        await store.DisposeAsync();
        Assert.Equal(1, store.Append("arad", "station-1", [S("t", T0, 1)]).Dropped); // the broker's thread must not see an exception
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ListSeriesAsync("arad", "station-1"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.FlushAsync());
        await store.DisposeAsync(); // twice is fine
    }

    [Fact]
    public async Task A_version_1_file_is_migrated_and_its_samples_summarised()
    {
        string path = _folder.File();
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            SqliteSchema.Prepare(c, path, targetVersion: 1);
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                INSERT INTO series (id, club, board, name, first_t, last_t, count) VALUES (1, 'arad', 'station-1', 'temperature', {T0}, {T0 + 7_199_000}, 7200);
                WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 7199)
                INSERT INTO samples SELECT 1, {T0} + i * 1000, i % 100 FROM k;
                """;
            cmd.ExecuteNonQuery();
        }
        Assert.Equal(1, Pragma(path, "user_version"));

        await using var store = SqliteTelemetryStore.Open(path);
        Assert.Equal(SqliteSchema.CurrentVersion, Pragma(path, "user_version"));
        var r = await store.QueryRangeAsync(new("arad", "station-1", "temperature"), new TimeRange(T0, T0 + 7_200_000), 2); // two one-hour buckets, from the hour summaries
        Assert.Equal(3_600_000, r.BucketWidthMs);
        Assert.Equal([new Bucket(T0, 0, 99, 49.5, 3600), new Bucket(T0 + 3_600_000, 0, 99, 49.5, 3600)], r.Buckets);
    }

    [Fact]
    public void A_file_from_a_newer_RoboClub_is_refused_and_left_untouched()
    {
        string path = _folder.File();
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA application_id = 1380144198; PRAGMA user_version = 99; CREATE TABLE future (x);";
            cmd.ExecuteNonQuery();
        }
        byte[] before = File.ReadAllBytes(path);
        var e = Assert.Throws<TelemetryStoreException>(() => SqliteTelemetryStore.Open(path));
        Assert.Contains("newer RoboClub", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Another_programs_database_is_refused_and_left_untouched()
    {
        string path = _folder.File("photos.db");
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE photos (name TEXT); INSERT INTO photos VALUES ('cat.jpg');";
            cmd.ExecuteNonQuery();
        }
        byte[] before = File.ReadAllBytes(path);
        var e = Assert.Throws<TelemetryStoreException>(() => SqliteTelemetryStore.Open(path));
        Assert.Contains("another program", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_and_left_untouched()
    {
        string path = _folder.File();
        byte[] garbage = new byte[8192];
        new Random(1).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);
        var e = Assert.Throws<TelemetryStoreException>(() => SqliteTelemetryStore.Open(path));
        Assert.Contains("damaged or not a database", e.Message);
        Assert.Contains("left untouched", e.Message);
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task When_another_program_holds_the_write_lock_samples_are_counted_as_dropped_and_the_writer_carries_on()
    {
        string path = _folder.File();
        await using var store = SqliteTelemetryStore.Open(path, new TelemetryStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        await store.AppendAndFlush("arad", "station-1", S("temperature", T0, 1));

        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using var tx = other.BeginTransaction(); // BEGIN IMMEDIATE: holds the write lock
            store.Append("arad", "station-1", [S("temperature", T0 + 1, 2), S("temperature", T0 + 2, 3)]);
            await store.FlushAsync();
            Assert.Equal(2, store.Stats.Dropped);
            Assert.Contains("locked by another program", store.LastWriteError);
        }

        await store.AppendAndFlush("arad", "station-1", S("temperature", T0 + 3, 4)); // the lock is gone: writing works again
        var points = (await store.QueryRangeAsync(new("arad", "station-1", "temperature"), TimeRange.All, 10)).Points;
        Assert.Equal([new DataPoint(T0, 1), new DataPoint(T0 + 3, 4)], points);
    }

    [Fact]
    public void A_missing_folder_gives_a_clear_error()
    {
        var e = Assert.Throws<TelemetryStoreException>(() => SqliteTelemetryStore.Open(Path.Combine(_folder.Path, "no-such-folder", "telemetry.db")));
        Assert.Contains("cannot be opened", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "no-such-folder")));
    }

    [Fact]
    public async Task A_damaged_database_gives_a_clear_error_not_a_crash()
    {
        string path = _folder.File();
        await using (var store = SqliteTelemetryStore.Open(path))
            await store.AppendAndFlush("arad", "station-1", Enumerable.Range(0, 20_000).Select(i => S("temperature", T0 + i, i)).ToArray());
        SqliteConnection.ClearAllPools();
        // Checkpointed at close, so the data is in the main file: scribble over every page but the first.
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 3 * 4096);
        new Random(2).NextBytes(bytes.AsSpan(4096));
        File.WriteAllBytes(path, bytes);

        var e = await Assert.ThrowsAsync<TelemetryStoreException>(async () =>
        {
            await using var store = SqliteTelemetryStore.Open(path);
            await store.ListSeriesAsync("arad", "station-1");
            await store.QueryRangeAsync(new("arad", "station-1", "temperature"), TimeRange.All, 100);
        });
        Assert.Contains("damaged", e.Message);
    }

    [Fact]
    public async Task A_database_locked_by_another_program_gives_a_clear_error_and_opens_once_released()
    {
        string path = _folder.File();
        await using (var store = SqliteTelemetryStore.Open(path))
            await store.AppendAndFlush("arad", "station-1", S("temperature", T0, 1));

        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using var lockIt = other.CreateCommand();
            lockIt.CommandText = "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;";
            lockIt.ExecuteNonQuery();
            var e = Assert.Throws<TelemetryStoreException>(() => SqliteTelemetryStore.Open(path, new TelemetryStoreOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) }));
            Assert.Contains("locked by another program", e.Message);
        }

        await using var again = SqliteTelemetryStore.Open(path);
        Assert.Single(await again.ListSeriesAsync("arad", "station-1"));
    }
}
