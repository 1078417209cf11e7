namespace RoboClub.Board
{
    /// <summary>Where the board keeps its program so it runs again after a reboot without the hub
    /// (I:\ on the ESP32; a file or memory on a virtual board).</summary>
    public interface IProgramStore
    {
        /// <summary>The stored image, or null.</summary>
        byte[] Load();

        /// <summary>Stores an image (an empty array clears it).</summary>
        void Save(byte[] image);
    }
}
