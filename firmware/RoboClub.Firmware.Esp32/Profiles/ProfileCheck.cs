using System.Collections;

namespace RoboClub.Firmware.Profiles
{
    /// <summary>
    /// Refuses wiring that cannot work, before a pin is opened: a pin used twice, an input-only pin
    /// (34-39) used as an output, an analog sensor on ADC2 or on a pin without ADC, a flash or serial
    /// pin, a missing required wire. Each problem is one bilingual sentence a librarian can act on.
    /// </summary>
    public static class ProfileCheck
    {
        /// <summary>Every problem found (empty when the wiring is possible).</summary>
        public static string[] Problems(BoardProfile profile)
        {
            ArrayList problems = new ArrayList();
            for (int i = 0; i < profile.Count; i++)
            {
                PinAssignment a = profile[i];
                int pin = a.Pin;
                string pinText = pin.ToString();
                if (pin == PinAssignment.None)
                {
                    if (!a.Optional)
                    {
                        problems.Add(Say.Both(
                            "\"" + a.Role + "\" (" + a.Part + ") needs a pin",
                            "\"" + a.Role + "\" (" + a.Part + ") are nevoie de un pin"));
                    }

                    continue;
                }

                if (Esp32Pins.IsUnusable(pin))
                {
                    problems.Add(Say.Both(
                        "pin " + pinText + " (" + a.Role + ") cannot be used: it does not exist or it is wired to the flash memory",
                        "pinul " + pinText + " (" + a.Role + ") nu poate fi folosit: nu există sau este legat la memoria flash"));
                    continue;
                }

                if (Esp32Pins.IsSerialConsole(pin))
                {
                    problems.Add(Say.Both(
                        "pin " + pinText + " (" + a.Role + ") is the USB serial port the board talks to the PC on",
                        "pinul " + pinText + " (" + a.Role + ") este portul serial USB prin care placa vorbește cu calculatorul"));
                    continue;
                }

                bool drives = a.Use == PinUse.Output || a.Use == PinUse.Pwm || a.Use == PinUse.I2c;
                if (drives && Esp32Pins.IsInputOnly(pin))
                {
                    problems.Add(Say.Both(
                        "pin " + pinText + " can only read, but " + a.Role + " (" + a.Part + ") must send a signal: use a pin below 34",
                        "pinul " + pinText + " poate doar să citească, dar " + a.Role + " (" + a.Part + ") trebuie să trimită un semnal: folosește un pin sub 34"));
                }

                if (a.Use == PinUse.InputPullUp && Esp32Pins.IsInputOnly(pin))
                {
                    problems.Add(Say.Both(
                        "pin " + pinText + " has no pull-up resistor, which " + a.Role + " (" + a.Part + ") needs: use a pin below 34",
                        "pinul " + pinText + " nu are rezistență de pull-up, de care " + a.Role + " (" + a.Part + ") are nevoie: folosește un pin sub 34"));
                }

                if (a.Use == PinUse.Analog)
                {
                    if (Esp32Pins.IsAdc2(pin))
                    {
                        problems.Add(Say.Both(
                            "pin " + pinText + " is on ADC2, which does not work while Wi-Fi is on: wire " + a.Role + " to pin 32, 33, 34, 35, 36 or 39",
                            "pinul " + pinText + " este pe ADC2, care nu merge cât timp Wi-Fi-ul e pornit: leagă " + a.Role + " la pinul 32, 33, 34, 35, 36 sau 39"));
                    }
                    else if (Esp32Pins.Adc1Channel(pin) < 0)
                    {
                        problems.Add(Say.Both(
                            "pin " + pinText + " cannot measure a voltage: wire " + a.Role + " to pin 32, 33, 34, 35, 36 or 39",
                            "pinul " + pinText + " nu poate măsura o tensiune: leagă " + a.Role + " la pinul 32, 33, 34, 35, 36 sau 39"));
                    }
                }

                for (int j = 0; j < i; j++)
                {
                    PinAssignment other = profile[j];
                    if (other.Pin == pin)
                    {
                        problems.Add(Say.Both(
                            "pin " + pinText + " is used twice: " + other.Role + " and " + a.Role,
                            "pinul " + pinText + " este folosit de două ori: " + other.Role + " și " + a.Role));
                        break;
                    }
                }
            }

            string[] result = new string[problems.Count];
            problems.CopyTo(result);
            return result;
        }
    }
}
