using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace RoboClub.Mqtt.Codec;

/// <summary>Writes MQTT data types into a growable buffer that is reused between packets.</summary>
internal sealed class PacketBodyWriter
{
    readonly ArrayBufferWriter<byte> _buffer = new(256);

    public int Length => _buffer.WrittenCount;
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void Clear() => _buffer.ResetWrittenCount();

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteVariableInt(uint value) => _buffer.Advance(VariableInt.Write(_buffer.GetSpan(4), value));

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    /// <summary>Two-byte length then the bytes (Binary Data).</summary>
    public void WriteBinary(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ushort.MaxValue) throw new ArgumentException("binary data is longer than 65,535 bytes");
        WriteUInt16((ushort)bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>Two-byte length then UTF-8 (UTF-8 Encoded String).</summary>
    public void WriteString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = _buffer.GetSpan(2 + max);
        int n = Encoding.UTF8.GetBytes(value, span[2..]);
        if (n > ushort.MaxValue) throw new ArgumentException("string is longer than 65,535 UTF-8 bytes");
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)n);
        _buffer.Advance(2 + n);
    }

    // MQTT 5 properties: identifier then value.
    public void Property(PropertyId id, byte value) { WriteByte((byte)id); WriteByte(value); }
    public void Property(PropertyId id, ushort value) { WriteByte((byte)id); WriteUInt16(value); }
    public void Property(PropertyId id, uint value) { WriteByte((byte)id); WriteUInt32(value); }
    public void Property(PropertyId id, string value) { WriteByte((byte)id); WriteString(value); }
    public void Property(PropertyId id, ReadOnlySpan<byte> value) { WriteByte((byte)id); WriteBinary(value); }
    public void PropertyVariableInt(PropertyId id, uint value) { WriteByte((byte)id); WriteVariableInt(value); }

    public void UserProperties(IReadOnlyList<MqttUserProperty>? props)
    {
        if (props is null) return;
        for (int i = 0; i < props.Count; i++)
        {
            WriteByte((byte)PropertyId.UserProperty);
            WriteString(props[i].Name);
            WriteString(props[i].Value);
        }
    }
}

/// <summary>MQTT's Variable Byte Integer (1 to 4 bytes, 7 bits each, little-endian groups).</summary>
public static class VariableInt
{
    public const uint Max = 268_435_455;

    public static int Size(uint value) => value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;

    public static int Write(Span<byte> dest, uint value)
    {
        if (value > Max) throw new ArgumentOutOfRangeException(nameof(value), "larger than a variable byte integer can hold");
        int i = 0;
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value > 0) b |= 0x80;
            dest[i++] = b;
        } while (value > 0);
        return i;
    }
}
