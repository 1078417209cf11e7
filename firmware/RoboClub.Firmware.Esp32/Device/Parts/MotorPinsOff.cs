using System;
using System.Device.Gpio;
using RoboClub.Firmware.Profiles;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>
    /// The very first thing a robot does at power-up: every motor pin of its profile driven low (speed 0,
    /// both directions off, driver in standby), before Wi-Fi, MQTT or the program. ESP32 pins float at
    /// reset, and a floating driver input can start a wheel on the table.
    /// </summary>
    public static class MotorPinsOff
    {
        private static readonly string[] Roles = new string[]
        {
            PinRoles.MotorStandby, PinRoles.MotorLeftPwm, PinRoles.MotorRightPwm,
            PinRoles.MotorLeftIn1, PinRoles.MotorLeftIn2, PinRoles.MotorRightIn1, PinRoles.MotorRightIn2,
        };

        public static void Now(BoardProfile profile, GpioController gpio)
        {
            if (profile.MotorDriver == null) return;
            for (int i = 0; i < Roles.Length; i++)
            {
                int pin = profile.Pin(Roles[i]);
                if (pin == PinAssignment.None) continue;
                try
                {
                    GpioPin p = gpio.OpenPin(pin, PinMode.Output);
                    p.Write(PinValue.Low);
                    gpio.ClosePin(pin); // the motor adapter opens it again as PWM or direction pin
                }
                catch (Exception)
                {
                    // Best effort: the adapter will set it anyway.
                }
            }
        }
    }
}
