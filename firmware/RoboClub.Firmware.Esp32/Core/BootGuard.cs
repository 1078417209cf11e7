using System;

namespace RoboClub.Firmware
{
    /// <summary>
    /// Counts boots and crashes at boot, ESPHome style: every boot adds one to a counter on flash, and a
    /// board that has run <see cref="StableAfterMs"/> clears it. When the counter reaches
    /// <see cref="SafeModeAfter"/> the last boots all failed early, most likely because of the stored
    /// program (it ran out of memory, or a part hangs): the board starts in safe mode, without it.
    /// File: <c>I:\boot.txt</c>, "boots,unstable".
    /// </summary>
    public sealed class BootGuard
    {
        public const string Path = "I:\\boot.txt";
        public const int SafeModeAfter = 3;
        public const int StableAfterMs = 2 * 60 * 1000;

        private readonly IFlashFiles _files;
        private bool _markedStable;

        public BootGuard(IFlashFiles files)
        {
            _files = files;
        }

        /// <summary>This boot's number (1 for the first boot ever); tells telemetry of different boots apart.</summary>
        public int BootNumber { get; private set; }

        /// <summary>Boots in a row that did not last <see cref="StableAfterMs"/>, this one included.</summary>
        public int UnstableBoots { get; private set; }

        public bool SafeMode { get; private set; }

        /// <summary>Call once at power-up, before the stored program is loaded.</summary>
        public void OnBoot()
        {
            int boots = 0;
            int unstable = 0;
            try
            {
                string text = FlashText.Read(_files, Path);
                if (text != null)
                {
                    string[] parts = text.Trim().Split(',');
                    if (parts.Length == 2)
                    {
                        boots = int.Parse(parts[0]);
                        unstable = int.Parse(parts[1]);
                    }
                }
            }
            catch (Exception)
            {
                // A damaged counter starts again: never a reason not to boot.
                boots = 0;
                unstable = 0;
            }

            BootNumber = boots + 1;
            UnstableBoots = unstable + 1;
            SafeMode = UnstableBoots >= SafeModeAfter;
            Save(BootNumber, SafeMode ? 0 : UnstableBoots);
        }

        /// <summary>Call from the main loop: after <see cref="StableAfterMs"/> of uptime the counter is cleared.</summary>
        public void OnRunning(long uptimeMs)
        {
            if (_markedStable || uptimeMs < StableAfterMs) return;
            _markedStable = true;
            Save(BootNumber, 0);
        }

        private void Save(int boots, int unstable)
        {
            try
            {
                FlashText.Write(_files, Path, boots.ToString() + "," + unstable.ToString());
            }
            catch (Exception)
            {
                // Flash full or failing: the board still runs, only safe mode cannot be counted.
            }
        }
    }
}
