using System;
using System.Threading;
using nanoFramework.Runtime.Native;
using RoboClub.Board;
using RoboClub.Board.Hardware;
using RoboClub.Board.Link;

namespace RoboClub.Firmware.Device
{
    /// <summary>Reboots (motors off, goodbye to the hub first) and reports problems (serial log + error topic).</summary>
    public sealed class FirmwareActions : IFirmwareActions
    {
        private readonly HubLink _link;
        private readonly M2MqttTransport _mqtt;
        private readonly BoardRuntime _runtime;
        private readonly IClock _clock;

        public FirmwareActions(HubLink link, M2MqttTransport mqtt, BoardRuntime runtime, IClock clock)
        {
            _link = link;
            _mqtt = mqtt;
            _runtime = runtime;
            _clock = clock;
        }

        public void Reboot(string reason)
        {
            Console.WriteLine("RoboClub: reboot: " + reason);
            try
            {
                _runtime.StopOutputs();
                _mqtt.SayGoodbye();
            }
            catch (Exception)
            {
                // Rebooting anyway.
            }

            Thread.Sleep(200);
            Power.RebootDevice();
        }

        public void ReportProblem(string code, string message)
        {
            Console.WriteLine("RoboClub: " + code + ": " + message);
            _link.PublishError(new ErrorPayload(_clock.Milliseconds, -1, -1, code, message));
        }
    }
}
