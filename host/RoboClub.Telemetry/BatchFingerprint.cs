using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RoboClub.Telemetry;

/// <summary>
/// A 64-bit fingerprint of a telemetry message's bytes, stored with its samples so a redelivered
/// copy (MQTT QoS 1 delivers at least once) is recognised. The bytes, not the samples: the samples'
/// wall-clock times depend on when the message arrived, the bytes do not. A board's batches carry its
/// clock ("now") and sample times, so two different batches of one board have different bytes.
/// </summary>
public static class BatchFingerprint
{
    public static long Of(ReadOnlySpan<byte> payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }
}
