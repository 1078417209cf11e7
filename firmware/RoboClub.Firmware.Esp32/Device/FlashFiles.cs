using System.IO;

namespace RoboClub.Firmware.Device
{
    /// <summary><see cref="IFlashFiles"/> on the ESP32's internal drive I:\ (LittleFS).</summary>
    public sealed class FlashFiles : IFlashFiles
    {
        public bool Exists(string path)
        {
            return File.Exists(path);
        }

        public byte[] Read(string path)
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }

        public void Write(string path, byte[] data)
        {
            File.WriteAllBytes(path, data);
        }

        public void Append(string path, byte[] data)
        {
            using (FileStream stream = new FileStream(path, FileMode.Append, FileAccess.Write))
            {
                stream.Write(data, 0, data.Length);
            }
        }

        public void Delete(string path)
        {
            if (File.Exists(path)) File.Delete(path);
        }

        public long Length(string path)
        {
            return File.Exists(path) ? new FileInfo(path).Length : 0;
        }

        public string[] List(string folder, string prefix)
        {
            string[] all = Directory.GetFiles(folder);
            int n = 0;
            for (int i = 0; i < all.Length; i++) if (Path.GetFileName(all[i]).StartsWith(prefix)) n++;
            string[] found = new string[n];
            n = 0;
            for (int i = 0; i < all.Length; i++)
            {
                if (Path.GetFileName(all[i]).StartsWith(prefix)) found[n++] = folder + Path.GetFileName(all[i]);
            }

            return found;
        }
    }
}
