using System.Collections;

namespace RoboClub.Firmware.Profiles
{
    /// <summary>
    /// A board kit: which parts it has and which pin each wire goes to (docs/boards.md). The hardware
    /// adapters take every pin from here; nothing in the runtime knows a pin number.
    /// </summary>
    public sealed class BoardProfile
    {
        private readonly ArrayList _pins = new ArrayList();

        public BoardProfile(string name, string kind, string motorDriver, string climateSensor)
        {
            Name = name;
            Kind = kind;
            MotorDriver = motorDriver;
            ClimateSensor = climateSensor;
        }

        /// <summary>"robot-tb6612", "weather-bme280", ... (the "profile" field of roboclub.json).</summary>
        public string Name { get; private set; }

        /// <summary>"robot" or "weather" (info.kind).</summary>
        public string Kind { get; private set; }

        /// <summary>"tb6612", "l298n" or null (no motors).</summary>
        public string MotorDriver { get; private set; }

        /// <summary>"bme280", "dht22" or null (no temperature/humidity sensor).</summary>
        public string ClimateSensor { get; private set; }

        public bool IsRobot
        {
            get { return Kind == BoardProfiles.RobotKind; }
        }

        public int Count
        {
            get { return _pins.Count; }
        }

        public PinAssignment this[int index]
        {
            get { return (PinAssignment)_pins[index]; }
        }

        public BoardProfile Add(string role, int pin, PinUse use, bool optional, string part)
        {
            _pins.Add(new PinAssignment(role, pin, use, optional, part));
            return this;
        }

        /// <summary>The assignment of a role, or null when the profile has no such wire.</summary>
        public PinAssignment Find(string role)
        {
            for (int i = 0; i < _pins.Count; i++)
            {
                PinAssignment p = (PinAssignment)_pins[i];
                if (p.Role == role) return p;
            }

            return null;
        }

        /// <summary>The pin of a role; <see cref="PinAssignment.None"/> when absent or unconnected.</summary>
        public int Pin(string role)
        {
            PinAssignment p = Find(role);
            return p == null ? PinAssignment.None : p.Pin;
        }

        public bool Has(string role)
        {
            return Pin(role) != PinAssignment.None;
        }

        /// <summary>A copy whose pins can be changed (the built-in profiles stay as they are).</summary>
        public BoardProfile Copy()
        {
            BoardProfile c = new BoardProfile(Name, Kind, MotorDriver, ClimateSensor);
            for (int i = 0; i < _pins.Count; i++) c._pins.Add(((PinAssignment)_pins[i]).Copy());
            return c;
        }
    }
}
