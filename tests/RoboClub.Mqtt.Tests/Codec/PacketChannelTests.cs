using System.IO.Pipelines;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;
using static RoboClub.Mqtt.Tests.Codec.CodecTestKit;

namespace RoboClub.Mqtt.Tests.Codec;

/// <summary>MqttPacketChannel over streams: batching, splitting, EOF handling and outgoing size limits.</summary>
public class PacketChannelTests
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>A read-only stream that hands out its data in reads of at most <c>chunk</c> bytes, then EOF.</summary>
    sealed class ChunkedStream(byte[] data, int chunk) : Stream
    {
        int _pos;
        public int Reads { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            if (buffer.Length > 0) Reads++; // zero-byte reads only wait for data (the channel uses them so idle connections hold no buffer)
            int n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _pos);
            data.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    static List<MqttPacket> Samples(MqttProtocolVersion v) => SamplePackets.All(v)
        .Where(s => s.Packet is not ConnectPacket) // CONNECT carries its own version; keep the rest version-consistent
        .Select(s => s.Packet).ToList();

    static byte[] Concat(IEnumerable<MqttPacket> packets, MqttProtocolVersion v) => packets.SelectMany(p => Encode(p, v)).ToArray();

    static async Task<List<MqttPacket>> ReadAll(MqttPacketChannel channel)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var list = new List<MqttPacket>();
        while (await channel.ReadPacketAsync(cts.Token) is { } p) list.Add(p);
        return list;
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Many_packets_in_one_read_are_all_returned_then_EOF_gives_null(MqttProtocolVersion v)
    {
        var packets = Samples(v);
        var wire = Concat(packets, v);
        Assert.True(wire.Length < 8192); // one read of the channel's buffer holds them all
        var stream = new ChunkedStream(wire, int.MaxValue);
        await using var channel = new MqttPacketChannel(stream) { ProtocolVersion = v };
        var read = await ReadAll(channel);
        Assert.Equal(packets.Count, read.Count);
        for (int i = 0; i < packets.Count; i++) AssertDeepEqual(packets[i], read[i], $"packet {i}");
        Assert.Equal(wire.Length, channel.BytesReceived);
        Assert.True(stream.Reads <= 3, $"{stream.Reads} reads for data that fits in one");
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, 1)]
    [InlineData(MqttProtocolVersion.V500, 1)]
    [InlineData(MqttProtocolVersion.V500, 3)]
    [InlineData(MqttProtocolVersion.V311, 4097)]
    public async Task Packets_split_across_reads_are_reassembled(MqttProtocolVersion v, int chunk)
    {
        var packets = Samples(v);
        packets.Add(new PublishPacket { Topic = "big", Payload = Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray() }); // spans many pipe segments
        packets.Add(PingReqPacket.Instance);
        var wire = Concat(packets, v);
        var stream = new ChunkedStream(wire, chunk);
        await using var channel = new MqttPacketChannel(stream) { ProtocolVersion = v };
        var read = await ReadAll(channel);
        Assert.Equal(packets.Count, read.Count);
        for (int i = 0; i < packets.Count; i++) AssertDeepEqual(packets[i], read[i], $"packet {i}");
        if (chunk == 1) Assert.True(stream.Reads >= wire.Length);
    }

    [Fact]
    public async Task EOF_right_away_returns_null()
    {
        await using var channel = new MqttPacketChannel(new ChunkedStream([], 1));
        Assert.Null(await channel.ReadPacketAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(1)]   // only the type byte
    [InlineData(2)]   // header complete, body missing
    [InlineData(6)]   // body half there
    public async Task EOF_in_the_middle_of_a_packet_throws_malformed(int keep)
    {
        var wire = Encode(new PingReqPacket(), MqttProtocolVersion.V311)
            .Concat(Encode(new PublishPacket { Topic = "a/b", Payload = "hello"u8.ToArray() }, MqttProtocolVersion.V311)[..keep]).ToArray();
        await using var channel = new MqttPacketChannel(new ChunkedStream(wire, 1));
        using var cts = new CancellationTokenSource(Timeout);
        Assert.IsType<PingReqPacket>(await channel.ReadPacketAsync(cts.Token));
        var ex = await Assert.ThrowsAsync<MqttProtocolException>(async () => await channel.ReadPacketAsync(cts.Token));
        Assert.Equal(MqttReasonCode.MalformedPacket, ex.ReasonCode);
    }

    [Fact]
    public async Task A_header_announcing_256MB_fails_at_once_without_waiting_for_the_body()
    {
        var pipe = new Pipe();
        await pipe.Writer.WriteAsync(Hex("C0 00 30 FF FF FF 7F")); // PINGREQ, then a PUBLISH header announcing 268,435,455 bytes
        await pipe.Writer.FlushAsync();
        // The writer is never completed: a channel that waited for the body would hang until the timeout.
        await using var channel = new MqttPacketChannel(pipe.Reader.AsStream()) { MaximumIncomingPacketSize = 1 << 20 };
        using var cts = new CancellationTokenSource(Timeout);
        Assert.IsType<PingReqPacket>(await channel.ReadPacketAsync(cts.Token));
        var read = channel.ReadPacketAsync(cts.Token).AsTask();
        var ex = await Assert.ThrowsAsync<MqttProtocolException>(() => read.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(MqttReasonCode.PacketTooLarge, ex.ReasonCode);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public async Task Packets_already_buffered_are_returned_without_waiting_for_more_bytes(MqttProtocolVersion v)
    {
        // Like a socket: the peer sent several packets in one segment and now waits for our answers.
        // Every one of them must come out without any further byte arriving (and without EOF).
        var pipe = new Pipe();
        var packets = Samples(v);
        await pipe.Writer.WriteAsync(Concat(packets, v));
        await using var channel = new MqttPacketChannel(pipe.Reader.AsStream()) { ProtocolVersion = v };
        using var cts = new CancellationTokenSource(Timeout);
        for (int i = 0; i < packets.Count; i++)
        {
            var p = await channel.ReadPacketAsync(cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            AssertDeepEqual(packets[i], p, $"packet {i}");
        }
        var next = channel.ReadPacketAsync(cts.Token).AsTask();
        await Task.Delay(50);
        Assert.False(next.IsCompleted); // now it does wait
        pipe.Writer.Complete();
        Assert.Null(await next.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_partial_packet_waits_for_more_data_instead_of_failing()
    {
        var pipe = new Pipe();
        var wire = Encode(new PublishPacket { Topic = "t", Payload = new byte[100] }, MqttProtocolVersion.V311);
        await pipe.Writer.WriteAsync(wire.AsMemory(0, 50));
        await using var channel = new MqttPacketChannel(pipe.Reader.AsStream());
        using var cts = new CancellationTokenSource(Timeout);
        var read = channel.ReadPacketAsync(cts.Token).AsTask();
        await Task.Delay(100);
        Assert.False(read.IsCompleted);
        await pipe.Writer.WriteAsync(wire.AsMemory(50));
        var p = Assert.IsType<PublishPacket>(await read.WaitAsync(Timeout));
        Assert.Equal(100, p.Payload.Length);
    }

    [Fact]
    public async Task Malformed_packet_on_the_stream_throws_with_its_reason_code()
    {
        var wire = Hex("30 04 0002 612B"); // topic "a+"
        await using var channel = new MqttPacketChannel(new ChunkedStream(wire, 2));
        var ex = await Assert.ThrowsAsync<MqttProtocolException>(async () => await channel.ReadPacketAsync(CancellationToken.None));
        Assert.Equal(MqttReasonCode.TopicNameInvalid, ex.ReasonCode);
    }

    [Fact]
    public async Task Writes_respect_the_peers_maximum_packet_size()
    {
        var ms = new MemoryStream();
        await using var channel = new MqttPacketChannel(ms) { ProtocolVersion = MqttProtocolVersion.V500, MaximumOutgoingPacketSize = 20 };
        var small = new PublishPacket { Topic = "t", Payload = new byte[10] };      // 1 + 1 + 3 + 1 + 10 = 16 bytes
        var exact = new PublishPacket { Topic = "t", Payload = new byte[14] };      // 20 bytes: allowed
        var big = new PublishPacket { Topic = "t", Payload = new byte[15] };        // 21 bytes: dropped
        Assert.Equal(16, Encode(small, MqttProtocolVersion.V500).Length);
        Assert.True(channel.Write(small));
        Assert.True(channel.Write(exact));
        Assert.False(channel.Write(big));
        Assert.Equal(36, channel.UnflushedBytes);
        Assert.Equal(36, channel.BytesSent);
        await channel.FlushAsync(CancellationToken.None);
        var expected = Encode(small, MqttProtocolVersion.V500).Concat(Encode(exact, MqttProtocolVersion.V500)).ToArray();
        Assert.Equal(expected, ms.ToArray());

        // What was written reads back with a channel of the same version.
        await using var reader = new MqttPacketChannel(new MemoryStream(ms.ToArray())) { ProtocolVersion = MqttProtocolVersion.V500 };
        var back = await ReadAll(reader);
        Assert.Equal(2, back.Count);
        AssertDeepEqual(small, back[0]);
        AssertDeepEqual(exact, back[1]);
    }

    [Fact]
    public async Task Incoming_limit_is_enforced_by_the_channel()
    {
        var wire = Encode(new PublishPacket { Topic = "t", Payload = new byte[100] }, MqttProtocolVersion.V311);
        await using var ok = new MqttPacketChannel(new ChunkedStream(wire, 7)) { MaximumIncomingPacketSize = (uint)wire.Length };
        Assert.IsType<PublishPacket>(await ok.ReadPacketAsync(CancellationToken.None));
        await using var tooSmall = new MqttPacketChannel(new ChunkedStream(wire, 7)) { MaximumIncomingPacketSize = (uint)wire.Length - 1 };
        var ex = await Assert.ThrowsAsync<MqttProtocolException>(async () => await tooSmall.ReadPacketAsync(CancellationToken.None));
        Assert.Equal(MqttReasonCode.PacketTooLarge, ex.ReasonCode);
    }
}
