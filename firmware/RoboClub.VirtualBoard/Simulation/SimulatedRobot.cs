using RoboClub.Board.Hardware;

namespace RoboClub.VirtualBoard.Simulation;

/// <summary>
/// A differential-drive robot in an <see cref="Arena"/>. Physics runs only when its clock advances
/// (<see cref="Step"/>), in sub-steps of at most <see cref="MaxSubStepMs"/> ms:
/// power → target wheel speed (dead zone, linear above it) → acceleration-limited wheel speed →
/// arc motion of the axle centre. The body is a circle; it stops at contact with walls and
/// obstacles (checked along the way, so it cannot tunnel at any speed), its wheels stall, and
/// the contact is recorded. The only randomness is the ultrasonic's noise, from a generator
/// seeded by <c>seed</c>: the same seed and the same inputs give the same outputs.
/// Thread-safe: the board program, the clock's owner and the web view may use it concurrently.
/// </summary>
public sealed class SimulatedRobot : ISimulation, IClockFollower
{
    public const int MaxSubStepMs = 10;

    /// <summary>A contact counts for the bumper up to this gap, cm.</summary>
    private const double ContactToleranceCm = 0.25;

    /// <summary>A new trace pose is recorded after turning this much, degrees.</summary>
    private const double TraceTurnDegrees = 5;

    private readonly object _gate = new();
    private readonly SimRandom _noise;
    private readonly Queue<Pose> _trace = new();

    private double _x, _y, _heading; // cm, cm, radians
    private double _leftSpeed, _rightSpeed; // cm/s, actual
    private long _timeMs;
    private bool _touchedWall;
    private bool _reachedGoal;
    private double _travelled;
    private Pose _lastTracePose;
    private double? _lastReading;

    public SimulatedRobot(Arena arena, RobotConfig? config = null, long seed = 0, SimulatedClock? clock = null)
    {
        Arena = arena ?? throw new ArgumentNullException(nameof(arena));
        Config = config ?? new RobotConfig();
        Config.Validate();
        Seed = seed;
        Clock = clock ?? new SimulatedClock();
        _noise = SimRandom.ForStream(seed, "ultrasonic");
        _timeMs = Clock.Milliseconds;

        Motors = new SimulatedMotors();
        Distance = new SimulatedDistanceSensor(this);
        Line = new SimulatedLineSensors(this);
        Bumper = new SimulatedBumper(this);
        Button = new SimulatedButton(Clock);
        Led = new SimulatedLed();
        Buzzer = new SimulatedBuzzer(Clock, Config.BuzzerHistoryCapacity);
        Servo = new SimulatedServo(Clock, 90, Config.ServoDegreesPerSecond);

        PlaceLocked(arena.Start);
        Clock.Attach(this);
    }

    public Arena Arena { get; }

    public RobotConfig Config { get; }

    public long Seed { get; }

    public SimulatedClock Clock { get; }

    public SimulatedMotors Motors { get; }

    public SimulatedDistanceSensor Distance { get; }

    public SimulatedLineSensors Line { get; }

    public SimulatedBumper Bumper { get; }

    public SimulatedButton Button { get; }

    public SimulatedLed Led { get; }

    public SimulatedBuzzer Buzzer { get; }

    public SimulatedServo Servo { get; }

    public Pose Pose
    {
        get
        {
            lock (_gate)
            {
                return CurrentPoseLocked();
            }
        }
    }

    /// <summary>Actual wheel speeds, cm/s (they lag the motor power by the acceleration limit).</summary>
    public (double Left, double Right) WheelSpeeds
    {
        get
        {
            lock (_gate)
            {
                return (_leftSpeed, _rightSpeed);
            }
        }
    }

    /// <summary>True once the robot has run into a wall or obstacle (since the start or <see cref="Reset"/>).</summary>
    public bool TouchedWall
    {
        get
        {
            lock (_gate)
            {
                return _touchedWall;
            }
        }
    }

    /// <summary>True while the axle centre is inside the arena's goal zone.</summary>
    public bool InGoal => Arena.IsInGoal(Pose.Position);

    /// <summary>True once the robot has been in the goal zone.</summary>
    public bool ReachedGoal
    {
        get
        {
            lock (_gate)
            {
                return _reachedGoal;
            }
        }
    }

