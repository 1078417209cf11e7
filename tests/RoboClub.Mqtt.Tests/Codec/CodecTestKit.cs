using System.Buffers;
using System.Collections;
using System.Reflection;
using System.Text;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Tests.Codec;

/// <summary>Shared helpers: encode, frame, decode, deep-compare, and a tiny byte builder for hand-written packets.</summary>
internal static class CodecTestKit
{
    public static readonly MqttProtocolVersion[] Versions = [MqttProtocolVersion.V311, MqttProtocolVersion.V500];

    public static byte[] Encode(MqttPacket packet, MqttProtocolVersion version) => MqttPacketWriter.Encode(packet, version);

    /// <summary>Frames exactly one packet out of <paramref name="wire"/> (optionally split into segments) and decodes it.</summary>
    public static MqttPacket Decode(byte[] wire, MqttProtocolVersion version, uint maxPacketSize = MqttFrameReader.DefaultMaximumPacketSize, int segmentSize = 0)
    {
        var seq = segmentSize > 0 ? Segmented(wire, segmentSize) : new ReadOnlySequence<byte>(wire);
        Assert.True(MqttFrameReader.TryReadFrame(ref seq, maxPacketSize, out byte header, out var body), "frame reader did not find a whole packet");
        Assert.Equal(0, seq.Length); // exactly one packet consumed
        return MqttPacketReader.Read(header, body.ToArray(), version);
    }

    public static MqttProtocolException DecodeFails(byte[] wire, MqttProtocolVersion version, MqttReasonCode expected)
    {
        var ex = Assert.Throws<MqttProtocolException>(() => Decode(wire, version));
        Assert.True(expected == ex.ReasonCode, $"expected {expected} (0x{(byte)expected:X2}) but got {ex.ReasonCode} (0x{(byte)ex.ReasonCode:X2}): {ex.Message}");
        return ex;
    }

    public static MqttPacket RoundTrip(MqttPacket packet, MqttProtocolVersion version, int segmentSize = 0)
    {
        var wire = Encode(packet, version);
        var decoded = Decode(wire, version, segmentSize: segmentSize);
        // Re-encoding what was decoded must give the same bytes (the codec is canonical for its own output).
        Assert.Equal(Convert.ToHexString(wire), Convert.ToHexString(Encode(decoded, version)));
        return decoded;
    }

    public static ReadOnlySequence<byte> Segmented(byte[] data, int segmentSize)
    {
        if (data.Length == 0) return ReadOnlySequence<byte>.Empty;
        Segment? first = null, last = null;
        for (int i = 0; i < data.Length; i += segmentSize)
        {
            var mem = data.AsMemory(i, Math.Min(segmentSize, data.Length - i));
            if (first is null) first = last = new Segment(mem, 0);
            else last = last!.Append(mem);
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex) { Memory = memory; RunningIndex = runningIndex; }
        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var s = new Segment(memory, RunningIndex + Memory.Length);
            Next = s;
            return s;
        }
    }

    // ------------------------------------------------------------------ deep comparison

    /// <summary>Compares every public property, recursively (lists element by element, in order).</summary>
    public static void AssertDeepEqual(object? expected, object? actual, string path = "packet")
    {
        var diff = Diff(expected, actual);
        Assert.True(diff is null, path + diff);
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> s_props = new();

    /// <summary>Null when equal, else the path to the first difference and what differs there.</summary>
    public static string? Diff(object? expected, object? actual)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $": expected {Show(expected)} but got {Show(actual)}";
        var type = expected.GetType();
        if (type != actual.GetType()) return $": expected type {type.Name} but got {actual.GetType().Name}";
        switch (expected)
        {
            case string or bool or byte or ushort or uint or int or long or Enum or MqttUserProperty:
                return expected.Equals(actual) ? null : $": expected {Show(expected)} but got {Show(actual)}";
            case byte[] eb:
                return eb.AsSpan().SequenceEqual((byte[])actual) ? null : $": bytes differ ({eb.Length} vs {((byte[])actual).Length})";
            case ReadOnlyMemory<byte> em:
                return em.Span.SequenceEqual(((ReadOnlyMemory<byte>)actual).Span) ? null : $": bytes differ ({em.Length} vs {((ReadOnlyMemory<byte>)actual).Length})";
            case IList el:
                var al = (IList)actual;
                if (el.Count != al.Count) return $": expected {el.Count} items but got {al.Count}";
                for (int i = 0; i < el.Count; i++)
                    if (Diff(el[i], al[i]) is { } d) return $"[{i}]{d}";
                return null;
        }
        var props = s_props.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray());
        foreach (var prop in props)
            if (Diff(prop.GetValue(expected), prop.GetValue(actual)) is { } d) return $".{prop.Name}{d}";
        return null;
    }

    static string Show(object? o) => o switch
    {
        null => "null",
        byte[] b => $"byte[{b.Length}]",
        ReadOnlyMemory<byte> m => $"memory[{m.Length}]",
        string s => s.Length > 40 ? $"\"{s[..40]}...\" ({s.Length} chars)" : $"\"{s}\"",
        _ => o.ToString() ?? "?",
    };

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "").Replace("\n", ""));
}

/// <summary>Builds packet bytes by hand: body parts, then <see cref="Packet"/> prefixes the fixed header.</summary>
internal sealed class Bytes
{
    readonly List<byte> _b = new();

    public Bytes U8(params byte[] values) { _b.AddRange(values); return this; }
    public Bytes U16(int v) { _b.Add((byte)(v >> 8)); _b.Add((byte)v); return this; }
    public Bytes U32(uint v) { _b.Add((byte)(v >> 24)); _b.Add((byte)(v >> 16)); _b.Add((byte)(v >> 8)); _b.Add((byte)v); return this; }
    public Bytes Vbi(uint v)
    {
        do { byte b = (byte)(v & 0x7F); v >>= 7; if (v > 0) b |= 0x80; _b.Add(b); } while (v > 0);
        return this;
    }
    /// <summary>MQTT string: two-byte length then UTF-8.</summary>
    public Bytes Str(string s) => Bin(Encoding.UTF8.GetBytes(s));
    /// <summary>Binary data: two-byte length then the raw bytes (also used for deliberately bad "strings").</summary>
    public Bytes Bin(params byte[] raw) { U16(raw.Length); _b.AddRange(raw); return this; }
    public Bytes Raw(byte[] raw) { _b.AddRange(raw); return this; }
    /// <summary>An MQTT 5 property section (length prefix, then the bytes built by <paramref name="props"/>).</summary>
    public Bytes Props(Action<Bytes>? props = null)
    {
        var p = new Bytes();
        props?.Invoke(p);
        Vbi((uint)p._b.Count);
        _b.AddRange(p._b);
        return this;
    }
    public byte[] Body() => _b.ToArray();

    /// <summary>Fixed header byte + remaining length + this body.</summary>
    public byte[] Packet(byte header)
    {
        var h = new Bytes().U8(header).Vbi((uint)_b.Count);
        h._b.AddRange(_b);
        return h._b.ToArray();
    }
}
