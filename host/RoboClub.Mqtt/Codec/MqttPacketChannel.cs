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
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 8192, minimumReadSize: 2048, leaveOpen: true));
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
                }
            }
            finally
            {
                // On success buffer starts after the packet: consume and examine only that packet, so the
                // next ReadAsync returns the bytes after it at once (they may hold more whole packets).
                // Marking everything examined here made ReadAsync wait for new bytes from the peer while
                // complete packets sat in the buffer. Otherwise nothing is consumed and all is examined.
                if (packet is not null) _reader.AdvanceTo(buffer.Start);
                else _reader.AdvanceTo(buffer.Start, result.Buffer.End);
            }
            if (packet is not null) return packet;
            if (result.IsCompleted || result.IsCanceled)
            {
                if (buffer.Length == 0) return null;
                throw MqttProtocolException.Malformed("connection closed in the middle of a packet");
            }
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
