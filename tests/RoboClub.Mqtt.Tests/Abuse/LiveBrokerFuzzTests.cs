using System.Net;
using System.Net.Sockets;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;
using RoboClub.Mqtt.Tests.Support;
using Xunit.Abstractions;

namespace RoboClub.Mqtt.Tests.Abuse;

/// <summary>
/// Random and mutated packets into live broker connections. The broker must never log an unexpected
/// error, never hang a connection, keep its memory bounded, and keep serving a well-behaved client.
/// Packet count: ROBOCLUB_FUZZ_ITERATIONS (default 200,000 for ./test.sh; run 1,000,000+ for the long setting).
/// </summary>
[Collection(RoboClub.Mqtt.Tests.Support.MeasurementCollection.Name)]
public class LiveBrokerFuzzTests(ITestOutputHelper output)
{
    static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("ROBOCLUB_FUZZ_ITERATIONS"), out int n) ? n : 200_000;
    static int Seed => int.TryParse(Environment.GetEnvironmentVariable("ROBOCLUB_FUZZ_SEED"), out int s) ? s : 20261121;

    /// <summary>Valid packets of every kind a client may send, in both versions, as raw bytes.</summary>
    static List<byte[]> Corpus(MqttProtocolVersion v)
    {
        var packets = new List<MqttPacket>
        {
            new PublishPacket { Topic = "club/b1/telemetry", Payload = "21.5"u8.ToArray() },
            new PublishPacket { Topic = "club/b1/status", Payload = "online"u8.ToArray(), QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketId = 1, Retain = true },
            new PublishPacket { Topic = "a/b", Payload = new byte[40], QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce, PacketId = 2, ContentType = "text/plain", UserProperties = [new("k", "v")], MessageExpiryInterval = 5, TopicAlias = 1 },
            new PubAckPacket { PacketId = 1 }, new PubRecPacket { PacketId = 2 }, new PubRelPacket { PacketId = 2 }, new PubCompPacket { PacketId = 2 },
            new SubscribePacket { PacketId = 3, SubscriptionIdentifier = 7, TopicFilters = { new("club/#", MqttQualityOfServiceLevel.AtLeastOnce), new("$share/g/x/+") } },
            new UnsubscribePacket { PacketId = 4, TopicFilters = { "club/#" } },
            PingReqPacket.Instance,
            new DisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage },
        };
        return packets.Select(p => MqttPacketWriter.Encode(p, v)).ToList();
    }

    static byte[] ConnectBytes(MqttProtocolVersion v, string id) => MqttPacketWriter.Encode(new ConnectPacket
    {
        ProtocolVersion = v, ClientId = id, KeepAliveSeconds = 30, CleanStart = true,
        Will = new MqttApplicationMessage { Topic = "w/" + id, Payload = new byte[3] },
        SessionExpiryInterval = v == MqttProtocolVersion.V500 ? 0u : 0u,
    }, v);

    static byte[] Mutate(byte[] valid, Random rnd)
    {
        var b = (byte[])valid.Clone();
        switch (rnd.Next(7))
        {
            case 0: b[rnd.Next(b.Length)] ^= (byte)(1 << rnd.Next(8)); break;          // flip a bit
            case 1: b[rnd.Next(b.Length)] = (byte)rnd.Next(256); break;                // replace a byte
            case 2: return b[..rnd.Next(1, b.Length + 1)];                             // truncate
            case 3: { var x = new byte[rnd.Next(1, 64)]; rnd.NextBytes(x); return [.. b, .. x]; } // extend
            case 4: if (b.Length > 1) b[1] = (byte)rnd.Next(256); break;                // wrong remaining length
            case 5: b[0] = (byte)rnd.Next(256); break;                                 // wrong type/flags
            default: { var x = new byte[rnd.Next(1, 32)]; rnd.NextBytes(x); return x; } // pure noise
        }
        return b;
    }

    [Fact]
    public async Task Mutated_packets_into_live_connections_never_crash_or_hang_the_broker()
    {
        await using var b = await TestBroker.StartAsync(o => { o.MaximumPacketSize = 64 * 1024; o.ConnectTimeout = TimeSpan.FromSeconds(2); });
        var corpus = new Dictionary<MqttProtocolVersion, List<byte[]>> { [MqttProtocolVersion.V311] = Corpus(MqttProtocolVersion.V311), [MqttProtocolVersion.V500] = Corpus(MqttProtocolVersion.V500) };
        int total = Iterations;
        long sent = 0;
        int sessions = 0;
        var started = DateTime.UtcNow;
        GC.Collect();
        long memoryBefore = GC.GetTotalMemory(true);

        async Task Worker(int worker)
        {
            var rnd = new Random(Seed + worker);
            while (Interlocked.Read(ref sent) < total)
            {
                var v = rnd.Next(2) == 0 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500;
                var (server, client) = DuplexPipeStream.CreatePair();
                var serving = b.Broker.HandleConnectionAsync(server, null, CancellationToken.None);
                var draining = client.CopyToAsync(Stream.Null);
                var connect = ConnectBytes(v, $"fz{worker}-{Interlocked.Increment(ref sessions) % 50}");
                await client.WriteAsync(rnd.Next(10) == 0 ? Mutate(connect, rnd) : connect);
                int count = rnd.Next(1, 40);
                for (int i = 0; i < count; i++)
                {
                    var valid = corpus[v][rnd.Next(corpus[v].Count)];
                    await client.WriteAsync(rnd.Next(3) == 0 ? valid : Mutate(valid, rnd));
                }
                Interlocked.Add(ref sent, count + 1);
                client.CompleteWriting();
                var finished = await Task.WhenAny(serving, Task.Delay(TimeSpan.FromSeconds(10)));
                Assert.True(finished == serving, $"a connection hung (seed {Seed}, worker {worker})");
                await serving;
                await draining;
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(Worker));

        // A slice over real TCP as well.
        var tcpRnd = new Random(Seed);
        for (int i = 0; i < 300; i++)
        {
            using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await s.ConnectAsync(IPAddress.Loopback, b.Port);
            var v = i % 2 == 0 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500;
            await s.SendAsync(ConnectBytes(v, "tcp" + i));
            for (int j = 0; j < 10; j++) { try { await s.SendAsync(Mutate(corpus[v][tcpRnd.Next(corpus[v].Count)], tcpRnd)); } catch (SocketException) { break; } }
            sent += 11;
        }

        var elapsed = DateTime.UtcNow - started;
        GC.Collect();
        long memoryAfter = GC.GetTotalMemory(true);
        output.WriteLine($"fuzz: {sent:N0} packets in {sessions:N0} connections, {elapsed.TotalSeconds:F1} s, {b.Broker.Statistics.MalformedPackets:N0} protocol errors caught, managed memory {memoryBefore / 1024:N0} KB -> {memoryAfter / 1024:N0} KB");

        Assert.DoesNotContain(b.LogLines, l => l.StartsWith("Error:"));
        Assert.True(b.Broker.Statistics.MalformedPackets > sessions / 4, "the fuzzer should mostly produce bad packets");
        Assert.True(memoryAfter - memoryBefore < 64 * 1024 * 1024, $"memory grew by {(memoryAfter - memoryBefore) / 1024} KB");
        await using var ok = await RawClient.ConnectAsync(b.Port, "after-fuzz", MqttProtocolVersion.V500);
        await ok.SubscribeAsync("after/#", MqttQualityOfServiceLevel.AtLeastOnce);
        await ok.SendAsync(new PublishPacket { Topic = "after/x", Payload = "alive"u8.ToArray() });
        Assert.Equal("alive", (await ok.ExpectAsync<PublishPacket>()).ToApplicationMessage().PayloadAsString());
    }
}
