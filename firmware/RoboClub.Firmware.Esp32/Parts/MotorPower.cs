namespace RoboClub.Firmware.Parts
{
    /// <summary>The runtime's motor power (-100..100 %) as a DCMotor speed (-1..1), with the robot's
    /// wiring quirks: a motor mounted the other way round is reversed in the profile, not in the program.</summary>
    public static class MotorPower
    {
        public static double ToSpeed(int percent, bool reversed)
        {
            if (percent > 100) percent = 100;
            if (percent < -100) percent = -100;
            double speed = percent / 100.0;
            return reversed ? -speed : speed;
        }
    }
}
