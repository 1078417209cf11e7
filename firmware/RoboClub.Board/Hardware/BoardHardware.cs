namespace RoboClub.Board.Hardware
{
    /// <summary>
    /// The parts a board has. A part that is null is absent: primitives that need it answer
    /// "this board has no ..." instead of failing. The ESP32 firmware fills this from its board
    /// profile (real pins); the virtual board fills it with simulated parts.
    /// </summary>
    public sealed class BoardHardware
    {
        public IClock Clock;
        public IMotors Motors;
        public IDistanceSensor Distance;
        public ILineSensors Line;
        public IBumper Bumper;
        public IButton Button;
        public ILed Led;
        public IBuzzer Buzzer;
        public IServo Servo;
        public ITemperatureSensor Temperature;
        public IHumiditySensor Humidity;
        public IPressureSensor Pressure;
        public ILightSensor Light;
        public IWindSensor Wind;
        public IRainGauge Rain;
    }
}
