using System.Buffers;
using System.IO.Pipelines;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Client;

/// <summary>
/// Reads whole packets from the transport. Stands in for <see cref="MqttPacketChannel.ReadPacketAsync"/>,
/// which marks the whole buffer as examined even after it consumed a packet, so further packets that
/// arrived in the same read wait for the next bytes from the network (acks stall). Here "examined"
/// moves past the buffer only when no whole packet was found. Remove once the codec is fixed.
/// </summary>
internal sealed class PacketStreamReader(Stream stream, MqttProtocolVersion version, uint maximumPacketSize)
{
    readonly PipeReader _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 8192, minimumReadSize: 2048, leaveOpen: true));

    /// <summary>Next packet, or null when the server closed the stream cleanly between packets.</summary>
    /// <exception cref="MqttProtocolException">Malformed or too large.</exception>
    public async ValueTask<MqttPacket?> ReadPacketAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            MqttPacket? packet = null;
            try
            {
                if (MqttFrameReader.TryReadFrame(ref buffer, maximumPacketSize, out byte header, out var body))
                    packet = Decode(header, body);
            }
            finally
            {
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
        if (body.IsSingleSegment) return MqttPacketReader.Read(header, body.FirstSpan, version);
        byte[] rented = ArrayPool<byte>.Shared.Rent((int)body.Length);
        try
        {
            body.CopyTo(rented);
            return MqttPacketReader.Read(header, rented.AsSpan(0, (int)body.Length), version);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public ValueTask CompleteAsync() => _reader.CompleteAsync();
}
