namespace RoboClub.Firmware
{
    /// <summary>
    /// The board's internal flash drive (<c>I:\</c>, 256 KB of LittleFS shared with the stored Wi-Fi).
    /// On the ESP32 it is System.IO.File; tests use a dictionary. Paths are full ("I:\\roboclub.json").
    /// Methods may throw IOException: callers that must not fail catch it.
    /// </summary>
    public interface IFlashFiles
    {
        bool Exists(string path);

        /// <summary>The file's bytes, or null when it does not exist.</summary>
        byte[] Read(string path);

        /// <summary>Creates or replaces the file.</summary>
        void Write(string path, byte[] data);

        /// <summary>Adds to the end of the file (creates it).</summary>
        void Append(string path, byte[] data);

        /// <summary>Deletes the file if it exists.</summary>
        void Delete(string path);

        /// <summary>Size in bytes, 0 when it does not exist.</summary>
        long Length(string path);

        /// <summary>Full paths of the files in a folder whose names start with <paramref name="prefix"/>.</summary>
        string[] List(string folder, string prefix);
    }
}
