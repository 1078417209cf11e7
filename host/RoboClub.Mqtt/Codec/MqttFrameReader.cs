using System.Buffers;

namespace RoboClub.Mqtt.Codec;

/// <summary>
/// Finds one whole packet at the start of a byte stream: the fixed header's first byte, the
/// Remaining Length, then the body. The size limit is checked as soon as the Remaining Length is
/// known, so a peer announcing 256 MB is refused before a byte of it is buffered.
/// </summary>
public static class MqttFrameReader
{
    public const uint DefaultMaximumPacketSize = 268_435_460; // the protocol's own limit

    /// <summary>
    /// True when <paramref name="buffer"/> starts with a complete packet; then <paramref name="body"/>
    /// is its body and <paramref name="buffer"/> is advanced past it.
    /// </summary>
    /// <exception cref="MqttProtocolException">Malformed Remaining Length, or packet larger than allowed.</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, uint maximumPacketSize, out byte header, out ReadOnlySequence<byte> body)
    {
        header = 0;
        body = default;
        if (buffer.Length < 2) return false;
        var reader = new SequenceReader<byte>(buffer);
        reader.TryRead(out header);
        uint length = 0;
        int i = 0;
        while (true)
        {
            if (!reader.TryRead(out byte b)) return false; // header not complete yet
            length |= (uint)(b & 0x7F) << (7 * i);
            i++;
            if ((b & 0x80) == 0) break;
            if (i == 4) throw MqttProtocolException.Malformed("remaining length is longer than 4 bytes");
        }
        long total = 1 + i + (long)length;
        if (total > maximumPacketSize)
            throw new MqttProtocolException(MqttReasonCode.PacketTooLarge, $"packet of {total} bytes is larger than the maximum of {maximumPacketSize}");
        if (reader.Remaining < length) return false;
        body = buffer.Slice(1 + i, length);
        buffer = buffer.Slice(total);
        return true;
    }
}
