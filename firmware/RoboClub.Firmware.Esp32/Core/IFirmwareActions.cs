namespace RoboClub.Firmware
{
    /// <summary>What the firmware's logic asks of the board (the ESP32 app does it; tests record it).</summary>
    public interface IFirmwareActions
    {
        /// <summary>Says goodbye to the hub (status offline), then restarts the board.</summary>
        void Reboot(string reason);

        /// <summary>Tells the hub and the serial log about a problem the board handled (error topic, script -1).</summary>
        void ReportProblem(string code, string message);
    }
}
