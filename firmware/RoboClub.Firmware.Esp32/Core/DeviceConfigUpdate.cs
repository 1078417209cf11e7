using System;
using RoboClub.Board;
using RoboClub.Board.Link;

namespace RoboClub.Firmware
{
    /// <summary>
    /// The member "device" of the hub's (retained) config message: a new board configuration sent over
    /// MQTT. Plugged into <see cref="BoardRuntime.DeviceConfigListener"/>. The message comes back on every
    /// connect, so the board is rewritten and rebooted only when the configuration really differs from
    /// the stored one; an invalid one is refused with a clear error and the old file stays.
    /// </summary>
    public sealed class DeviceConfigUpdate : IDeviceConfigListener
    {
        public const string ErrorCode = "BadConfig";
        public const string DeviceMember = "device";

        private readonly DeviceConfigStore _store;
        private readonly DeviceConfig _current;
        private readonly IFirmwareActions _actions;
        private bool _rebooting;

        public DeviceConfigUpdate(DeviceConfigStore store, DeviceConfig current, IFirmwareActions actions)
        {
            _store = store;
            _current = current;
            _actions = actions;
        }

        public void OnConfig(JsonNode config)
        {
            JsonNode device = config == null ? null : config.Get(DeviceMember);
            if (device == null || _rebooting) return;

            DeviceConfig next;
            try
            {
                next = DeviceConfig.FromJson(device);
            }
            catch (ConfigException e)
            {
                _actions.ReportProblem(ErrorCode, Say.Both("device config refused", "configurație refuzată") + ": " + e.Message);
                return;
            }

            if (next.SameAs(_current)) return;

            if (next.SameAs(_store.Refused()))
            {
                _actions.ReportProblem(ErrorCode, Say.Both(
                    "device config refused: the board could not reach the hub with it before, so it kept the old one",
                    "configurație refuzată: placa nu a putut ajunge la hub cu ea data trecută, așa că a păstrat-o pe cea veche"));
                return;
            }

            try
            {
                _store.Replace(next);
            }
            catch (Exception e)
            {
                _actions.ReportProblem(ErrorCode, Say.Both("device config not saved, the old one stays", "configurația nu a fost salvată, rămâne cea veche") + ": " + e.Message);
                return;
            }

            _rebooting = true;
            _actions.Reboot(Say.Both("new device configuration from the hub", "configurație nouă de la hub"));
        }
    }
}
