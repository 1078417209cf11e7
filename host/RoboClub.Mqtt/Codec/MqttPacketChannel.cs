using System.Buffers;
using System.IO.Pipelines;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Codec;

/// <summary>
/// Packets over a byte stream (TCP or WebSocket). Reading decodes whole packets; writing encodes
/// into a pipe so that many small packets leave in one system call when <see cref="FlushAsync"/> runs.
/// Reads must come from one task and writes from one task (or be serialised by the caller).
/// </summary>
public sealed class MqttPacketChannel : IAsyncDisposable
{
    readonly Stream _stream;
    readonly PipeReader _reader;
    readonly PipeWriter _writer;

    public MqttPacketChannel(Stream stream)
    {
        _stream = stream;
        // Zero-byte reads: an idle connection holds no buffer (10,000 idle boards cost sockets, not memory).
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 8192, minimumReadSize: 2048, leaveOpen: true, useZeroByteReads: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 8192, leaveOpen: true));
    }

    /// <summary>Version used to decode and encode; CONNECT sets it.</summary>
    public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.V311;

    /// <summary>Largest packet accepted from the peer.</summary>
    public uint MaximumIncomingPacketSize { get; set; } = MqttFrameReader.DefaultMaximumPacketSize;

    /// <summary>Largest packet the peer accepts (its CONNECT/CONNACK Maximum Packet Size).</summary>
    public uint MaximumOutgoingPacketSize { get; set; } = uint.MaxValue;

    public long BytesReceived { get; private set; }
    public long BytesSent { get; private set; }

    /// <summary>Next packet, or null when the peer closed the stream cleanly between packets.</summary>
    /// <exception cref="MqttProtocolException">The peer sent something malformed or too large.</exception>
    public async ValueTask<MqttPacket?> ReadPacketAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            MqttPacket? packet = null;
            try
            {
                if (MqttFrameReader.TryReadFrame(ref buffer, MaximumIncomingPacketSize, out byte header, out var body))
                {
                    BytesReceived += 1 + VariableInt.Size((uint)body.Length) + body.Length;
                    packet = Decode(header, body);
                    HasBufferedPacket = ContainsWholePacket(buffer);
                }
            }
            finally
            {
                // After a packet: consumed up to its end, and the rest is not examined yet (it may hold
                // the next packet). Without one: all was examined, so wait for more bytes.
                if (packet is not null) _reader.AdvanceTo(buffer.Start);
                else _reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
            if (packet is not null) return packet;
            if (result.IsCompleted || result.IsCanceled)
            {
                if (buffer.Length == 0) return null;
                throw MqttProtocolException.Malformed("connection closed in the middle of a packet");
            }
        }
    }

    /// <summary>True when the last read left at least one more whole packet in the buffer, so the
    /// next <see cref="ReadPacketAsync"/> returns at once (a reader can batch its replies until then).</summary>
    public bool HasBufferedPacket { get; private set; }

    static bool ContainsWholePacket(ReadOnlySequence<byte> rest)
    {
        if (rest.Length < 2) return false;
        try
        {
            return MqttFrameReader.TryReadFrame(ref rest, uint.MaxValue, out _, out _);
        }
        catch (MqttProtocolException)
        {
            return true; // the next read reports it
        }
    }

    MqttPacket Decode(byte header, ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment) return MqttPacketReader.Read(header, body.FirstSpan, ProtocolVersion);
        byte[] rented = ArrayPool<byte>.Shared.Rent((int)body.Length);
        try
        {
            body.CopyTo(rented);
            return MqttPacketReader.Read(header, rented.AsSpan(0, (int)body.Length), ProtocolVersion);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Queues a packet for sending; false when it exceeds the peer's maximum packet size
    /// (the spec says such a packet is discarded, as if sent).</summary>
    public bool Write(MqttPacket packet)
    {
        if (!MqttPacketWriter.TryWrite(_writer, packet, ProtocolVersion, MaximumOutgoingPacketSize, out int size)) return false;
        BytesSent += size;
        return true;
    }

    /// <summary>Bytes written but not yet flushed.</summary>
    public long UnflushedBytes => _writer.UnflushedBytes;

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var r = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (r.IsCompleted) throw new IOException("the connection is closed");
    }

    public async ValueTask DisposeAsync()
    {
        try { await _reader.CompleteAsync().ConfigureAwait(false); } catch { /* already broken */ }
        try { await _writer.CompleteAsync().ConfigureAwait(false); } catch { /* already broken */ }
        try { await _stream.DisposeAsync().ConfigureAwait(false); } catch { /* already broken */ }
    }
}
