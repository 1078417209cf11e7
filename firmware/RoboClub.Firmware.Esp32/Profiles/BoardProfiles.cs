namespace RoboClub.Firmware.Profiles
{
    /// <summary>
    /// The kits the club builds (docs/boards.md has the wiring diagrams). Pins are chosen so that:
    /// no strapping pin a part could pull the wrong way at power-up (GPIO 12 is never used), analog
    /// inputs on ADC1, inputs that need no pull-up on the input-only pins 34-39, and GPIO 2 (the
    /// DevKit's blue LED) as the status light.
    /// </summary>
    public static class BoardProfiles
    {
        public const string RobotKind = "robot";
        public const string WeatherKind = "weather";

        public const string RobotTb6612 = "robot-tb6612";
        public const string RobotL298n = "robot-l298n";
        public const string WeatherBme280 = "weather-bme280";
        public const string WeatherDht22 = "weather-dht22";

        public static readonly string[] Names = new string[] { RobotTb6612, RobotL298n, WeatherBme280, WeatherDht22 };

        /// <summary>A fresh copy of a built-in profile, or null for an unknown name.</summary>
        public static BoardProfile Find(string name)
        {
            switch (name)
            {
                case RobotTb6612: return Robot(RobotTb6612, "tb6612", "TB6612FNG");
                case RobotL298n: return Robot(RobotL298n, "l298n", "L298N");
                case WeatherBme280: return Weather(WeatherBme280, "bme280");
                case WeatherDht22: return Weather(WeatherDht22, "dht22");
                default: return null;
            }
        }

        private static BoardProfile Robot(string name, string driver, string chip)
        {
            bool tb = driver == "tb6612";
            BoardProfile p = new BoardProfile(name, RobotKind, driver, null);
            p.Add(PinRoles.MotorLeftPwm, 25, PinUse.Pwm, false, chip + (tb ? " PWMA" : " ENA"))
             .Add(PinRoles.MotorLeftIn1, 26, PinUse.Output, false, chip + (tb ? " AIN1" : " IN1"))
             .Add(PinRoles.MotorLeftIn2, 27, PinUse.Output, false, chip + (tb ? " AIN2" : " IN2"))
             .Add(PinRoles.MotorRightPwm, 14, PinUse.Pwm, false, chip + (tb ? " PWMB" : " ENB"))
             .Add(PinRoles.MotorRightIn1, 13, PinUse.Output, false, chip + (tb ? " BIN1" : " IN3"))
             .Add(PinRoles.MotorRightIn2, 4, PinUse.Output, false, chip + (tb ? " BIN2" : " IN4"))
             .Add(PinRoles.MotorStandby, tb ? 33 : PinAssignment.None, PinUse.Output, true, chip + " STBY")
             .Add(PinRoles.UltrasonicTrigger, 5, PinUse.Output, false, "HC-SR04 Trig")
             .Add(PinRoles.UltrasonicEcho, 18, PinUse.Input, false, "HC-SR04 Echo")
             .Add(PinRoles.LineLeft, 34, PinUse.Input, false, "line sensor left OUT")
             .Add(PinRoles.LineRight, 35, PinUse.Input, false, "line sensor right OUT")
             .Add(PinRoles.Servo, 19, PinUse.Pwm, true, "servo signal")
             .Add(PinRoles.Buzzer, 23, PinUse.Pwm, true, "buzzer +")
             .Add(PinRoles.Led, 22, PinUse.Output, true, "LED")
             .Add(PinRoles.Button, 32, PinUse.InputPullUp, true, "button")
             .Add(PinRoles.StatusLed, Esp32Pins.DevKitLed, PinUse.Output, true, "status LED (on the board)");
            return p;
        }

        private static BoardProfile Weather(string name, string sensor)
        {
            BoardProfile p = new BoardProfile(name, WeatherKind, null, sensor);
            if (sensor == "bme280")
            {
                p.Add(PinRoles.I2cData, 21, PinUse.I2c, false, "BME280 SDA")
                 .Add(PinRoles.I2cClock, 22, PinUse.I2c, false, "BME280 SCL");
            }
            else
            {
                // The nanoFramework DHT binding reads through the RMT peripheral on one pin and starts a
                // reading on another: both go to the DHT22's data wire.
                p.Add(PinRoles.DhtRead, 4, PinUse.Input, false, "DHT22 DATA (read)")
                 .Add(PinRoles.DhtWrite, 15, PinUse.Output, false, "DHT22 DATA (start)");
            }

            p.Add(PinRoles.Light, 36, PinUse.Analog, true, "light sensor (photoresistor) A")
             .Add(PinRoles.Rain, 18, PinUse.Pulses, true, "rain gauge reed switch")
             .Add(PinRoles.Wind, 19, PinUse.Pulses, true, "anemometer reed switch")
             .Add(PinRoles.Led, 23, PinUse.Output, true, "LED")
             .Add(PinRoles.StatusLed, Esp32Pins.DevKitLed, PinUse.Output, true, "status LED (on the board)");
            return p;
        }
    }
}
