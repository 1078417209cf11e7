namespace RoboClub.Hub.Qr;

/// <summary>An append-only sequence of bits, most significant bit first, as the QR data stream is defined.</summary>
sealed class QrBitBuffer
{
    readonly List<bool> _bits = new();

    public int Count => _bits.Count;

    public void Append(int value, int bitCount)
    {
        if (bitCount is < 0 or > 31 || (value >> bitCount) != 0)
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit in {bitCount} bits.");
        for (int i = bitCount - 1; i >= 0; i--) _bits.Add(((value >> i) & 1) != 0);
    }

    /// <summary>Packs the bits into bytes; the caller has padded to a whole number of bytes.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[(_bits.Count + 7) / 8];
        for (int i = 0; i < _bits.Count; i++)
            if (_bits[i]) bytes[i >> 3] |= (byte)(0x80 >> (i & 7));
        return bytes;
    }
}
