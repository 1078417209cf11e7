using Iot.Device.Hcsr04.Esp32;
using RoboClub.Board.Hardware;
using UnitsNet;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>An HC-SR04 (2-400 cm). No echo (nothing in front, or a loose wire) reads -1, as the runtime
    /// expects; a program treats that as "far".</summary>
    public sealed class UltrasonicDistance : IDistanceSensor
    {
        private readonly Hcsr04 _sensor;

        public UltrasonicDistance(int triggerPin, int echoPin)
        {
            _sensor = new Hcsr04(triggerPin, echoPin);
        }

        public float ReadCentimeters()
        {
            Length distance;
            if (!_sensor.TryGetDistance(out distance)) return -1;
            double cm = distance.Centimeters;
            return cm < 0 || cm > 400 ? -1 : (float)cm;
        }
    }
}
