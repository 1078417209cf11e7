using System;

namespace RoboClub.Firmware
{
    /// <summary>
    /// <c>I:\roboclub.json</c> and its safety copies. A new configuration is written beside the old one,
    /// read back and checked, and only then swapped in (the old one stays as roboclub.old.json). A
    /// configuration that came from the hub is "on trial" until the board reaches the hub with it; if it
    /// cannot, the old one comes back and the new one is remembered as refused, so the retained message
    /// does not install it again on the next connect.
    /// </summary>
    public sealed class DeviceConfigStore
    {
        public const string ConfigPath = "I:\\roboclub.json";
        public const string NewPath = "I:\\roboclub.new.json";
        public const string OldPath = "I:\\roboclub.old.json";
        public const string TrialPath = "I:\\roboclub.trial";
        public const string RefusedPath = "I:\\roboclub.refused.json";

        private readonly IFlashFiles _files;

        public DeviceConfigStore(IFlashFiles files)
        {
            _files = files;
        }

        /// <summary>Why <see cref="Load"/> returned null (bilingual), or null.</summary>
        public string Problem { get; private set; }

        /// <summary>The stored configuration, or null (no file or a bad one: see <see cref="Problem"/>).</summary>
        public DeviceConfig Load()
        {
            Problem = null;
            string text;
            try
            {
                // A swap cut short by a power loss leaves only the checked new file.
                if (!_files.Exists(ConfigPath) && _files.Exists(NewPath)) text = FlashText.Read(_files, NewPath);
                else text = FlashText.Read(_files, ConfigPath);
            }
            catch (Exception e)
            {
                Problem = Say.Both("cannot read roboclub.json: " + e.Message, "nu pot citi roboclub.json: " + e.Message);
                return null;
            }

            if (text == null)
            {
                Problem = Say.Both("no configuration: write roboclub.json with the hub's flashing wizard",
                    "nu există configurație: scrie roboclub.json cu asistentul de programare din hub");
                return null;
            }

            try
            {
                return DeviceConfig.Parse(text);
            }
            catch (ConfigException e)
            {
                Problem = Say.Both("roboclub.json is wrong", "roboclub.json este greșit") + ": " + e.Message;
                return null;
            }
        }

        /// <summary>Installs <paramref name="next"/> (checked already) on trial. Throws (ConfigException or
        /// IOException) when it could not be written and checked; the current file is then untouched.</summary>
        public void Replace(DeviceConfig next)
        {
            string json = next.ToJson();
            FlashText.Write(_files, NewPath, json);
            DeviceConfig back = DeviceConfig.Parse(FlashText.Read(_files, NewPath));
            if (!back.SameAs(next))
            {
                _files.Delete(NewPath);
                throw new ConfigException(Say.Both("the configuration read back from flash is different", "configurația citită înapoi din flash este diferită"));
            }

            byte[] current = _files.Read(ConfigPath);
            if (current != null) _files.Write(OldPath, current);
            FlashText.Write(_files, TrialPath, "1");
            _files.Write(ConfigPath, _files.Read(NewPath));
            _files.Delete(NewPath);
        }

        /// <summary>True while a configuration from the hub has not yet reached the hub.</summary>
        public bool IsOnTrial
        {
            get { return _files.Exists(TrialPath); }
        }

        /// <summary>The configuration on trial reached the hub: it stays.</summary>
        public void Confirm()
        {
            _files.Delete(TrialPath);
            _files.Delete(RefusedPath);
        }

        /// <summary>The configuration on trial never reached the hub: the old one comes back, the new one is
        /// remembered as refused. False when there is no old one (nothing changes).</summary>
        public bool RollBack()
        {
            byte[] old = _files.Read(OldPath);
            _files.Delete(TrialPath);
            if (old == null) return false;
            byte[] tried = _files.Read(ConfigPath);
            if (tried != null) _files.Write(RefusedPath, tried);
            _files.Write(ConfigPath, old);
            return true;
        }

        /// <summary>The configuration that was rolled back, or null.</summary>
        public DeviceConfig Refused()
        {
            try
            {
                string text = FlashText.Read(_files, RefusedPath);
                return text == null ? null : DeviceConfig.Parse(text);
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
