using System.Diagnostics;
using Npgsql;
using RoboClub.Hub.Serve;
using RoboClub.Hub.Tests.Api;
using RoboClub.Telemetry.Tests;
using Xunit.Abstractions;

namespace RoboClub.Hub.Tests.Reliability;

/// <summary>
/// PostgreSQL restarted under load (issue 9): the hub keeps running; while the database is away
/// it acknowledges nothing (a board's batch is PUBACKed only after its commit), the boards keep
/// their batches and send them again, and once the database is back every batch is stored exactly once.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Boards_lose_nothing_and_duplicate_nothing_when_PostgreSQL_restarts()
    {
        using var server = new PostgresServer();
        string cs = await server.NewSchemaAsync();
        string schema = new NpgsqlConnectionStringBuilder(cs).SearchPath!;
        await using var hub = new HubFactory
        {
            Settings =
            {
                ["Hub:Database"] = $"postgres://roboclub@127.0.0.1:{server.Port}/postgres?schema={schema}",
                ["Hub:VirtualBoards"] = "0",
                ["Hub:BoardLogins"] = "open", // the test's numbered publishers have no board logins
            },
        };
        using var http = hub.CreateClient(); // starts the hub
        int port = hub.Service<EmbeddedBroker>().Broker.Port;

        var boards = new NumberedBoards("club1", Durations.Boards);
        using var stop = new CancellationTokenSource();
        var load = boards.RunAsync(b => NumberedBoards.ClientOptions(port, b, keepTrying: true), stop.Token);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Durations.Before) await Task.Delay(50);
        long ackedBefore = boards.AckedCount;

        server.Stop();
        var down = Stopwatch.StartNew();
        await Task.Delay(Durations.Down);
        long ackedWhileDown = boards.AckedCount - ackedBefore;
        server.Start();
        down.Stop();

        // The boards' backlog drains, and new batches keep coming.
        clock.Restart();
        while (clock.Elapsed < Durations.After) await Task.Delay(50);
        await stop.CancelAsync();
        await load.WaitAsync(TimeSpan.FromMinutes(3)); // every started batch is acknowledged in the end
        long sent = boards.Names.Sum(b => (long)boards.Sent[b]);

        var check = boards.Compare(await NumberedBoards.ReadPostgresAsync(cs));
        Durations.Report(output, $"PostgreSQL down {down.Elapsed.TotalSeconds:0.0} s under load from {boards.Names.Length} boards: {ackedBefore} batches acknowledged before, {ackedWhileDown} more while it stopped and was down (committed before it stopped), {sent} sent in all; {check}");
        Assert.Equal(sent, check.AckedBatches);
        Assert.Equal(0, check.MissingAcked);
        Assert.Equal(0, check.DuplicateSamples);
        Assert.Equal(0, check.PartialBatches);
        Assert.Equal(sent, check.StoredBatches);
    }
}
