using System;
using System.Threading;
using nanoFramework.Runtime.Native;
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
            Console.WriteLine("RoboClub firmware " + BoardApp.FirmwareVersion);
            SystemClock clock = new SystemClock();
            FlashFiles files = new FlashFiles();
            DeviceConfigStore configs = new DeviceConfigStore(files);
            DeviceConfig config = configs.Load();
            if (config == null)
            {
                SetupMode(configs, clock);
                return;
            }

            BoardProfile profile = config.ResolveProfile();
            Esp32Board board = new Esp32Board(profile, clock); // drives the motor pins low first
            M2MqttTransport mqtt = new M2MqttTransport(config);
            BoardApp app = new BoardApp(config, profile, board.Hardware, board.Problems, files, clock, mqtt,
                new SystemTime(), (long)nanoFramework.Runtime.Native.GC.Run(false));
            mqtt.Attach(app.Link, app.Messages);
            FirmwareActions actions = new FirmwareActions(app.Link, mqtt, app.Runtime, clock);
            app.Start(actions);

            _supervisor = new ConnectionSupervisor(config, new Esp32Wifi(), mqtt, clock, app.Link, app.Configs, actions);
            new Thread(SuperviseForever).Start();

            LinkPhase shown = LinkPhase.NoConfig;
            while (true)
            {
                long now = clock.Milliseconds;
                app.Turn(now, mqtt);
                LinkPhase phase = _supervisor.Phase;
                if (board.StatusLed != null) board.StatusLed.Set(StatusLight.IsOn(phase, _supervisor.IsInSetupMode, app.SafeMode, now));
                if (phase != shown)
                {
                    shown = phase;
                    string why = _supervisor.LastProblem;
                    Console.WriteLine("RoboClub: " + PhaseName(phase) + (why == null ? "" : " (" + why + ")"));
                }

                // Tick is bounded (SliceBudget instructions per script); this sleep and nanoCLR's 20 ms
                // thread quantum keep M2Mqtt's and the supervisor's threads running beside a busy program.
                Thread.Sleep(app.Runtime.IsRunning ? 1 : 10);
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
