using System.Diagnostics;
using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Abuse;

[Collection(RoboClub.Mqtt.Tests.Support.MeasurementCollection.Name)]
public class AbuseTests
{
    [Fact]
    public async Task Ten_thousand_idle_connections_that_never_send_connect_are_closed_by_the_connect_timeout()
    {
        const int n = 10_000;
        await using var b = await TestBroker.StartAsync(o => o.ConnectTimeout = TimeSpan.FromSeconds(2));
        GC.Collect();
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        string script = Path.Combine(AppContext.BaseDirectory, "Abuse", "idle_connections.py");
        using var attacker = ExternalProcess.Start("/usr/bin/python3", script, b.Port.ToString(), n.ToString(), "60");

        // While they are all open, a real client still gets through.
        await Eventually.TrueAsync(() => b.Broker.Statistics.ConnectionsTotal >= n / 2, "half the idle connections accepted", TimeSpan.FromSeconds(30));
        long memoryWithIdle = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"idle connections: {b.Broker.Statistics.ConnectionsTotal}, managed memory +{(memoryWithIdle - memoryBefore) / 1024} KB");
        await using (var ok = await RawClient.ConnectAsync(b.Port, "real-board"))
        {
            await ok.SendAsync(PingReqPacket.Instance);
            await ok.ExpectAsync<PingRespPacket>();
        }

        Assert.Equal(0, await attacker.WaitAsync(TimeSpan.FromSeconds(90)));
        var line = Assert.Single(attacker.Output);
        Assert.Equal($"opened={n} closed={n}", string.Join(' ', line.Split(' ')[..2]));
        await Eventually.TrueAsync(() => b.Broker.ConnectedClients.Count == 0 && b.Broker.Statistics.ConnectionsTotal >= n, "all connections gone");
        // Idle connections hold no read buffers: a few KB of managed memory each (sockets, pipes, state).
        long perConnection = (memoryWithIdle - memoryBefore) / b.Broker.Statistics.ConnectionsTotal;
        Assert.True(perConnection < 8_000, $"{perConnection} bytes per idle connection");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_256_MB_remaining_length_is_cut_off_without_allocating_it(bool afterConnect)
    {
        await using var b = await TestBroker.StartAsync();
        await using var c = afterConnect ? await RawClient.ConnectAsync(b.Port, "huge", MqttProtocolVersion.V500) : await RawClient.OpenAsync(b.Port);
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        // PUBLISH (or CONNECT) announcing 268,435,455 bytes, followed by a trickle of data.
        await c.SendRawAsync([afterConnect ? (byte)0x30 : (byte)0x10, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x01, (byte)'t']);
        var packets = await c.ReadUntilClosedAsync(TimeSpan.FromSeconds(15));
        sw.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "cut off by the broker, not by the 15 s read timeout");
        if (afterConnect) Assert.Equal(MqttReasonCode.PacketTooLarge, Assert.IsType<DisconnectPacket>(Assert.Single(packets)).ReasonCode);
        else Assert.Empty(packets);
        Assert.Contains(b.LogLines, l => l.Contains("larger than the maximum"));
    }
}
