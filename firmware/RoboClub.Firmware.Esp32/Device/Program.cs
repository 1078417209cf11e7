using System;
using System.Threading;
using nanoFramework.Runtime.Native;
using RoboClub.Board;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Firmware.Profiles;

namespace RoboClub.Firmware.Device
{
    /// <summary>
    /// The ESP32 app. Boot: configuration, motors off, parts, the stored program (running at once, hub or
    /// not), then the connection supervisor on its own thread and the main loop here. Setup mode when there
    /// is no usable configuration; safe mode after repeated crashes at boot. Any unexpected exception ends
    /// in a reboot (nanoFramework would otherwise leave the board sitting idle).
    /// </summary>
    public static class Program
    {
        public const string FirmwareVersion = "0.1.0";

        /// <summary>Samples kept in RAM while the hub is away (17 bytes each); more go to flash.</summary>
        public const int TelemetryInRam = 300;

        private static ConnectionSupervisor _supervisor;

        public static void Main()
        {
            try
            {
                Run();
            }
            catch (Exception e)
            {
                Console.WriteLine("RoboClub: fatal: " + e.Message);
                Thread.Sleep(2000);
                Power.RebootDevice();
            }
        }

        private static void Run()
        {
            Console.WriteLine("RoboClub firmware " + FirmwareVersion);
            SystemClock clock = new SystemClock();
            FlashFiles files = new FlashFiles();
            DeviceConfigStore configs = new DeviceConfigStore(files);
            DeviceConfig config = configs.Load();
            if (config == null)
            {
                SetupMode(configs, clock);
                return;
            }

            BootGuard guard = new BootGuard(files);
            guard.OnBoot();

            BoardProfile profile = config.ResolveProfile();
            Esp32Board board = new Esp32Board(profile, clock); // drives the motor pins low first
            FlashProgramStore programs = new FlashProgramStore(files, guard.SafeMode);
            BoardRuntime runtime = new BoardRuntime(board.Hardware, programs, (int)(clock.Milliseconds & 0x7FFFFFFF));

            InfoPayload info = new InfoPayload(FirmwareVersion, ImageFormat.Version,
                profile.IsRobot ? BoardKind.Robot : BoardKind.Weather, profile.Name, runtime.Primitives.Names, (long)nanoFramework.Runtime.Native.GC.Run(false));
            HubLinkOptions options = new HubLinkOptions(config.Club, config.Board, info);
            options.TelemetryCapacity = TelemetryInRam;
            WallClock wall = new WallClock(new SystemTime());
            M2MqttTransport mqtt = new M2MqttTransport(config, wall);
            HubLink link = new HubLink(mqtt, runtime, clock, options);
            mqtt.Link = link;
            runtime.AttachLink(link);

            FirmwareActions actions = new FirmwareActions(link, mqtt, runtime, clock);
            runtime.DeviceConfigListener = new DeviceConfigUpdate(configs, config, actions);
            if (board.Problems.Length > 0) actions.ReportProblem("HardwareFault", board.Problems);
            if (guard.SafeMode)
            {
                // The hub's retained copy of the same program must not start it again either.
                link.ProgramHash = ProgramPayload.Hash(programs.Stored());
                actions.ReportProblem("SafeMode", Say.Both(
                    "safe mode: the board restarted " + BootGuard.SafeModeAfter.ToString() + " times, so the stored program was not started; send a changed program",
                    "mod sigur: placa a repornit de " + BootGuard.SafeModeAfter.ToString() + " ori, așa că programul salvat nu a pornit; trimite un program schimbat"));
            }

            runtime.Boot(clock.Milliseconds);

            _supervisor = new ConnectionSupervisor(config, new Esp32Wifi(), mqtt, clock, link, configs, actions);
            new Thread(SuperviseForever).Start();

            TelemetrySpool spool = new TelemetrySpool(files, link.Telemetry, wall, guard.BootNumber);
            LinkPhase shown = LinkPhase.NoConfig;
            while (true)
            {
                long now = clock.Milliseconds;
                runtime.Tick(now);
                spool.Tick(now, link.IsAnnounced, mqtt);
                guard.OnRunning(now);
                LinkPhase phase = _supervisor.Phase;
                if (board.StatusLed != null) board.StatusLed.Set(StatusLight.IsOn(phase, _supervisor.IsInSetupMode, guard.SafeMode, now));
                if (phase != shown)
                {
                    shown = phase;
                    string why = _supervisor.LastProblem;
                    Console.WriteLine("RoboClub: " + PhaseName(phase) + (why == null ? "" : " (" + why + ")"));
                }

                // Tick is bounded (SliceBudget instructions per script); this sleep and nanoCLR's 20 ms
                // thread quantum keep M2Mqtt's and the supervisor's threads running beside a busy program.
                Thread.Sleep(runtime.IsRunning ? 1 : 10);
            }
        }

        private static void SuperviseForever()
        {
            while (true)
            {
                int wait;
                try
                {
                    wait = _supervisor.Step();
                }
                catch (Exception e)
                {
                    Console.WriteLine("RoboClub: supervisor: " + e.Message);
                    wait = 1000;
                }

                Thread.Sleep(wait > 0 ? wait : 1);
            }
        }

        /// <summary>No usable roboclub.json: blink "setup", say why in the log, and wait for the
        /// flashing tool to write one (nanoff --filedeployment works while the app runs); then reboot.</summary>
        private static void SetupMode(DeviceConfigStore configs, SystemClock clock)
        {
            Parts.GpioLed led = null;
            try
            {
                led = new Parts.GpioLed(new System.Device.Gpio.GpioController(), Esp32Pins.DevKitLed);
            }
            catch (Exception)
            {
                // No LED: the log still says it.
            }

            long nextLog = 0;
            long nextCheck = 0;
            while (true)
            {
                long now = clock.Milliseconds;
                if (led != null) led.Set(StatusLight.IsOn(LinkPhase.NoConfig, true, false, now));
                if (now >= nextLog)
                {
                    Console.WriteLine("RoboClub: setup mode / mod configurare: " + configs.Problem);
                    nextLog = now + 10000;
                }

                if (now >= nextCheck)
                {
                    nextCheck = now + 2000;
                    if (configs.Load() != null)
                    {
                        Console.WriteLine("RoboClub: configuration found, restarting / configurație găsită, repornesc");
                        Thread.Sleep(500);
                        Power.RebootDevice();
                    }
                }

                Thread.Sleep(50);
            }
        }

        private static string PhaseName(LinkPhase phase)
        {
            switch (phase)
            {
                case LinkPhase.Wifi: return "looking for Wi-Fi / caut Wi-Fi";
                case LinkPhase.Hub: return "looking for the hub / caut hubul";
                case LinkPhase.Online: return "connected to the hub / conectat la hub";
                default: return "setup mode / mod configurare";
            }
        }
    }
}
