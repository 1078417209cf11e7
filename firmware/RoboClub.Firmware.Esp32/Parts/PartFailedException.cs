using System;

namespace RoboClub.Firmware.Parts
{
    /// <summary>
    /// A part that does not answer. Thrown from a part's read; the interpreter turns any exception of a
    /// primitive into the script's runtime error HardwareFailed ("'weather.temperature' failed: ..."),
    /// which the editor shows next to the block: the board never crashes on a loose wire. The message
    /// names the pins to check, in English and Romanian, short enough for the 200-character error.
    /// </summary>
    public class PartFailedException : Exception
    {
        public PartFailedException(string message)
            : base(message)
        {
        }

        /// <summary>"temperature sensor not answering: check the wires on pins 21, 22 / ...".</summary>
        public static PartFailedException NotAnswering(string partEnglish, string partRomanian, int[] pins)
        {
            string list = string.Empty;
            for (int i = 0; i < pins.Length; i++)
            {
                if (pins[i] < 0) continue;
                list += (list.Length == 0 ? "" : ", ") + pins[i].ToString();
            }

            bool one = list.IndexOf(',') < 0;
            return new PartFailedException(Say.Both(
                partEnglish + " not answering: check the wires on pin" + (one ? " " : "s ") + list,
                partRomanian + " nu răspunde: verifică firele de la pin" + (one ? "ul " : "ii ") + list));
        }
    }
}
