using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace RoboClub.Mqtt.Codec;

/// <summary>Reads MQTT data types from one packet body, validating as it goes.</summary>
internal ref struct PacketSpanReader
{
    readonly ReadOnlySpan<byte> _data;
    int _pos;

    public PacketSpanReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    public int Remaining => _data.Length - _pos;
    public bool End => _pos == _data.Length;

    public byte ReadByte()
    {
        if (_pos >= _data.Length) throw MqttProtocolException.Malformed("packet ends early");
        return _data[_pos++];
    }

    public ushort ReadUInt16()
    {
        if (Remaining < 2) throw MqttProtocolException.Malformed("packet ends early (expected 2 bytes)");
        var v = BinaryPrimitives.ReadUInt16BigEndian(_data[_pos..]);
        _pos += 2;
        return v;
    }

    public uint ReadUInt32()
    {
        if (Remaining < 4) throw MqttProtocolException.Malformed("packet ends early (expected 4 bytes)");
        var v = BinaryPrimitives.ReadUInt32BigEndian(_data[_pos..]);
        _pos += 4;
        return v;
    }

    /// <summary>Variable Byte Integer: at most 4 bytes, so at most 268,435,455.</summary>
    public uint ReadVariableInt()
    {
        uint value = 0;
        for (int i = 0; i < 4; i++)
        {
            byte b = ReadByte();
            value |= (uint)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) return value;
        }
        throw MqttProtocolException.Malformed("variable byte integer longer than 4 bytes");
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count > Remaining) throw MqttProtocolException.Malformed("length field runs past the end of the packet");
        var s = _data.Slice(_pos, count);
        _pos += count;
        return s;
    }

    public ReadOnlySpan<byte> ReadBinary() => ReadBytes(ReadUInt16());

    public ReadOnlySpan<byte> ReadRest() => ReadBytes(Remaining);

    /// <summary>UTF-8 string (spec 1.5.4): well-formed, no U+0000.</summary>
    public string ReadString()
    {
        var bytes = ReadBinary();
        return DecodeUtf8(bytes);
    }

    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return "";
        if (!Utf8.IsValid(bytes)) throw MqttProtocolException.Malformed("string is not well-formed UTF-8");
        if (bytes.IndexOf((byte)0) >= 0) throw MqttProtocolException.Malformed("string contains U+0000");
        return Encoding.UTF8.GetString(bytes);
    }
}
