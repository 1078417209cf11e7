using RoboClub.Board.Hardware;
using RoboClub.Board.Link;

namespace RoboClub.Firmware
{
    /// <summary>
    /// Gets the board to the hub and keeps it there: Wi-Fi (with a timeout: nanoFramework's helper has
    /// none of its own), then MQTT, each retried with a growing wait; back to the right step when either
    /// drops. It runs on its own thread (<see cref="Step"/> may block for a Wi-Fi or MQTT connect), never on
    /// the main loop, so a program keeps running whether the hub is there or not.
    /// <para>Setup mode: after Wi-Fi failed for <see cref="SetupModeAfterMs"/> the LED says so and the board
    /// keeps trying slowly. A configuration from the hub on trial that does not reach the hub within
    /// <see cref="TrialMs"/> is rolled back (then the board reboots).</para>
    /// </summary>
    public sealed class ConnectionSupervisor
    {
        public const int WifiTimeoutMs = 30000;
        public const int WifiFirstWaitMs = 5000;
        public const int WifiMaxWaitMs = 60000;
        public const int HubFirstWaitMs = 2000;
        public const int HubMaxWaitMs = 30000;
        public const int SetupModeAfterMs = 10 * 60 * 1000;
        public const int TrialMs = 5 * 60 * 1000;
        public const int SignalPeriodMs = 30000;
        /// <summary>In setup mode, how often the configuration file is looked at (the flashing tool may rewrite it).</summary>
        public const int ConfigCheckMs = 5000;

        /// <summary>How often <see cref="Step"/> wants to run while nothing is happening.</summary>
        public const int IdleStepMs = 500;

        private readonly DeviceConfig _config;
        private readonly IWifi _wifi;
        private readonly IMqttSession _mqtt;
        private readonly IClock _clock;
        private readonly HubLink _link;
        private readonly DeviceConfigStore _store;
        private readonly IFirmwareActions _actions;
        private readonly bool _onTrial;
        private readonly long _startMs;

        private long _nextAttemptMs;
        private long _wifiDownSinceMs;
        private long _nextSignalMs;
        private bool _everOnline;
        private bool _trialDecided;
        private long _nextConfigCheckMs;
        private bool _rebooting;

        public ConnectionSupervisor(DeviceConfig config, IWifi wifi, IMqttSession mqtt, IClock clock, HubLink link, DeviceConfigStore store, IFirmwareActions actions)
        {
            _config = config;
            _wifi = wifi;
            _mqtt = mqtt;
            _clock = clock;
            _link = link;
            _store = store;
            _actions = actions;
            _onTrial = store != null && store.IsOnTrial;
            _startMs = clock.Milliseconds;
            _wifiDownSinceMs = _startMs;
            Phase = LinkPhase.Wifi;
        }

        public LinkPhase Phase { get; private set; }

        /// <summary>Why the last attempt failed (bilingual), null after a success.</summary>
        public string LastProblem { get; private set; }

        public int WifiFailures { get; private set; }

        public int HubFailures { get; private set; }

        /// <summary>True after Wi-Fi has failed for <see cref="SetupModeAfterMs"/>: the LED shows setup mode.</summary>
        public bool IsInSetupMode
        {
            get { return Phase == LinkPhase.Wifi && _clock.Milliseconds - _wifiDownSinceMs >= SetupModeAfterMs; }
        }

        /// <summary>One step of the work. Returns how long to wait (ms) before the next step.</summary>
        public int Step()
        {
            long now = _clock.Milliseconds;
            if (_onTrial && !_trialDecided && !_everOnline && now - _startMs >= TrialMs)
            {
                _trialDecided = true;
                if (_store.RollBack())
                {
                    _actions.Reboot(Say.Both("the new configuration never reached the hub: back to the old one",
                        "configurația nouă nu a ajuns niciodată la hub: revin la cea veche"));
                    return WifiMaxWaitMs;
                }
            }

            if (_rebooting) return WifiMaxWaitMs;
            if (IsInSetupMode && now >= _nextConfigCheckMs && _store != null)
            {
                // Setup mode accepts a new configuration from the flashing tool (nanoff --filedeployment
                // writes I:\roboclub.json while the app runs): a different, valid file means a restart.
                _nextConfigCheckMs = now + ConfigCheckMs;
                DeviceConfig onFlash = _store.Load();
                if (onFlash != null && !onFlash.SameAs(_config))
                {
                    _rebooting = true;
                    _actions.Reboot(Say.Both("new configuration file", "fișier de configurare nou"));
                    return WifiMaxWaitMs;
                }
            }

            switch (Phase)
            {
                case LinkPhase.Wifi:
                    return StepWifi(now);
                case LinkPhase.Hub:
                    return StepHub(now);
                default:
                    return StepOnline(now);
            }
        }

        private int StepWifi(long now)
        {
            if (_wifi.IsConnected)
            {
                WifiUp(now);
                return 0;
            }

            if (now < _nextAttemptMs) return Wait(now);

            string problem = _wifi.Connect(_config.WifiSsid, _config.WifiPassword, WifiTimeoutMs);
            now = _clock.Milliseconds;
            if (problem == null)
            {
                WifiUp(now);
                return 0;
            }

            WifiFailures++;
            LastProblem = problem;
            _nextAttemptMs = now + Backoff.Delay(WifiFailures, WifiFirstWaitMs, WifiMaxWaitMs);
            return Wait(now);
        }

        private void WifiUp(long now)
        {
            WifiFailures = 0;
            LastProblem = null;
            Phase = LinkPhase.Hub;
            _nextAttemptMs = now;
            _nextSignalMs = now;
            UpdateSignal(now);
        }

        private int StepHub(long now)
        {
            if (!_wifi.IsConnected)
            {
                WifiLost(now);
                return 0;
            }

            if (now < _nextAttemptMs) return Wait(now);

            string problem = _mqtt.Connect();
            now = _clock.Milliseconds;
            if (problem == null)
            {
                HubFailures = 0;
                LastProblem = null;
                Phase = LinkPhase.Online;
                if (_onTrial && !_trialDecided) _store.Confirm();
                _trialDecided = true;
                _everOnline = true;
                return 0;
            }

            HubFailures++;
            LastProblem = problem;
            _mqtt.Close();
            _nextAttemptMs = now + Backoff.Delay(HubFailures, HubFirstWaitMs, HubMaxWaitMs);
            return Wait(now);
        }

        private int StepOnline(long now)
        {
            if (!_wifi.IsConnected)
            {
                _mqtt.Close();
                WifiLost(now);
                return 0;
            }

            if (!_mqtt.IsConnected)
            {
                _mqtt.Close();
                Phase = LinkPhase.Hub;
                _nextAttemptMs = now + HubFirstWaitMs;
                return Wait(now);
            }

            UpdateSignal(now);
            return IdleStepMs;
        }

        private void WifiLost(long now)
        {
            Phase = LinkPhase.Wifi;
            _wifiDownSinceMs = now;
            _nextAttemptMs = now;
        }

        private void UpdateSignal(long now)
        {
            if (_link == null || now < _nextSignalMs) return;
            _nextSignalMs = now + SignalPeriodMs;
            int dbm = _wifi.ReadSignalDbm();
            if (dbm != StatusPayload.NoSignal) _link.SetSignalStrength(dbm);
        }

        private int Wait(long now)
        {
            long wait = _nextAttemptMs - now;
            if (wait > IdleStepMs) return IdleStepMs;
            return wait < 0 ? 0 : (int)wait;
        }
    }
}
