namespace RoboClub.Firmware.Profiles
{
    /// <summary>What a pin does for its part; decides which pins may carry it.</summary>
    public enum PinUse
    {
        /// <summary>A digital output (LED, motor direction, driver standby).</summary>
        Output = 0,
        /// <summary>A digital input with the board's own pull-up resistor (a button to ground).</summary>
        InputPullUp = 1,
        /// <summary>A digital input driven by the part itself (line sensor, echo).</summary>
        Input = 2,
        /// <summary>A PWM output (motor speed, servo, buzzer).</summary>
        Pwm = 3,
        /// <summary>An analog input: must be an ADC1 pin (ADC2 stops working while Wi-Fi is on).</summary>
        Analog = 4,
        /// <summary>I2C data or clock: an open-drain output, so not an input-only pin.</summary>
        I2c = 5,
        /// <summary>A pulse counter input (rain gauge, anemometer).</summary>
        Pulses = 6,
    }
}
