namespace RoboClub.Hub.Qr;

/// <summary>Turns the data bit stream into the final codeword sequence: pad, split into blocks, add error correction, interleave (§7.4.10, §7.5, §7.6).</summary>
static class QrCodewords
{
    public static byte[] Build(QrSegment segment, int version, QrErrorCorrection level)
    {
        int dataCodewords = QrVersion.DataCodewords(version, level);
        int capacityBits = dataCodewords * 8;
        var bits = new QrBitBuffer();
        segment.AppendTo(bits, version);
        // Terminator of up to four zeros, then zeros to a byte boundary, then the alternating pad bytes.
        bits.Append(0, Math.Min(4, capacityBits - bits.Count));
        bits.Append(0, (8 - bits.Count % 8) % 8);
        for (int pad = 0xEC; bits.Count < capacityBits; pad ^= 0xEC ^ 0x11) bits.Append(pad, 8);
        return Interleave(bits.ToBytes(), version, level);
    }

    /// <summary>
    /// Splits data into blocks (the short ones first, long ones one codeword longer), computes each block's
    /// error correction, and reads the blocks column by column so a burst of damage spreads over many blocks.
    /// </summary>
    public static byte[] Interleave(byte[] data, int version, QrErrorCorrection level)
    {
        int blocks = QrVersion.Blocks(version, level);
        int ecLength = QrVersion.EcCodewords(version, level);
        int total = QrVersion.TotalCodewords(version);
        int shortBlocks = blocks - total % blocks;
        int shortDataLength = total / blocks - ecLength;
        byte[] generator = ReedSolomon.Generator(ecLength);

        var dataBlocks = new byte[blocks][];
        var ecBlocks = new byte[blocks][];
        for (int b = 0, offset = 0; b < blocks; b++)
        {
            int length = shortDataLength + (b < shortBlocks ? 0 : 1);
            dataBlocks[b] = data.AsSpan(offset, length).ToArray();
            ecBlocks[b] = ReedSolomon.Remainder(dataBlocks[b], generator);
            offset += length;
        }

        var result = new List<byte>(total);
        for (int i = 0; i <= shortDataLength; i++)
            foreach (byte[] block in dataBlocks)
                if (i < block.Length) result.Add(block[i]);
        for (int i = 0; i < ecLength; i++)
            foreach (byte[] block in ecBlocks) result.Add(block[i]);
        return result.ToArray();
    }
}
