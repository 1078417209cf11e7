namespace RoboClub.Firmware.Profiles
{
    /// <summary>Names of the wires in a profile (docs/boards.md pin tables, "pins" in roboclub.json).</summary>
    public static class PinRoles
    {
        public const string MotorLeftPwm = "motorLeftPwm";
        public const string MotorLeftIn1 = "motorLeftIn1";
        public const string MotorLeftIn2 = "motorLeftIn2";
        public const string MotorRightPwm = "motorRightPwm";
        public const string MotorRightIn1 = "motorRightIn1";
        public const string MotorRightIn2 = "motorRightIn2";
        public const string MotorStandby = "motorStandby";
        public const string UltrasonicTrigger = "ultrasonicTrigger";
        public const string UltrasonicEcho = "ultrasonicEcho";
        public const string LineLeft = "lineLeft";
        public const string LineRight = "lineRight";
        public const string Servo = "servo";
        public const string Buzzer = "buzzer";
        public const string Led = "led";
        public const string Button = "button";
        public const string StatusLed = "statusLed";
        public const string I2cData = "i2cData";
        public const string I2cClock = "i2cClock";
        public const string DhtRead = "dhtRead";
        public const string DhtWrite = "dhtWrite";
        public const string Light = "light";
        public const string Rain = "rain";
        public const string Wind = "wind";
    }
}
