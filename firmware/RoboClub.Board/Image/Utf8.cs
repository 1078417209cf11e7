namespace RoboClub.Board.Image
{
    /// <summary>Strict UTF-8 check (no overlong forms, no surrogates, nothing above U+10FFFF), because
    /// nanoFramework's decoder does not promise to reject bad input.</summary>
    public static class Utf8
    {
        public static bool IsValid(byte[] b, int offset, int count)
        {
            int i = offset, end = offset + count;
            while (i < end)
            {
                int c = b[i];
                if (c < 0x80) { i++; continue; }
                int need; int min;
                if ((c & 0xE0) == 0xC0) { need = 1; min = 0x80; c &= 0x1F; }
                else if ((c & 0xF0) == 0xE0) { need = 2; min = 0x800; c &= 0x0F; }
                else if ((c & 0xF8) == 0xF0) { need = 3; min = 0x10000; c &= 0x07; }
                else return false;
                if (end - i <= need) return false;
                for (int k = 1; k <= need; k++)
                {
                    int cc = b[i + k];
                    if ((cc & 0xC0) != 0x80) return false;
                    c = (c << 6) | (cc & 0x3F);
                }
                if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
                i += need + 1;
            }
            return true;
        }
    }
}
