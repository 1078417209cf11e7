namespace RoboClub.VirtualBoard.Simulation;

/// <summary>
/// The simulated robot's physical parameters. Defaults describe a typical club robot: a round-ish
/// two-wheel chassis with TT gear motors, an HC-SR04 ultrasonic at the front, two IR line sensors.
/// </summary>
public sealed record RobotConfig
{
    /// <summary>Distance between the wheels, cm.</summary>
    public double WheelBaseCm { get; init; } = 12;

    /// <summary>Wheel speed at 100 % power, cm/s (TT motor ~200 rpm on a 65 mm wheel, loaded, is about 30 cm/s).</summary>
    public double MaxSpeedCmPerSecond { get; init; } = 30;

    /// <summary>How fast a wheel's speed may change, cm/s² (100: standstill to full speed in 0.3 s).</summary>
    public double AccelerationCmPerSecondSquared { get; init; } = 100;

    /// <summary>Below or at this power (%) a motor does not turn (TT motors stall at low PWM).
    /// Above it, speed grows linearly from 0 to full speed at 100 %.</summary>
    public int DeadZonePercent { get; init; } = 10;

    /// <summary>The robot's footprint is a circle of this radius round the axle centre, cm (used for collisions).</summary>
    public double BodyRadiusCm { get; init; } = 8;

    /// <summary>Where the ultrasonic sensor sits, cm ahead of the axle centre (inside the body).</summary>
    public double DistanceSensorForwardCm { get; init; } = 7;

    /// <summary>Standard deviation of the ultrasonic's Gaussian noise, cm.</summary>
    public double DistanceNoiseCm { get; init; } = 0.5;

    /// <summary>The ultrasonic's beam: a cone this wide (HC-SR04 datasheet: 15°), approximated by <see cref="DistanceConeRays"/> rays; the nearest echo wins.</summary>
    public double DistanceConeDegrees { get; init; } = 15;

    public int DistanceConeRays { get; init; } = 5;

    /// <summary>Nearest and farthest the ultrasonic measures, cm (HC-SR04: 2..400). Closer reads the minimum; farther reads -1.</summary>
    public double DistanceMinCm { get; init; } = 2;

    public double DistanceMaxCm { get; init; } = 400;

    /// <summary>A surface struck further than this from head-on (degrees from its normal) reflects the sound
    /// away and gives no echo, as real ultrasonic sensors miss walls seen at a grazing angle.</summary>
    public double MaxEchoIncidenceDegrees { get; init; } = 70;

    /// <summary>When true the ultrasonic is mounted on the servo (90° = straight ahead, 0° = right, 180° = left),
    /// as on the classic "look left, look right" robots.</summary>
    public bool DistanceSensorOnServo { get; init; }

    /// <summary>The line sensors, cm ahead of the axle centre and cm either side of the middle.</summary>
    public double LineSensorForwardCm { get; init; } = 6;

    public double LineSensorSideCm { get; init; } = 1.5;

    /// <summary>Servo speed (SG90: 0.1 s per 60°).</summary>
    public double ServoDegreesPerSecond { get; init; } = 600;

    /// <summary>The pose trace keeps this many poses (oldest dropped), one each time the robot has moved
    /// <see cref="TraceSpacingCm"/> or turned 5°.</summary>
    public int TraceCapacity { get; init; } = 1000;

    public double TraceSpacingCm { get; init; } = 1;

    public int BuzzerHistoryCapacity { get; init; } = 32;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first parameter out of its sensible range.</summary>
    public void Validate()
    {
        Range(WheelBaseCm, 2, 100, nameof(WheelBaseCm));
        Range(MaxSpeedCmPerSecond, 1, 10_000, nameof(MaxSpeedCmPerSecond));
        Range(AccelerationCmPerSecondSquared, 1, 1_000_000, nameof(AccelerationCmPerSecondSquared));
        Range(DeadZonePercent, 0, 90, nameof(DeadZonePercent));
        Range(BodyRadiusCm, 1, 50, nameof(BodyRadiusCm));
        Range(DistanceSensorForwardCm, 0, BodyRadiusCm - 0.01, nameof(DistanceSensorForwardCm));
        Range(DistanceNoiseCm, 0, 50, nameof(DistanceNoiseCm));
        Range(DistanceConeDegrees, 0, 90, nameof(DistanceConeDegrees));
        Range(DistanceConeRays, 1, 64, nameof(DistanceConeRays));
        Range(DistanceMinCm, 0, 100, nameof(DistanceMinCm));
        Range(DistanceMaxCm, DistanceMinCm + 1, 10_000, nameof(DistanceMaxCm));
        Range(MaxEchoIncidenceDegrees, 0, 90, nameof(MaxEchoIncidenceDegrees));
        Range(LineSensorForwardCm, -BodyRadiusCm, BodyRadiusCm, nameof(LineSensorForwardCm));
        Range(LineSensorSideCm, 0, BodyRadiusCm, nameof(LineSensorSideCm));
        Range(ServoDegreesPerSecond, 1, 100_000, nameof(ServoDegreesPerSecond));
        Range(TraceCapacity, 1, 1_000_000, nameof(TraceCapacity));
        Range(TraceSpacingCm, 0.01, 1000, nameof(TraceSpacingCm));
        Range(BuzzerHistoryCapacity, 1, 10_000, nameof(BuzzerHistoryCapacity));
    }

    private static void Range(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentException($"RobotConfig.{name} must be between {min} and {max} (got {value})", name);
        }
    }
}
