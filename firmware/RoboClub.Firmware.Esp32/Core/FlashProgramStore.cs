using System;
using RoboClub.Board;

namespace RoboClub.Firmware
{
    /// <summary>
    /// The child's program on <c>I:\program.bin</c>, so it runs after a reboot without the hub (LittleFS
    /// replaces a file atomically, so a power cut leaves the old or the new image, never half of one).
    /// In safe mode <see cref="Load"/> answers "no program" (the stored one stays on flash).
    /// </summary>
    public sealed class FlashProgramStore : IProgramStore
    {
        public const string Path = "I:\\program.bin";

        private readonly IFlashFiles _files;
        private readonly bool _safeMode;

        public FlashProgramStore(IFlashFiles files, bool safeMode)
        {
            _files = files;
            _safeMode = safeMode;
        }

        /// <summary>Why the last save failed, or null.</summary>
        public string LastProblem { get; private set; }

        public byte[] Load()
        {
            return _safeMode ? null : Stored();
        }

        /// <summary>The image on flash even in safe mode (its hash tells the hub's retained copy apart).</summary>
        public byte[] Stored()
        {
            try
            {
                return _files.Read(Path);
            }
            catch (Exception)
            {
                return null;
            }
        }

        public void Save(byte[] image)
        {
            try
            {
                if (image == null || image.Length == 0) _files.Delete(Path);
                else _files.Write(Path, image);
                LastProblem = null;
            }
            catch (Exception e)
            {
                // The program still runs now; it just will not come back after a reboot.
                LastProblem = Say.Both("the program could not be saved on the board: " + e.Message,
                    "programul nu a putut fi salvat pe placă: " + e.Message);
            }
        }
    }
}
