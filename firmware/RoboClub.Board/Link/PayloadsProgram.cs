namespace RoboClub.Board.Link
{
    /// <summary>
    /// <c>roboclub/{club}/{board}/program</c>, retained, QoS 1, published by the hub: the program image,
    /// raw bytes, nothing else (the image format has its own header; the link does not look inside).
    /// An empty payload (which also deletes the retained message) means "no program".
    /// The board identifies a program by <see cref="Hash"/> (FNV-1a 32-bit, 8 lowercase hex digits),
    /// reports it in status, and ignores a program whose hash equals the one it already has (the broker
    /// sends the retained image again on every reconnect).
    /// </summary>
    public static class ProgramPayload
    {
        public const int MaxBytes = 16384;

        /// <summary>FNV-1a 32-bit of the image as 8 lowercase hex digits; "" for an empty image.</summary>
        public static string Hash(byte[] image)
        {
            if (image == null || image.Length == 0)
            {
                return string.Empty;
            }

            uint h = 2166136261;
            for (int i = 0; i < image.Length; i++)
            {
                h ^= image[i];
                h *= 16777619;
            }

            const string hex = "0123456789abcdef";
            char[] c = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                c[i] = hex[(int)(h & 0xF)];
                h >>= 4;
            }

            return new string(c);
        }

        /// <summary>Null when the image may be delivered, otherwise why not.</summary>
        public static string Check(byte[] image)
        {
            if (image != null && image.Length > MaxBytes)
            {
                return "program: image of " + image.Length.ToString() + " bytes is over the limit of " + MaxBytes.ToString();
            }

            return null;
        }
    }
}
