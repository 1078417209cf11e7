using System.Buffers;
using System.Diagnostics;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Tests.Codec;
using Xunit.Abstractions;

namespace RoboClub.Mqtt.Tests.Fuzz;

/// <summary>
/// Deterministic fuzzer for MqttFrameReader + MqttPacketReader (both protocol versions).
///
/// Inputs are random bytes, or valid encodings of every sample packet (both versions) mutated by bit
/// flips, byte overwrites, truncation, extension, insertion/deletion, splicing of two packets,
/// rewritten or huge Remaining Lengths, random fixed-header bytes and rewritten 2-byte length fields.
/// Each input is framed (sometimes split into tiny segments, with a random size limit) and every
/// frame is decoded as 3.1.1 and as 5.0; some inputs are also fed to the reader as a bare body.
///
/// Rules checked for every input: only <see cref="MqttProtocolException"/> may escape; decoding one
/// input takes less than <see cref="MaxMillisPerInput"/> (inputs slower than <see cref="RetimeAboveMillis"/>
/// are re-timed three times and the fastest run counts, to filter out GC pauses and preemption on a shared
/// machine; a watchdog thread fails the run if one input
/// hangs for <see cref="HangSeconds"/>); the bytes allocated while decoding it are at most
/// <see cref="AllocationBound"/>; and the heap is no larger after the run than before (no retention).
/// A failure message carries the iteration seed and the input in hex, so it can be replayed with
/// <see cref="Replay"/>.
///
/// Iterations: ROBOCLUB_FUZZ_ITERATIONS (default 200,000, which ./test.sh uses; a few seconds on 2 cores).
/// The long setting is ROBOCLUB_FUZZ_ITERATIONS=1000000 (or more). ROBOCLUB_FUZZ_SEED changes the base seed.
/// </summary>
[Collection(RoboClub.Mqtt.Tests.Support.MeasurementCollection.Name)]
public class DecoderFuzzTests(ITestOutputHelper output)
{
    const int DefaultIterations = 200_000;
    const ulong DefaultBaseSeed = 0x0B0C_1B00_2024;
    const double MaxMillisPerInput = 100; // a decode of a few KB takes microseconds: 100 ms would be a 1000x blow-up
    const double RetimeAboveMillis = 20;
    const int HangSeconds = 10;

    static readonly MqttProtocolVersion[] Versions = [MqttProtocolVersion.V311, MqttProtocolVersion.V500];
    static readonly uint[] Limits = [MqttFrameReader.DefaultMaximumPacketSize, 1 << 20, 1024, 64, 5];

    /// <summary>
    /// Upper bound on bytes allocated while decoding one input of <paramref name="length"/> bytes (all its
    /// frames, each decoded twice). Why it holds: every allocation the decoder makes is proportional to the
    /// wire bytes it consumed, plus a constant per packet and per exception:
    ///  - strings: UTF-16 needs at most 2 bytes per UTF-8 byte, and a non-empty string costs at least 3 wire
    ///    bytes for a 24-32 byte object, i.e. at most ~11 allocated bytes per wire byte ("" is shared);
    ///  - byte arrays (payload, binary data, multi-segment copy): 1 byte per wire byte + 24 per array, at least
    ///    3 wire bytes each (empty ones are shared);
    ///  - list entries: a topic filter costs at least 3 wire bytes for a ~40 byte object + a string + list
    ///    slots (doubling growth at most doubles the slots), the worst case at ~25 bytes per wire byte; user
    ///    properties (>= 5 wire bytes for 16 + 2 strings) and subscription identifiers (>= 2 wire bytes for 4
    ///    bytes of list) are cheaper;
    ///  - constant: the packet object (< 300 bytes) and, on failure, the exception with its message and
    ///    captured stack trace (a few KB).
    /// Two decodes (3.1.1 and 5.0) of at most 25 bytes per wire byte each, plus 32 KB of constants.
    /// </summary>
    static long AllocationBound(int length) => 2L * 25 * length + 32 * 1024;

