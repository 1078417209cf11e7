using System.Text;

namespace RoboClub.Firmware
{
    /// <summary>UTF-8 text files on <see cref="IFlashFiles"/> (nanoFramework's Encoding has no GetString(byte[])).</summary>
    public static class FlashText
    {
        public static string Read(IFlashFiles files, string path)
        {
            byte[] data = files.Read(path);
            if (data == null) return null;
            return Encoding.UTF8.GetString(data, 0, data.Length);
        }

        public static void Write(IFlashFiles files, string path, string text)
        {
            files.Write(path, Encoding.UTF8.GetBytes(text));
        }
    }
}