    /// <summary>How far the axle centre has moved, cm (turning on the spot does not count).</summary>
    public double DistanceTravelledCm
    {
        get
        {
            lock (_gate)
            {
                return _travelled;
            }
        }
    }

    /// <summary>Recent poses, oldest first (bounded by <see cref="RobotConfig.TraceCapacity"/>).</summary>
    public IReadOnlyList<Pose> Trace
    {
        get
        {
            lock (_gate)
            {
                return [.. _trace];
            }
        }
    }

    /// <summary>Advances simulated time by <paramref name="milliseconds"/> (the clock, this robot and anything else on the clock).</summary>
    public void Step(long milliseconds) => Clock.Advance(milliseconds);

    /// <summary>Puts the robot somewhere else (stopped). Throws when it would not fit there.</summary>
    public void Teleport(Pose pose)
    {
        lock (_gate)
        {
            PlaceLocked(pose);
        }
    }

    /// <summary>Back to the arena's start, stopped, motors off, contact/goal/trace/distance forgotten (time goes on).</summary>
    public void Reset()
    {
        Motors.SetPower(0, 0);
        lock (_gate)
        {
            PlaceLocked(Arena.Start);
        }
    }

    /// <summary>An immutable picture of the robot for the web view (JSON-friendly; see <see cref="SimulationJson"/>).
    /// Taking it changes nothing, not even the noise series.</summary>
    public RobotState Snapshot()
    {
        (int leftPower, int rightPower) = Motors.Powers;
        lock (_gate)
        {
            Pose pose = CurrentPoseLocked();
            double distance = MeasureLocked(noisy: false);
            (bool left, bool right) = LineLocked();
            return new RobotState(
                TimeMs: _timeMs,
                Pose: pose,
                LeftPowerPercent: leftPower,
                RightPowerPercent: rightPower,
                LeftWheelSpeedCmPerSecond: _leftSpeed,
                RightWheelSpeedCmPerSecond: _rightSpeed,
                DistanceCm: distance,
                LastDistanceReadingCm: _lastReading,
                LeftOnLine: left,
                RightOnLine: right,
                BumperPressed: BumperLocked(),
                ButtonPressed: Button.Pressed,
                Led: Led.Color,
                Buzzer: Buzzer.State,
                ServoDegrees: Servo.Degrees,
                TouchedWall: _touchedWall,
                InGoal: Arena.IsInGoal(pose.Position),
                ReachedGoal: _reachedGoal,
                DistanceTravelledCm: _travelled,
                Trace: [.. _trace]);
        }
    }

    void IClockFollower.OnAdvance(long fromMs, long toMs)
    {
        (int leftPower, int rightPower) = Motors.Powers;
        lock (_gate)
        {
            long t = fromMs;
            while (t < toMs)
            {
                long dt = Math.Min(MaxSubStepMs, toMs - t);
                SubStepLocked(dt / 1000.0, leftPower, rightPower);
                t += dt;
            }

            _timeMs = toMs;
        }
    }

    // ---- physics ----

    internal double TargetSpeed(int powerPercent)
    {
        int magnitude = Math.Abs(powerPercent);
        if (magnitude <= Config.DeadZonePercent)
        {
            return 0;
        }

        double fraction = (magnitude - Config.DeadZonePercent) / (double)(100 - Config.DeadZonePercent);
        return Math.Sign(powerPercent) * fraction * Config.MaxSpeedCmPerSecond;
    }

    private void SubStepLocked(double dt, int leftPower, int rightPower)
    {
        double maxChange = Config.AccelerationCmPerSecondSquared * dt;
        double newLeft = Approach(_leftSpeed, TargetSpeed(leftPower), maxChange);
        double newRight = Approach(_rightSpeed, TargetSpeed(rightPower), maxChange);

        // Speeds change linearly within the sub-step, so their mean gives the exact distance.
        double left = (_leftSpeed + newLeft) / 2;
        double right = (_rightSpeed + newRight) / 2;
        double v = (left + right) / 2;
        double omega = (right - left) / Config.WheelBaseCm;

        double newHeading = _heading + omega * dt;
        double dx, dy;
        if (Math.Abs(omega) < 1e-9)
        {
            dx = v * dt * Math.Cos(_heading);
            dy = v * dt * Math.Sin(_heading);
        }
        else
        {
            double radius = v / omega; // exact arc at constant v and omega
            dx = radius * (Math.Sin(newHeading) - Math.Sin(_heading));
            dy = -radius * (Math.Cos(newHeading) - Math.Cos(_heading));
        }

        bool blocked = MoveLocked(dx, dy);
        _heading = NormalizeRadians(newHeading); // a round body can always turn on the spot
        if (blocked)
        {
            _touchedWall = true;
            _leftSpeed = 0; // the wheels stall against the obstacle
            _rightSpeed = 0;
        }
        else
        {
            _leftSpeed = newLeft;
            _rightSpeed = newRight;
        }

        if (Arena.IsInGoal(new Point2(_x, _y)))
        {
            _reachedGoal = true;
        }

        RecordTraceLocked();
    }

