namespace RoboClub.Telemetry.Tests;

/// <summary>
/// Opens the store under test: the shared tests (AppendAndListTests, …) are abstract and run once
/// per store through a subclass that passes <see cref="SqliteTestStores"/> or <see cref="PostgresTestStores"/>.
/// Every <see cref="OpenAsync"/> of one instance opens the same database, so a test can reopen it.
/// </summary>
public abstract class TestStores : IDisposable
{
    /// <summary>A temporary folder for the test's files (SQLite's database, exported CSV files).</summary>
    public TempFolder Folder { get; } = new();

    public abstract Task<ITelemetryStore> OpenAsync(TelemetryStoreOptions? options = null);

    /// <summary>Makes the store's writer wait until <paramref name="release"/> is set; the task ends when it has.</summary>
    public abstract Task BlockWriter(ITelemetryStore store, ManualResetEventSlim release);

    public virtual void Dispose() => Folder.Dispose();
}

public sealed class SqliteTestStores : TestStores
{
    public override Task<ITelemetryStore> OpenAsync(TelemetryStoreOptions? options = null) =>
        Task.FromResult<ITelemetryStore>(SqliteTelemetryStore.Open(Folder.File(), options));

    public override Task BlockWriter(ITelemetryStore store, ManualResetEventSlim release) =>
        ((SqliteTelemetryStore)store).RunOnWriterAsync(_ => { release.Wait(TimeSpan.FromSeconds(30)); return 0; }, CancellationToken.None);
}

public sealed class PostgresTestStores(PostgresServer server) : TestStores
{
    string? _connectionString;

    public override async Task<ITelemetryStore> OpenAsync(TelemetryStoreOptions? options = null)
    {
        _connectionString ??= await server.NewSchemaAsync();
        return await PostgresTelemetryStore.OpenAsync(_connectionString, options);
    }

    public override Task BlockWriter(ITelemetryStore store, ManualResetEventSlim release) =>
        ((PostgresTelemetryStore)store).RunOnWriterAsync(_ => { release.Wait(TimeSpan.FromSeconds(30)); return Task.FromResult(0L); }, CancellationToken.None);
}

/// <summary>Base of the tests every store must pass.</summary>
public abstract class StoreTests(TestStores stores) : IDisposable
{
    protected TestStores Stores { get; } = stores;

    public void Dispose() => Stores.Dispose();
}
