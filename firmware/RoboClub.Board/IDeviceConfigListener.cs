using RoboClub.Board.Link;

namespace RoboClub.Board
{
    /// <summary>
    /// Extension point for the board's own configuration in the hub's config message. The config
    /// object is shared: top-level members belong to the runtime (e.g. "telemetryPeriod"); the member
    /// "device" (Wi-Fi, hub address, board profile) belongs to the firmware, which plugs in here
    /// (<see cref="BoardRuntime.DeviceConfigListener"/>). Virtual boards leave it unset.
    /// Called on the main loop from <see cref="BoardRuntime.OnConfig"/>, with the whole config object.
    /// </summary>
    public interface IDeviceConfigListener
    {
        void OnConfig(JsonNode config);
    }
}