    /// <summary>Moves the centre by (dx, dy) unless the body would overlap something: then it stops at
    /// contact. The path is checked in pieces of a quarter of the body radius, so even a very fast
    /// robot cannot jump over a thin wall. Returns true when blocked.</summary>
    private bool MoveLocked(double dx, double dy)
    {
        double length = Math.Sqrt(dx * dx + dy * dy);
        if (length == 0)
        {
            return false;
        }

        double radius = Config.BodyRadiusCm;
        int pieces = Math.Max(1, (int)Math.Ceiling(length / (radius / 4)));
        Point2 start = new(_x, _y);
        Point2 delta = new(dx, dy);
        double safe = 0;
        bool blocked = false;
        for (int i = 1; i <= pieces; i++)
        {
            double f = (double)i / pieces;
            if (Fits(start + delta * f))
            {
                safe = f;
                continue;
            }

            // Bisect between the last place that fits and this one.
            double lo = safe, hi = f;
            for (int k = 0; k < 30 && (hi - lo) * length > 1e-6; k++)
            {
                double mid = (lo + hi) / 2;
                if (Fits(start + delta * mid))
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            safe = lo;
            blocked = true;
            break;
        }

        Point2 end = start + delta * safe;
        _x = end.X;
        _y = end.Y;
        _travelled += length * safe;
        return blocked;
    }

    private bool Fits(Point2 centre) => Arena.CircleFits(centre, Config.BodyRadiusCm);

    private static double Approach(double current, double target, double maxChange) =>
        current < target ? Math.Min(current + maxChange, target) : Math.Max(current - maxChange, target);

    private static double NormalizeRadians(double a)
    {
        a %= 2 * Math.PI;
        return a < 0 ? a + 2 * Math.PI : a;
    }

    private void PlaceLocked(Pose pose)
    {
        if (!double.IsFinite(pose.X) || !double.IsFinite(pose.Y) || !double.IsFinite(pose.HeadingDegrees))
        {
            throw new ArgumentException("the pose must be finite numbers", nameof(pose));
        }

        if (!Fits(pose.Position))
        {
            throw new ArgumentException(
                $"the robot (a circle of radius {Config.BodyRadiusCm} cm) does not fit at ({pose.X}, {pose.Y}) in arena \"{Arena.Name}\": it would overlap a wall or obstacle",
                nameof(pose));
        }

        _x = pose.X;
        _y = pose.Y;
        _heading = NormalizeRadians(pose.HeadingRadians);
        _leftSpeed = 0;
        _rightSpeed = 0;
        _touchedWall = false;
        _travelled = 0;
        _reachedGoal = Arena.IsInGoal(pose.Position);
        _trace.Clear();
        _lastTracePose = CurrentPoseLocked();
        _trace.Enqueue(_lastTracePose);
    }

    private void RecordTraceLocked()
    {
        Pose pose = CurrentPoseLocked();
        double moved = (pose.Position - _lastTracePose.Position).Length;
        double turned = Math.Abs(pose.HeadingDegrees - _lastTracePose.HeadingDegrees);
        turned = Math.Min(turned, 360 - turned);
        if (moved < Config.TraceSpacingCm && turned < TraceTurnDegrees)
        {
            return;
        }

        _lastTracePose = pose;
        _trace.Enqueue(pose);
        while (_trace.Count > Config.TraceCapacity)
        {
            _trace.Dequeue();
        }
    }

    private Pose CurrentPoseLocked() => new(_x, _y, _heading * 180.0 / Math.PI);

    // ---- sensors ----

    internal float ReadDistance()
    {
        lock (_gate)
        {
            double reading = MeasureLocked(noisy: true);
            _lastReading = reading;
            return (float)reading;
        }
    }

    /// <summary>The ultrasonic: nearest echo over the cone's rays from the sensor; -1 beyond range.</summary>
    private double MeasureLocked(bool noisy)
    {
        Pose pose = CurrentPoseLocked();
        double direction = _heading;
        if (Config.DistanceSensorOnServo)
        {
            direction += (Servo.Degrees - 90) * Math.PI / 180.0;
        }

        Point2 origin = pose.ToArena(Config.DistanceSensorForwardCm, 0);
        double cone = Config.DistanceConeDegrees * Math.PI / 180.0;
        int rays = Config.DistanceConeRays;
        double minCosIncidence = Math.Cos(Config.MaxEchoIncidenceDegrees * Math.PI / 180.0);
        double nearest = double.PositiveInfinity;
        for (int i = 0; i < rays; i++)
        {
            double offset = rays == 1 ? 0 : -cone / 2 + cone * i / (rays - 1);
            double d = Arena.EchoDistance(origin, direction + offset, minCosIncidence);
            nearest = Math.Min(nearest, d);
        }

        if (nearest > Config.DistanceMaxCm)
        {
            return -1;
        }

        double value = noisy && Config.DistanceNoiseCm > 0 ? nearest + _noise.NextGaussian(Config.DistanceNoiseCm) : nearest;
        value = Math.Clamp(value, Config.DistanceMinCm, Config.DistanceMaxCm);
        return Math.Round(value, 1);
    }

    internal (bool Left, bool Right) ReadLine()
    {
        lock (_gate)
        {
            return LineLocked();
        }
    }

    private (bool Left, bool Right) LineLocked()
    {
        Pose pose = CurrentPoseLocked();
        return (Arena.IsOnLine(pose.ToArena(Config.LineSensorForwardCm, Config.LineSensorSideCm)),
                Arena.IsOnLine(pose.ToArena(Config.LineSensorForwardCm, -Config.LineSensorSideCm)));
    }

    internal bool ReadBumper()
    {
        lock (_gate)
        {
            return BumperLocked();
        }
    }

    /// <summary>The bumper covers the front half: pressed when something touches the body ahead of the axle.</summary>
    private bool BumperLocked()
    {
        Point2 centre = new(_x, _y);
        (double distance, Point2 closest) = Arena.Nearest(centre);
        if (distance > Config.BodyRadiusCm + ContactToleranceCm)
        {
            return false;
        }

        Point2 toContact = closest - centre;
        return Point2.Dot(toContact, Point2.FromAngle(_heading)) > 0;
    }
}

/// <summary>Two motors: the powers the program set (clamped to -100..100).</summary>
public sealed class SimulatedMotors : IMotors
{
    private readonly object _gate = new();
    private int _left, _right;

