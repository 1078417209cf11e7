using static RoboClub.Telemetry.Tests.Samples;

namespace RoboClub.Telemetry.Tests;

/// <summary><see cref="ITelemetryCatalog"/>: clubs and boards with samples, and a series read after a time (what forwarding uses), the same on every store.</summary>
public abstract class CatalogTests(TestStores stores) : StoreTests(stores)
{
    [Fact]
    public async Task Clubs_and_boards_with_samples_are_listed_in_code_point_order()
    {
        await using var store = await Stores.OpenAsync();
        var catalog = (ITelemetryCatalog)store;
        Assert.Empty(await catalog.ListClubsAsync());
        store.Append("cluj", "station-1", [S("wind", T0, 3)]);
        store.Append("arad", "station-2", [S("temperature", T0, 20)]);
        store.Append("arad", "Station-1", [S("temperature", T0, 20)]);
        store.Append("arad", "ștefan", [S("temperature", T0, 20)]);
        store.Append("arad", "robot", [S("speed", T0, 1)]);
        await store.FlushAsync();
        Assert.Equal(["arad", "cluj"], await catalog.ListClubsAsync());
        Assert.Equal(["Station-1", "robot", "station-2", "ștefan"], await catalog.ListBoardsAsync("arad"));

        await store.DeleteBoardAsync("cluj", "station-1"); // a club whose last board is gone is no longer listed
        Assert.Equal(["arad"], await catalog.ListClubsAsync());
        Assert.Empty(await catalog.ListBoardsAsync("cluj"));
        await Assert.ThrowsAsync<ArgumentException>(() => catalog.ListBoardsAsync("a/b"));
    }

    [Fact]
    public async Task Reading_after_a_time_gives_the_samples_in_time_order_up_to_a_limit()
    {
        await using var store = await Stores.OpenAsync();
        var catalog = (ITelemetryCatalog)store;
        // Appended out of order, in two batches, with another series and club around.
        store.Append("arad", "station-1", [S("temperature", T0 + 3000, 3), S("temperature", T0 + 1000, 1), S("humidity", T0 + 2000, 50)]);
        store.Append("arad", "station-1", [S("temperature", T0 + 2000, 2), S("temperature", T0, 0), S("temperature", T0 + 4000, 4)]);
        store.Append("cluj", "station-1", [S("temperature", T0 + 1500, 99)]);
        await store.FlushAsync();
        var key = new SeriesKey("arad", "station-1", "temperature");

        Assert.Equal([S("temperature", T0, 0), S("temperature", T0 + 1000, 1), S("temperature", T0 + 2000, 2), S("temperature", T0 + 3000, 3), S("temperature", T0 + 4000, 4)],
            await catalog.ReadAfterAsync(key, -1, TimeRange.MaxTimeMs, 100));
        // After is exclusive, until inclusive, limit counts from the oldest.
        Assert.Equal([S("temperature", T0 + 2000, 2), S("temperature", T0 + 3000, 3)], await catalog.ReadAfterAsync(key, T0 + 1000, T0 + 3000, 100));
        Assert.Equal([S("temperature", T0 + 2000, 2)], await catalog.ReadAfterAsync(key, T0 + 1000, T0 + 4000, 1));
        Assert.Empty(await catalog.ReadAfterAsync(key, T0 + 4000, TimeRange.MaxTimeMs, 10));
        Assert.Empty(await catalog.ReadAfterAsync(new SeriesKey("arad", "station-1", "nothing"), -1, TimeRange.MaxTimeMs, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => catalog.ReadAfterAsync(key, 0, 1, 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => catalog.ReadAfterAsync(key, 0, 1, ITelemetryCatalog.MaxReadLimit + 1));
        await Assert.ThrowsAsync<ArgumentException>(() => catalog.ReadAfterAsync(new SeriesKey("arad", "a b", "t"), 0, 1, 1));
    }
}

public sealed class SqliteCatalogTests() : CatalogTests(new SqliteTestStores());

[Collection(PostgresServer.Collection)]
public sealed class PostgresCatalogTests(PostgresServer server) : CatalogTests(new PostgresTestStores(server));
