namespace RoboClub.Board.Hardware
{
    /// <summary>Two DC motors (differential drive). Power is a percentage, -100 (full reverse) to 100.</summary>
    public interface IMotors
    {
        void SetPower(int leftPercent, int rightPercent);
    }

    /// <summary>Ultrasonic distance (HC-SR04: about 2 to 400 cm). Returns -1 when there is no echo.</summary>
    public interface IDistanceSensor
    {
        float ReadCentimeters();
    }

    /// <summary>Two digital line sensors under the robot: true when that sensor sees the (dark) line.</summary>
    public interface ILineSensors
    {
        bool LeftOnLine { get; }
        bool RightOnLine { get; }
    }

    public interface IBumper
    {
        bool Pressed { get; }
    }

    public interface IButton
    {
        bool Pressed { get; }
    }

    /// <summary>An RGB LED; each channel 0..255.</summary>
    public interface ILed
    {
        void SetColor(int red, int green, int blue);
    }

    public interface IBuzzer
    {
        /// <summary>Starts a tone; it stops by itself after the duration (0: until <see cref="Stop"/>).</summary>
        void Tone(int frequencyHz, int durationMs);
        void Stop();
    }

    /// <summary>A hobby servo, 0..180 degrees.</summary>
    public interface IServo
    {
        void SetAngle(int degrees);
    }
}
