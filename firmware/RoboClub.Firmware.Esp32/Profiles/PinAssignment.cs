namespace RoboClub.Firmware.Profiles
{
    /// <summary>One line of a board profile's pin table: which pin a part's wire goes to.</summary>
    public sealed class PinAssignment
    {
        /// <summary>No pin: an optional wire left unconnected (e.g. the standby pin of an L298N).</summary>
        public const int None = -1;

        public PinAssignment(string role, int pin, PinUse use, bool optional, string part)
        {
            Role = role;
            Pin = pin;
            Use = use;
            Optional = optional;
            Part = part;
        }

        /// <summary>The name used in docs/boards.md and in the "pins" member of roboclub.json, e.g. "motorLeftPwm".</summary>
        public string Role { get; private set; }

        public int Pin { get; set; }

        public PinUse Use { get; private set; }

        /// <summary>True when the part works without this wire (<see cref="None"/> allowed).</summary>
        public bool Optional { get; private set; }

        /// <summary>The part and its pin label, for messages ("TB6612FNG PWMA").</summary>
        public string Part { get; private set; }

        public PinAssignment Copy()
        {
            return new PinAssignment(Role, Pin, Use, Optional, Part);
        }
    }
}
