using Xunit.Abstractions;
using System.Diagnostics;

namespace RoboClub.Hub.Tests.Reliability;

/// <summary>
/// `kill -9` of the hub during heavy ingest (issue 9): every telemetry batch the hub acknowledged
/// (PUBACK, QoS 1) is in the store after a restart on the same data folder, and batches sent again
/// (the unacknowledged ones, as a board resends them, plus acknowledged ones, as a lost PUBACK would
/// make it) are stored once.
/// </summary>
public sealed class HubKillTests(ITestOutputHelper output) : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-kill-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    static RoboclubProcess StartHub(string dir) =>
        RoboclubProcess.Start("serve", "--port", "0", "--mqtt-port", "0", "--local-only", "--no-browser", "--virtual-boards", "0", "--data", dir, "--board-logins", "open");

    static async Task<int> MqttPortAsync(RoboclubProcess hub) =>
        int.Parse((await hub.WaitForLineAsync(@"MQTT: mqtt://127\.0\.0\.1:(\d+)", TimeSpan.FromSeconds(90))).Groups[1].Value);

    [Fact]
    public async Task Every_acknowledged_batch_survives_kill_9_and_resent_batches_are_stored_once()
    {
        var boards = new NumberedBoards("club1", Durations.Boards);
        int port;
        await using (var hub = StartHub(_dir))
        {
            port = await MqttPortAsync(hub);
            await hub.WaitForLineAsync("Press Ctrl", TimeSpan.FromSeconds(60));
            using var stop = new CancellationTokenSource();
            var load = boards.RunAsync(b => NumberedBoards.ClientOptions(port, b, keepTrying: false), stop.Token);
            var clock = Stopwatch.StartNew();
            // Mid-stream: after the load time, once the boards are well under way (a busy machine starts slowly).
            while ((clock.Elapsed < Durations.Before || boards.AckedCount < 200) && clock.Elapsed < TimeSpan.FromSeconds(60) && !load.IsCompleted) await Task.Delay(50);
            Assert.False(load.IsCompleted, "the boards stopped publishing before the kill:\n" + hub.Output);
            long ackedAtKill = boards.AckedCount;
            await hub.SignalAsync("KILL"); // mid-stream: batches are in flight, some committed but not yet acknowledged
            await load.WaitAsync(TimeSpan.FromSeconds(60)); // every board notices its link broke
            Durations.Report(output, $"kill -9 after {clock.Elapsed.TotalSeconds:0.0} s: {boards.AckedCount} batches ({boards.AckedCount * NumberedBoards.SamplesPerBatch} samples) acknowledged by {boards.Names.Length} boards, {ackedAtKill / clock.Elapsed.TotalSeconds:0} batches/s");
            Assert.True(ackedAtKill > 0, "nothing was acknowledged before the kill:\n" + hub.Output);
            Assert.DoesNotContain(hub.Output.Split('\n'), l => l.Contains("samples a second"));
        }

        await using (var hub = StartHub(_dir))
        {
            port = await MqttPortAsync(hub);
            await hub.WaitForLineAsync("Press Ctrl", TimeSpan.FromSeconds(60));
            var afterRestart = boards.Compare(NumberedBoards.ReadSqlite(Path.Combine(_dir, "telemetry.db")));
            Durations.Report(output, $"after restart: {afterRestart}");
            Assert.Equal(0, afterRestart.MissingAcked);
            Assert.Equal(0, afterRestart.DuplicateSamples);
            Assert.Equal(0, afterRestart.PartialBatches); // a batch is committed whole or not at all

            // The boards send again what was not acknowledged, and some acknowledged batches too.
            long ackedBefore = boards.AckedCount;
            var resends = boards.Names.Select(b => (Board: b, Batches: Enumerable.Range(0, boards.Sent[b])
                .Where(i => !boards.Acked[b].ContainsKey(i) || i % 7 == 0).ToArray())).ToArray();
            int resent = resends.Sum(r => r.Batches.Length);
            await Task.WhenAll(resends.Select(r => Task.Run(async () =>
            {
                await using var client = new RoboClub.Mqtt.Client.MqttClient(NumberedBoards.ClientOptions(port, r.Board, keepTrying: false));
                await client.ConnectAsync();
                foreach (var chunk in r.Batches.Chunk(8))
                    Assert.All(await Task.WhenAll(chunk.Select(i => boards.PublishAsync(client, r.Board, i))), ok => Assert.True(ok));
            })));
            var final = boards.Compare(NumberedBoards.ReadSqlite(Path.Combine(_dir, "telemetry.db")));
            Durations.Report(output, $"after {resent} batches sent again ({resent - (boards.AckedCount - ackedBefore)} of them acknowledged before): {final}");
            Assert.Equal(0, final.MissingAcked);
            Assert.Equal(0, final.DuplicateSamples);
            Assert.Equal(0, final.PartialBatches);
            Assert.Equal(boards.Names.Sum(b => (long)boards.Sent[b]), final.StoredBatches); // every batch ever sent is there, once
        }
    }
}
