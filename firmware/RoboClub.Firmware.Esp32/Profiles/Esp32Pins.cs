namespace RoboClub.Firmware.Profiles
{
    /// <summary>
    /// What the pins of a plain ESP32 (ESP32-WROOM-32 DevKit) can do. The profile check uses these facts
    /// to refuse wiring that cannot work before any pin is opened.
    /// </summary>
    public static class Esp32Pins
    {
        /// <summary>The blue LED on an ESP32 DevKit: the status light, even before there is a profile (setup mode).</summary>
        public const int DevKitLed = 2;

        public const int Lowest = 0;
        public const int Highest = 39;

        /// <summary>GPIO 34-39 have no output driver and no pull-up: inputs only.</summary>
        public static bool IsInputOnly(int pin)
        {
            return pin >= 34 && pin <= 39;
        }

        /// <summary>Pins that do not exist on the chip (20, 24, 28-31) or are wired to the flash (6-11).</summary>
        public static bool IsUnusable(int pin)
        {
            if (pin < Lowest || pin > Highest) return true;
            if (pin >= 6 && pin <= 11) return true;
            return pin == 20 || pin == 24 || (pin >= 28 && pin <= 31);
        }

        /// <summary>GPIO 1 and 3 are the USB serial port nanoFramework talks to the PC on.</summary>
        public static bool IsSerialConsole(int pin)
        {
            return pin == 1 || pin == 3;
        }

        /// <summary>The ADC1 channel of a pin (nanoFramework's AdcController channel number), or -1.
        /// Channels 0-7 are GPIO 36, 37, 38, 39, 32, 33, 34, 35.</summary>
        public static int Adc1Channel(int pin)
        {
            switch (pin)
            {
                case 36: return 0;
                case 37: return 1;
                case 38: return 2;
                case 39: return 3;
                case 32: return 4;
                case 33: return 5;
                case 34: return 6;
                case 35: return 7;
                default: return -1;
            }
        }

        /// <summary>ADC2 pins (GPIO 4, 0, 2, 15, 13, 12, 14, 27, 25, 26): the Wi-Fi radio uses ADC2, so analog
        /// reads on them fail while Wi-Fi is on. Fine as digital pins.</summary>
        public static bool IsAdc2(int pin)
        {
            switch (pin)
            {
                case 0:
                case 2:
                case 4:
                case 12:
                case 13:
                case 14:
                case 15:
                case 25:
                case 26:
                case 27:
                    return true;
                default:
                    return false;
            }
        }
    }
}