    public void SetPower(int leftPercent, int rightPercent)
    {
        lock (_gate)
        {
            _left = Math.Clamp(leftPercent, -100, 100);
            _right = Math.Clamp(rightPercent, -100, 100);
        }
    }

    public (int Left, int Right) Powers
    {
        get
        {
            lock (_gate)
            {
                return (_left, _right);
            }
        }
    }
}

/// <summary>The HC-SR04 at the front of the robot (or on its servo): cm to the nearest echo, with noise; -1 beyond range.</summary>
public sealed class SimulatedDistanceSensor : IDistanceSensor
{
    private readonly SimulatedRobot _robot;

    internal SimulatedDistanceSensor(SimulatedRobot robot) => _robot = robot;

    public float ReadCentimeters() => _robot.ReadDistance();
}

/// <summary>Two IR line sensors under the front of the robot: true over the tape.</summary>
public sealed class SimulatedLineSensors : ILineSensors
{
    private readonly SimulatedRobot _robot;

    internal SimulatedLineSensors(SimulatedRobot robot) => _robot = robot;

    public bool LeftOnLine => _robot.ReadLine().Left;

    public bool RightOnLine => _robot.ReadLine().Right;
}

/// <summary>The front bumper: pressed while the front half of the body touches a wall or obstacle.</summary>
public sealed class SimulatedBumper : IBumper
{
    private readonly SimulatedRobot _robot;

    internal SimulatedBumper(SimulatedRobot robot) => _robot = robot;

    public bool Pressed => _robot.ReadBumper();
}
