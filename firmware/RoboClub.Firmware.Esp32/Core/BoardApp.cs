using RoboClub.Board;
using RoboClub.Board.Hardware;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Firmware.Profiles;

namespace RoboClub.Firmware
{
    /// <summary>
    /// The board once it has a configuration and its parts: the runtime with its program store, the hub
    /// link over a transport, the device-config hook, safe mode, the telemetry spool and the boot guard.
    /// <see cref="Start"/> runs the stored program at once (hub or not); <see cref="Turn"/> is one turn of
    /// the main loop. The ESP32's Program and the tests build the same thing, with real or fake parts.
    /// </summary>
    public sealed class BoardApp
    {
        public const string FirmwareVersion = "0.1.0";

        /// <summary>Samples kept in RAM while the hub is away (17 bytes each); more go to flash.</summary>
        public const int TelemetryInRam = 300;

        private readonly IClock _clock;
        private readonly BootGuard _guard;
        private readonly FlashProgramStore _programs;
        private readonly TelemetrySpool _spool;
        private readonly DeviceConfigStore _configs;
        private readonly DeviceConfig _config;
        private readonly string _partProblems;

        public BoardApp(DeviceConfig config, BoardProfile profile, BoardHardware hardware, string partProblems,
            IFlashFiles files, IClock clock, IHubTransport transport, ISystemTime systemTime, long freeMemory)
        {
            _clock = clock;
            _config = config;
            _partProblems = partProblems;
            _configs = new DeviceConfigStore(files);
            _guard = new BootGuard(files);
            _guard.OnBoot();
            _programs = new FlashProgramStore(files, _guard.SafeMode);
            Runtime = new BoardRuntime(hardware, _programs, (int)(clock.Milliseconds & 0x7FFFFFFF));

            InfoPayload info = new InfoPayload(FirmwareVersion, ImageFormat.Version,
                profile.IsRobot ? BoardKind.Robot : BoardKind.Weather, profile.Name, Runtime.Primitives.Names, freeMemory);
            HubLinkOptions options = new HubLinkOptions(config.Club, config.Board, info);
            options.TelemetryCapacity = TelemetryInRam;
            Link = new HubLink(transport, Runtime, clock, options);
            Runtime.AttachLink(Link);
            Wall = new WallClock(systemTime);
            Messages = new HubMessageRouter(Link, Wall, config.Club);
            _spool = new TelemetrySpool(files, Link.Telemetry, Wall, _guard.BootNumber);
        }

        public BoardRuntime Runtime { get; private set; }

        public HubLink Link { get; private set; }

        public WallClock Wall { get; private set; }

        /// <summary>What the transport hands incoming messages and link changes to.</summary>
        public HubMessageRouter Messages { get; private set; }

        public DeviceConfigStore Configs
        {
            get { return _configs; }
        }

        public bool SafeMode
        {
            get { return _guard.SafeMode; }
        }

        public int BootNumber
        {
            get { return _guard.BootNumber; }
        }

        public TelemetrySpool Spool
        {
            get { return _spool; }
        }

        /// <summary>Hooks the device configuration, reports what went wrong at power-up, and starts the stored
        /// program (unless in safe mode). Motors were already stopped when the parts were made.</summary>
        public void Start(IFirmwareActions actions)
        {
            Runtime.DeviceConfigListener = new DeviceConfigUpdate(_configs, _config, actions);
            if (_partProblems != null && _partProblems.Length > 0) actions.ReportProblem("HardwareFault", _partProblems);
            if (_guard.SafeMode)
            {
                // The hub's retained copy of the same program must not start it again either.
                Link.ProgramHash = ProgramPayload.Hash(_programs.Stored());
                actions.ReportProblem("SafeMode", Say.Both(
                    "safe mode: the board restarted " + BootGuard.SafeModeAfter.ToString() + " times, so the stored program was not started; send a changed program",
                    "mod sigur: placa a repornit de " + BootGuard.SafeModeAfter.ToString() + " ori, așa că programul salvat nu a pornit; trimite un program schimbat"));
            }

            Runtime.Boot(_clock.Milliseconds);
        }

        /// <summary>One turn of the main loop: the program and the link, telemetry to or from flash, the boot guard.</summary>
        public void Turn(long nowMs, ITelemetrySender sender)
        {
            Runtime.Tick(nowMs);
            _spool.Tick(nowMs, Link.IsAnnounced, sender);
            _guard.OnRunning(nowMs);
        }
    }
}