    static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("ROBOCLUB_FUZZ_ITERATIONS"), out int n) && n > 0 ? n : DefaultIterations;

    static ulong BaseSeed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("ROBOCLUB_FUZZ_SEED"), out ulong s) ? s : DefaultBaseSeed;

    // ------------------------------------------------------------------ seeds

    static readonly byte[][] Seeds = BuildSeeds();

    static byte[][] BuildSeeds()
    {
        var list = new List<byte[]>();
        foreach (var v in Versions)
            foreach (var (_, p) in SamplePackets.All(v))
                list.Add(MqttPacketWriter.Encode(p, v));
        // Headers that announce far more than they carry, and odd-but-valid shapes.
        list.Add(CodecTestKit.Hex("30 FF FF FF 7F 00 01 61"));
        list.Add(CodecTestKit.Hex("82 FF FF FF 7F 00 01"));
        list.Add(CodecTestKit.Hex("10 FF FF FF FF 01"));
        list.Add(CodecTestKit.Hex("C0 00 D0 00 E0 00"));
        return list.ToArray();
    }

    // ------------------------------------------------------------------ PRNG (SplitMix64: allocation-free, reproducible)

    struct Rng(ulong seed)
    {
        ulong _s = seed;
        public ulong Next()
        {
            ulong z = _s += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            return z ^ (z >> 31);
        }
        public int Below(int n) => n <= 0 ? 0 : (int)(Next() % (ulong)n);
        public bool Chance(int percent) => Below(100) < percent;
        public byte Byte() => (byte)Next();
    }

    static ulong SeedFor(ulong baseSeed, long iteration) => baseSeed ^ ((ulong)iteration * 0xD1B54A32D192ED03UL);

    // ------------------------------------------------------------------ input generation

    static byte[] MakeInput(ref Rng r)
    {
        if (r.Chance(4))
        {
            var raw = new byte[r.Below(48)];
            for (int i = 0; i < raw.Length; i++) raw[i] = r.Byte();
            return raw;
        }
        if (r.Chance(25))
        {
            // Structure-aware: a well-framed packet of a random type built from random fields and random
            // (often wrong, duplicated or zero) properties, so the deep validation rules are reached.
            var g = Generate(ref r);
            if (r.Chance(20)) { var l = new List<byte>(g); Mutate(ref r, l); return l.ToArray(); }
            return g;
        }
        var data = new List<byte>(Seeds[r.Below(Seeds.Length)]);
        if (r.Chance(10)) data.AddRange(Seeds[r.Below(Seeds.Length)]); // a stream of two packets
        int mutations = r.Chance(30) ? 0 + r.Below(2) : 1 + r.Below(4);
        for (int m = 0; m < mutations; m++) Mutate(ref r, data);
        return data.ToArray();
    }

    static readonly string[] Strings = ["", "a", "a/b", "robots/+/x", "#", "$share/g/a", "$share/g", "ü✓", "a\u0000b", "$SYS/x", "+"];
    static readonly byte[][] BadUtf8 = [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0x61, 0x80]];
    static readonly byte[] PropertyIds =
        [0x01, 0x02, 0x03, 0x08, 0x09, 0x0B, 0x11, 0x12, 0x13, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1C, 0x1F,
         0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x00, 0x04, 0x2B, 0x7F];

    static void RandomString(ref Rng r, Bytes b)
    {
        if (r.Chance(8)) b.Bin(BadUtf8[r.Below(BadUtf8.Length)]);
        else b.Str(Strings[r.Below(Strings.Length)]);
    }

    /// <summary>Properties each packet may carry (spec table 2-4); index 16 = will properties.</summary>
    static readonly byte[][] AllowedIds =
    [
        [], [0x11, 0x21, 0x27, 0x22, 0x19, 0x17, 0x26, 0x15, 0x16], // -, CONNECT
        [0x11, 0x21, 0x24, 0x25, 0x27, 0x12, 0x22, 0x1F, 0x26, 0x28, 0x29, 0x2A, 0x13, 0x1A, 0x1C, 0x15, 0x16], // CONNACK
        [0x01, 0x02, 0x23, 0x08, 0x09, 0x26, 0x0B, 0x03], // PUBLISH
        [0x1F, 0x26], [0x1F, 0x26], [0x1F, 0x26], [0x1F, 0x26], // PUBACK..PUBCOMP
        [0x0B, 0x26], [0x1F, 0x26], [0x26], [0x1F, 0x26], // SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK
        [], [], [0x11, 0x1F, 0x26, 0x1C], [0x15, 0x16, 0x1F, 0x26], // -, -, DISCONNECT, AUTH
        [0x18, 0x01, 0x02, 0x03, 0x08, 0x09, 0x26], // will
    ];

    static void RandomProperties(ref Rng r, Bytes b, bool v5, int context)
    {
        if (!v5) return;
        var p = new Bytes();
        int n = r.Below(5);
        bool allowedOnly = r.Chance(60) && AllowedIds[context].Length > 0;
        for (int k = 0; k < n; k++)
        {
            byte id = allowedOnly ? AllowedIds[context][r.Below(AllowedIds[context].Length)] : PropertyIds[r.Below(PropertyIds.Length)];
            p.U8(id);
            switch (id)
            {
                case 0x01 or 0x17 or 0x19 or 0x24 or 0x25 or 0x28 or 0x29 or 0x2A: p.U8(r.Chance(80) ? (byte)r.Below(2) : r.Byte()); break;
                case 0x13 or 0x21 or 0x22 or 0x23: p.U16(r.Chance(30) ? 0 : r.Chance(50) ? 1 : (ushort)r.Next()); break;
                case 0x02 or 0x11 or 0x18 or 0x27: p.U32(r.Chance(30) ? 0u : r.Chance(50) ? 1u : (uint)r.Next()); break;
                case 0x0B: p.Vbi(r.Chance(20) ? 0u : (uint)r.Below(268_435_455) + 1); break;
                case 0x09 or 0x16: p.Bin(r.Byte(), r.Byte()); break;
                case 0x26: RandomString(ref r, p); RandomString(ref r, p); break;
                default: RandomString(ref r, p); break;
            }
        }
        b.Vbi((uint)p.Body().Length).Raw(p.Body());
    }

    static byte[] Generate(ref Rng r)
    {
        bool v5 = r.Chance(60);
        var b = new Bytes();
        int type = 1 + r.Below(15);
        byte flags = type is 6 or 8 or 10 ? (byte)2 : (byte)0;
        if (r.Chance(5)) flags = (byte)r.Below(16);
        switch (type)
        {
            case 1: // CONNECT
                {
                    b.Str(r.Chance(90) ? "MQTT" : "MQIsdp").U8(v5 ? (byte)5 : (byte)(r.Chance(90) ? 4 : 3));
                    byte cf = (byte)(r.Chance(80) ? r.Byte() & 0xFE : r.Byte());
                    b.U8(cf).U16(r.Below(65536));
                    RandomProperties(ref r, b, v5, 1);
                    RandomString(ref r, b);
                    if ((cf & 0x04) != 0) { RandomProperties(ref r, b, v5, 16); RandomString(ref r, b); b.Bin(r.Chance(50) ? "ok"u8.ToArray() : BadUtf8[0]); }
                    if ((cf & 0x80) != 0) RandomString(ref r, b);
                    if ((cf & 0x40) != 0) b.Bin(r.Byte());
                }
                break;
            case 2: b.U8((byte)r.Below(2), (byte)(v5 ? r.Byte() : r.Below(7))); RandomProperties(ref r, b, v5, 2); break;
            case 3: // PUBLISH
                flags = (byte)r.Below(16);
                if (r.Chance(70)) flags &= 0x07;
                RandomString(ref r, b);
                if ((flags & 0x06) != 0) b.U16(r.Chance(10) ? 0 : 1 + r.Below(65535));
                RandomProperties(ref r, b, v5, 3);
                b.Raw(r.Chance(50) ? "text ✓"u8.ToArray() : BadUtf8[r.Below(BadUtf8.Length)]);
                break;
            case 4 or 5 or 6 or 7:
                b.U16(r.Chance(10) ? 0 : 1 + r.Below(65535));
                if (v5 && r.Chance(70)) { b.U8(r.Byte()); if (r.Chance(70)) RandomProperties(ref r, b, v5, type); }
                break;
            case 8: // SUBSCRIBE
                b.U16(r.Chance(10) ? 0 : 1);
                RandomProperties(ref r, b, v5, type);
                for (int k = r.Below(4); k > 0; k--) { RandomString(ref r, b); b.U8(r.Chance(70) ? (byte)(r.Byte() & 0x3F) : r.Byte()); }
                break;
            case 9 or 11: // SUBACK / UNSUBACK
                b.U16(1 + r.Below(65535));
                RandomProperties(ref r, b, v5, type);
                for (int k = r.Below(4); k > 0; k--) b.U8(r.Chance(50) ? (byte)r.Below(3) : r.Byte());
                break;
            case 10: // UNSUBSCRIBE
                b.U16(r.Chance(10) ? 0 : 1);
                RandomProperties(ref r, b, v5, type);
                for (int k = r.Below(4); k > 0; k--) RandomString(ref r, b);
                break;
            case 14 or 15: // DISCONNECT / AUTH
                if (r.Chance(80)) { b.U8(r.Chance(50) ? (byte)0 : r.Byte()); if (r.Chance(70)) RandomProperties(ref r, b, v5, type); }
                break;
        }
        return b.Packet((byte)(type << 4 | flags));
    }

    static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x03, 0x0B, 0x26, 0x7F, 0x80, 0x81, 0xC0, 0xED, 0xF4, 0xFE, 0xFF];

    static void Mutate(ref Rng r, List<byte> d)
    {
        if (d.Count == 0) { d.Add(r.Byte()); return; }
        switch (r.Below(12))
        {
            case 0: // flip 1-3 bits
                for (int k = 1 + r.Below(3); k > 0; k--) d[r.Below(d.Count)] ^= (byte)(1 << r.Below(8));
                break;
            case 1: // overwrite with a random or an "interesting" byte
                d[r.Below(d.Count)] = r.Chance(50) ? r.Byte() : Interesting[r.Below(Interesting.Length)];
                break;
            case 2: // truncate (and half the time fix the Remaining Length, so the reader sees a short body)
                {
                    int keep = r.Below(d.Count + 1);
                    d.RemoveRange(keep, d.Count - keep);
                    if (d.Count > 0 && r.Chance(50)) RewriteRemainingLength(d, (uint)BodyLength(d));
                }
                break;
            case 3: // extend with random bytes
                for (int k = 1 + r.Below(16); k > 0; k--) d.Add(r.Byte());
                break;
            case 4: // insert bytes in the middle
                {
                    int at = r.Below(d.Count + 1);
                    int n = 1 + r.Below(6);
                    for (int k = 0; k < n; k++) d.Insert(at, r.Chance(50) ? r.Byte() : Interesting[r.Below(Interesting.Length)]);
                }
                break;
            case 5: // delete a range
                {
                    int at = r.Below(d.Count);
                    d.RemoveRange(at, Math.Min(d.Count - at, 1 + r.Below(6)));
                }
                break;
            case 6: // rewrite the Remaining Length so it matches the (mutated) body, or is off by a little
                RewriteRemainingLength(d, (uint)Math.Max(0, BodyLength(d) + (r.Chance(50) ? 0 : r.Below(7) - 3)));
                break;
            case 7: // huge or malformed Remaining Length
                {
                    byte[][] huge = [[0xFF, 0xFF, 0xFF, 0x7F], [0x80, 0x80, 0x80, 0x01], [0xFF, 0xFF, 0xFF, 0xFF, 0x7F], [0x80, 0x80, 0x80, 0x80, 0x00], [0xFF, 0x7F], [0x80, 0x00]];
                    ReplaceRemainingLength(d, huge[r.Below(huge.Length)]);
                }
                break;
            case 8: // random fixed-header byte (type and flags)
                d[0] = r.Chance(50) ? r.Byte() : (byte)((d[0] & 0xF0) | r.Below(16));
                break;
            case 9: // splice: prefix of this input + suffix of another seed
                {
                    var other = Seeds[r.Below(Seeds.Length)];
                    int keep = r.Below(d.Count + 1);
                    d.RemoveRange(keep, d.Count - keep);
                    int from = r.Below(other.Length + 1);
                    for (int k = from; k < other.Length; k++) d.Add(other[k]);
                }
                break;
            case 10: // rewrite a 2-byte big-endian length field somewhere with an edge value
                if (d.Count >= 2)
                {
                    int at = r.Below(d.Count - 1);
                    ushort[] values = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0xFFFF, (ushort)(d.Count - at), (ushort)(d.Count - at - 2), (ushort)(d.Count - at + 1)];
                    ushort v = values[r.Below(values.Length)];
                    d[at] = (byte)(v >> 8);
                    d[at + 1] = (byte)v;
                }
                break;
            case 11: // duplicate a chunk (repeated properties, filters, ...)
                {
                    int at = r.Below(d.Count);
                    int n = Math.Min(d.Count - at, 1 + r.Below(12));
                    var chunk = d.GetRange(at, n);
                    d.InsertRange(at, chunk);
                    if (r.Chance(70)) RewriteRemainingLength(d, (uint)BodyLength(d));
                }
                break;
        }
    }

    static int HeaderLength(List<byte> d)
    {
        int i = 1;
        while (i < d.Count && i < 5 && (d[i] & 0x80) != 0) i++;
        return Math.Min(i + 1, d.Count);
    }

    static int BodyLength(List<byte> d) => d.Count - HeaderLength(d);

    static void RewriteRemainingLength(List<byte> d, uint length)
    {
        var enc = new byte[4];
        int n = VariableInt.Write(enc, Math.Min(length, VariableInt.Max));
        ReplaceRemainingLength(d, enc.AsSpan(0, n).ToArray());
    }

    static void ReplaceRemainingLength(List<byte> d, byte[] encoded)
    {
        int h = HeaderLength(d);
        if (h >= 1) d.RemoveRange(1, h - 1);
        d.InsertRange(Math.Min(1, d.Count), encoded);
    }

    // ------------------------------------------------------------------ one input

    /// <summary>
    /// Outcome counters, and the packets decoded from the current input (kept in a preallocated array, so
    /// recording them allocates nothing inside the measured region).
    /// </summary>
    sealed class Stats
    {
        public long Decoded;
        public readonly long[] Refused = new long[256];
        public readonly Packets.MqttPacket[] Packets = new Packets.MqttPacket[64];
        public readonly MqttProtocolVersion[] PacketVersions = new MqttProtocolVersion[64];
        public int Count;
    }

    /// <summary>Decodes one input the way the fuzzer does; returns how many frames it held.</summary>
    static int DecodeInput(byte[] input, ref Rng r, Stats stats)
    {
        int frames = 0;
        uint limit = Limits[r.Below(Limits.Length)];
        var seq = r.Chance(15) ? CodecTestKit.Segmented(input, 1 + r.Below(16)) : new ReadOnlySequence<byte>(input);
        try
        {
            while (MqttFrameReader.TryReadFrame(ref seq, limit, out byte header, out var body))
            {
                frames++;
                ReadOnlySpan<byte> span = body.IsSingleSegment ? body.FirstSpan : body.ToArray();
                foreach (var v in Versions) ReadOne(header, span, v, stats);
            }
        }
        catch (MqttProtocolException ex) { stats.Refused[(byte)ex.ReasonCode]++; } // framing error
        if (r.Chance(10) && input.Length > 0)
        {
            // The body reader on its own, with an arbitrary header byte.
            foreach (var v in Versions) ReadOne(input[0], input.AsSpan(1), v, stats);
        }
        return frames;
    }

    static void ReadOne(byte header, ReadOnlySpan<byte> body, MqttProtocolVersion v, Stats stats)
    {
        try
        {
            var p = MqttPacketReader.Read(header, body, v);
            stats.Decoded++;
            if (stats.Count < stats.Packets.Length)
            {
                stats.Packets[stats.Count] = p;
                stats.PacketVersions[stats.Count++] = v;
            }
        }
        catch (MqttProtocolException ex)
        {
            stats.Refused[(byte)ex.ReasonCode]++;
        }
    }

    /// <summary>
    /// The oracle, run outside the measured region: every packet the reader accepted is encoded again and
    /// decoded again, and must come back equal (whatever the reader accepts, the writer can send, and the
    /// reader reads it back the same way).
    /// </summary>
    static void CheckReencoding(Stats stats)
    {
        try
        {
            for (int k = 0; k < stats.Count; k++)
            {
                var p = stats.Packets[k];
                var v = stats.PacketVersions[k];
                var wire = MqttPacketWriter.Encode(p, v);
                var again = CodecTestKit.Decode(wire, v);
                if (CodecTestKit.Diff(p, again) is { } diff)
                    throw new InvalidOperationException($"{v}: decode -> encode -> decode changed the packet: {p.Type}{diff}; re-encoded as {Convert.ToHexString(wire)}");
            }
        }
        finally
        {
            Array.Clear(stats.Packets);
            stats.Count = 0;
        }
    }

    /// <summary>Re-runs one iteration by seed (for a reported failure): paste the seed into a test.</summary>
    internal static void Replay(ulong iterationSeed)
    {
        var r = new Rng(iterationSeed);
        var input = MakeInput(ref r);
        var stats = new Stats();
        DecodeInput(input, ref r, stats);
        CheckReencoding(stats);
    }

    // ------------------------------------------------------------------ the run

    sealed class RunState
    {
        public long Iteration = -1;
        public long StartTimestamp;
        public ulong CurrentSeed;
        public byte[] CurrentInput = [];
        public string? Failure;
        public long Frames;
        public long Bytes;
        public double MaxMillis;     // after re-timing slow inputs
        public double MaxRawMillis;  // first measurement, noise included
        public int Retimed;
        public long MaxAllocated;
        public int MaxAllocatedInputLength;
        public double MaxAllocatedRatio;
        public readonly Stats Stats = new();
        public volatile bool Done;
    }

    [Fact]
    public void Fuzz_frame_reader_and_packet_reader_only_throw_MqttProtocolException()
    {
        int iterations = Iterations;
        ulong baseSeed = BaseSeed;
        var state = new RunState();

        // Warm up (JIT, static tables) so that the first inputs are not blamed for one-off costs.
        var warm = new Stats();
        for (int i = 0; i < 2000; i++) { var wr = new Rng(SeedFor(baseSeed ^ 0xFFFF, i)); var wi = MakeInput(ref wr); DecodeInput(wi, ref wr, warm); CheckReencoding(warm); }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heapBefore = GC.GetTotalMemory(true);
        var total = Stopwatch.StartNew();

        var worker = new Thread(() => Run(state, iterations, baseSeed)) { IsBackground = true, Name = "mqtt-fuzz" };
        worker.Start();
        while (!worker.Join(100))
        {
            long started = Interlocked.Read(ref state.StartTimestamp);
            if (started != 0 && Stopwatch.GetElapsedTime(started).TotalSeconds > HangSeconds)
            {
                Assert.Fail($"decoder hung for over {HangSeconds} s on iteration {Interlocked.Read(ref state.Iteration)}, " +
                            $"seed 0x{state.CurrentSeed:X16}, input ({state.CurrentInput.Length} bytes): {Convert.ToHexString(state.CurrentInput)}");
            }
        }
        total.Stop();
        if (state.Failure is not null) Assert.Fail(state.Failure);
        Assert.True(state.Done);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long heapAfter = GC.GetTotalMemory(true);
        long growth = heapAfter - heapBefore;

        output.WriteLine($"fuzz: {iterations:N0} inputs ({state.Bytes:N0} bytes, {state.Frames:N0} frames, each decoded as 3.1.1 and 5.0) " +
                         $"in {total.Elapsed.TotalSeconds:F1} s ({iterations / total.Elapsed.TotalSeconds:N0} inputs/s); base seed 0x{baseSeed:X}");
        output.WriteLine($"fuzz: slowest input {state.MaxMillis:F2} ms (first timing {state.MaxRawMillis:F2} ms; {state.Retimed} inputs over {RetimeAboveMillis} ms re-timed); most allocated {state.MaxAllocated:N0} bytes (input of {state.MaxAllocatedInputLength} bytes); " +
                         $"worst allocated/input-byte ratio {state.MaxAllocatedRatio:F1} (inputs >= 64 bytes); heap growth {growth:N0} bytes");
        var refused = string.Join(", ", Enumerable.Range(0, 256).Where(c => state.Stats.Refused[c] > 0).Select(c => $"{(MqttReasonCode)c}={state.Stats.Refused[c]:N0}"));
        output.WriteLine($"fuzz: {state.Stats.Decoded:N0} decodes accepted (and re-encoded identically); refused: {refused}");
        Console.WriteLine($"[fuzz] iterations={iterations} seconds={total.Elapsed.TotalSeconds:F1} frames={state.Frames} maxMs={state.MaxMillis:F2} maxAlloc={state.MaxAllocated} worstRatio={state.MaxAllocatedRatio:F1} heapGrowth={growth}");

        Assert.True(state.MaxMillis < MaxMillisPerInput, $"slowest input took {state.MaxMillis:F0} ms");
        // Nothing the decoder makes survives the run: allow 4 MB of noise (JIT, thread statics, xunit output).
        Assert.True(growth < 4 * 1024 * 1024, $"heap grew by {growth:N0} bytes over the run");
        Assert.True(state.Frames > iterations / 2, $"only {state.Frames} frames were decoded: the mutator is not producing framable input");
        Assert.True(state.Stats.Decoded > iterations / 10, $"only {state.Stats.Decoded} decodes succeeded: the mutator is too destructive to reach deep code");
    }

    static void Run(RunState state, int iterations, ulong baseSeed)
    {
        try
        {
            for (long i = 0; i < iterations; i++)
            {
                ulong seed = SeedFor(baseSeed, i);
                var r = new Rng(seed);
                var input = MakeInput(ref r);
                state.CurrentSeed = seed;
                state.CurrentInput = input;
                Interlocked.Exchange(ref state.Iteration, i);

                long allocBefore = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                Interlocked.Exchange(ref state.StartTimestamp, start);
                int frames;
                try
                {
                    frames = DecodeInput(input, ref r, state.Stats);
                }
                catch (Exception ex)
                {
                    state.Failure = $"iteration {i}, seed 0x{seed:X16}: {ex.GetType().Name} escaped: {ex.Message}\n" +
                                    $"input ({input.Length} bytes): {Convert.ToHexString(input)}\n{ex}";
                    return;
                }
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                long allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
                if (ms > state.MaxRawMillis) state.MaxRawMillis = ms;
                if (ms > RetimeAboveMillis)
                {
                    // Wall-clock time includes GC pauses and preemption (the build machine is shared): re-time
                    // the same input a few times and keep the fastest, which is the decoder's own cost.
                    state.Retimed++;
                    for (int k = 0; k < 3; k++)
                    {
                        var again = new Rng(seed);
                        var copy = MakeInput(ref again);
                        var scratch = new Stats();
                        long t = Stopwatch.GetTimestamp();
                        DecodeInput(copy, ref again, scratch);
                        ms = Math.Min(ms, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    }
                }

                state.Frames += frames;
                state.Bytes += input.Length;
                if (ms > state.MaxMillis) state.MaxMillis = ms;
                if (allocated > state.MaxAllocated) { state.MaxAllocated = allocated; state.MaxAllocatedInputLength = input.Length; }
                if (input.Length >= 64 && (double)allocated / input.Length > state.MaxAllocatedRatio) state.MaxAllocatedRatio = (double)allocated / input.Length;
                if (allocated > AllocationBound(input.Length))
                {
                    state.Failure = $"iteration {i}, seed 0x{seed:X16}: decoding {input.Length} bytes allocated {allocated:N0} bytes " +
                                    $"(bound {AllocationBound(input.Length):N0})\ninput: {Convert.ToHexString(input)}";
                    return;
                }
                try
                {
                    CheckReencoding(state.Stats); // unmeasured: decode -> encode -> decode must agree
                }
                catch (Exception ex)
                {
                    state.Failure = $"iteration {i}, seed 0x{seed:X16}: re-encoding a decoded packet failed: {ex.GetType().Name}: {ex.Message}\n" +
                                    $"input ({input.Length} bytes): {Convert.ToHexString(input)}\n{ex}";
                    return;
                }
            }
            Interlocked.Exchange(ref state.StartTimestamp, 0);
            state.Done = true;
        }
        catch (Exception ex)
        {
            state.Failure = $"fuzzer itself failed at iteration {state.Iteration}, seed 0x{state.CurrentSeed:X16}: {ex}\ninput: {Convert.ToHexString(state.CurrentInput)}";
        }
    }

    [Fact]
    public void Mutator_is_deterministic()
    {
        for (int i = 0; i < 200; i++)
        {
            var a = new Rng(SeedFor(DefaultBaseSeed, i));
            var b = new Rng(SeedFor(DefaultBaseSeed, i));
            Assert.Equal(MakeInput(ref a), MakeInput(ref b));
        }
    }
}
