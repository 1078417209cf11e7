namespace RoboClub.Board.Image
{
    /// <summary>CRC-32 (IEEE 802.3, as zlib), the image checksum. Table built once.</summary>
    public static class Crc32
    {
        static uint[] s_table;

        public static uint Compute(byte[] data, int offset, int count)
        {
            uint[] table = s_table;
            if (table == null)
            {
                table = new uint[256];
                for (uint i = 0; i < 256; i++)
                {
                    uint c = i;
                    for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                    table[i] = c;
                }
                s_table = table;
            }
            uint crc = 0xFFFFFFFFu;
            int end = offset + count;
            for (int i = offset; i < end; i++) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            return crc ^ 0xFFFFFFFFu;
        }
    }
}
