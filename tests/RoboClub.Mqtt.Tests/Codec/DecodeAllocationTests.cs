using System.Buffers;
using System.Text;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;
using Xunit.Abstractions;

namespace RoboClub.Mqtt.Tests.Codec;

/// <summary>Decoding the hot packet (a 3.1.1 PUBLISH) allocates only what the result needs.</summary>
[Collection(RoboClub.Mqtt.Tests.Support.MeasurementCollection.Name)]
public class DecodeAllocationTests(ITestOutputHelper output)
{
    const int Count = 10_000;

    static long Allocated(Action action, int times)
    {
        action(); // JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < times; i++) action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Theory]
    [InlineData(MqttQualityOfServiceLevel.AtMostOnce, 16)]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce, 16)]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce, 0)]
    [InlineData(MqttQualityOfServiceLevel.ExactlyOnce, 1024)]
    public void Decoding_a_311_publish_allocates_only_the_packet_the_topic_and_the_payload(MqttQualityOfServiceLevel qos, int payloadLength)
    {
        const string topic = "robots/r1/sensors/distance";
        var wire = MqttPacketWriter.Encode(new PublishPacket
        {
            Topic = topic,
            QualityOfServiceLevel = qos,
            PacketId = qos == 0 ? (ushort)0 : (ushort)7,
            Payload = new byte[payloadLength],
        }, MqttProtocolVersion.V311);

        long total = Allocated(() =>
        {
            var seq = new ReadOnlySequence<byte>(wire);
            MqttFrameReader.TryReadFrame(ref seq, MqttFrameReader.DefaultMaximumPacketSize, out byte header, out var body);
            var p = (PublishPacket)MqttPacketReader.Read(header, body.FirstSpan, MqttProtocolVersion.V311);
            if (p.Topic.Length != topic.Length) throw new InvalidOperationException();
        }, Count);
        double perPacket = (double)total / Count;

        // What the result itself needs, measured the same way on this runtime.
        var topicBytes = Encoding.UTF8.GetBytes(topic);
        long packetObject = Allocated(() => GC.KeepAlive(new PublishPacket()), Count) / Count;
        long topicString = Allocated(() => GC.KeepAlive(Encoding.UTF8.GetString(topicBytes)), Count) / Count;
        long payloadArray = payloadLength == 0 ? 0 : Allocated(() => GC.KeepAlive(new byte[payloadLength]), Count) / Count;
        long expected = packetObject + topicString + payloadArray;

        output.WriteLine($"QoS {(int)qos}, payload {payloadLength} B: {perPacket:F1} bytes allocated per decoded PUBLISH " +
                         $"(packet {packetObject} + topic {topicString} + payload {payloadArray} = {expected})");
        Console.WriteLine($"[alloc] qos={(int)qos} payload={payloadLength} perPacket={perPacket:F1} expected={expected}");
        // Nothing else: no frame copy, no intermediate buffers, no per-packet lists. An empty payload is shared.
        Assert.True(perPacket <= expected, $"{perPacket:F1} bytes per packet, expected at most {expected}");
    }

    [Fact]
    public void Decoding_a_pingreq_allocates_nothing()
    {
        var wire = new byte[] { 0xC0, 0x00 };
        long total = Allocated(() =>
        {
            var seq = new ReadOnlySequence<byte>(wire);
            MqttFrameReader.TryReadFrame(ref seq, MqttFrameReader.DefaultMaximumPacketSize, out byte header, out var body);
            GC.KeepAlive(MqttPacketReader.Read(header, body.FirstSpan, MqttProtocolVersion.V311));
        }, Count);
        Assert.Equal(0, total);
    }
}
