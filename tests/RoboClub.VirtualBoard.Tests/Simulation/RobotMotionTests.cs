using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.VirtualBoard.Tests.Simulation;

public sealed class RobotMotionTests
{
    private static SimulatedRobot RobotIn(string arena = "empty", RobotConfig? config = null) =>
        new(Arena.BuiltIn(arena), config);

    [Fact]
    public void Full_power_for_two_seconds_travels_max_speed_times_two_minus_the_ramp()
    {
        var robot = RobotIn();
        Pose start = robot.Pose;

        robot.Motors.SetPower(100, 100);
        robot.Step(2000);

        // 30 cm/s for 2 s, less the 0.3 s ramp from standstill (average speed half): 60 - 30 * 0.3 / 2 = 55.5 cm.
        double expected = 30 * 2 - 30 * 0.3 / 2;
        Assert.Equal(expected, robot.Pose.X - start.X, 1);
        Assert.Equal(start.Y, robot.Pose.Y, 6);
        Assert.Equal(0, robot.Pose.HeadingDegrees, 6);
        Assert.Equal(expected, robot.DistanceTravelledCm, 1);
        Assert.Equal((30.0, 30.0), robot.WheelSpeeds);
    }

    [Fact]
    public void Wheels_reach_the_commanded_speed_within_the_acceleration_limit()
    {
        var robot = RobotIn();
        robot.Motors.SetPower(100, 100);

        robot.Step(100);
        Assert.Equal(10, robot.WheelSpeeds.Left, 6); // 100 cm/s² for 0.1 s

        robot.Step(200);
        Assert.Equal(30, robot.WheelSpeeds.Left, 6); // full speed after 0.3 s

        robot.Motors.SetPower(0, 0);
        robot.Step(150);
        Assert.Equal(15, robot.WheelSpeeds.Right, 6); // braking is limited too
    }

    [Fact]
    public void Equal_and_opposite_powers_turn_on_the_spot_about_the_centre()
    {
        var robot = RobotIn();
        Pose start = robot.Pose;

        robot.Motors.SetPower(-55, 55);
        robot.Step(1000);

        // 55 %: (55 - 10) / 90 * 30 = 15 cm/s per wheel, so 2 * 15 / 12 = 2.5 rad/s after a 0.15 s ramp.
        double expectedDegrees = 2.5 * (1 - 0.15 / 2) * 180 / Math.PI;
        Assert.Equal(start.X, robot.Pose.X, 6);
        Assert.Equal(start.Y, robot.Pose.Y, 6);
        Assert.Equal(expectedDegrees, robot.Pose.HeadingDegrees, 0.5);
        Assert.Equal(0, robot.DistanceTravelledCm, 6);

        robot.Motors.SetPower(55, -55); // the other way: clockwise
        robot.Step(3000);
        Assert.Equal(start.X, robot.Pose.X, 6);
        Assert.Equal(start.Y, robot.Pose.Y, 6);
    }

    [Fact]
    public void A_square_program_driving_the_motors_by_time_comes_back_to_the_start()
    {
        var robot = RobotIn("square");
        Pose start = robot.Pose;

        // 50 %: (50 - 10) / 90 * 30 = 13.33 cm/s per wheel, turning at 2 * 13.33 / 12 rad/s. Braking gives back
        // what the ramp took, so a timed turn of T ms turns by rate * T.
        double turnRateDegreesPerSecond = 2 * (40.0 / 90 * 30) / 12 * 180 / Math.PI;
        long quarterTurnMs = (long)Math.Round(90 / turnRateDegreesPerSecond * 1000);
        var corners = new List<Pose>();
        for (int side = 0; side < 4; side++)
        {
            robot.Motors.SetPower(60, 60);
            robot.Step(3000);
            robot.Motors.SetPower(0, 0);
            robot.Step(500);
            robot.Motors.SetPower(-50, 50);
            robot.Step(quarterTurnMs);
            robot.Motors.SetPower(0, 0);
            robot.Step(500);
            corners.Add(robot.Pose);
        }

        Pose end = robot.Pose;
        Assert.True((end.Position - start.Position).Length < 2, $"ended at {end}, started at {start}");
        double headingError = Math.Abs(Pose.NormalizeDegrees(end.HeadingDegrees - start.HeadingDegrees + 180) - 180);
        Assert.True(headingError < 2, $"heading off by {headingError}°");

        // It really drew a square: the far corner is about one side (3 s at 16.7 cm/s = 50 cm) away on each axis.
        Assert.Equal(start.X + 50, corners[1].X, 2.0);
        Assert.Equal(start.Y + 50, corners[1].Y, 2.0);
        Assert.True(robot.InGoal, "the square arena's goal is the home square");
        Assert.False(robot.TouchedWall);
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(10, 10)]
    [InlineData(-9, 9)]
    [InlineData(-10, -10)]
    public void Below_the_dead_zone_the_robot_does_not_move(int left, int right)
    {
        var robot = RobotIn();
        Pose start = robot.Pose;

        robot.Motors.SetPower(left, right);
        robot.Step(3000);

        Assert.Equal(start, robot.Pose);
        Assert.Equal((0.0, 0.0), robot.WheelSpeeds);
    }

    [Fact]
    public void Just_above_the_dead_zone_the_robot_creeps()
    {
        var robot = RobotIn();
        robot.Motors.SetPower(19, 19); // (19 - 10) / 90 * 30 = 3 cm/s
        robot.Step(2000);
        Assert.InRange(robot.DistanceTravelledCm, 5, 6);
    }

    [Fact]
    public void Power_is_clamped_to_plus_minus_100()
    {
        var robot = RobotIn();
        robot.Motors.SetPower(250, -400);
        Assert.Equal((100, -100), robot.Motors.Powers);
    }

    [Fact]
    public void Same_inputs_give_the_same_pose_however_the_time_is_stepped_within_10_ms_grid()
    {
        var a = RobotIn();
        var b = RobotIn();
        a.Motors.SetPower(70, 40);
        b.Motors.SetPower(70, 40);

        a.Step(2000);
        for (int i = 0; i < 200; i++)
        {
            b.Step(10);
        }

        Assert.Equal(a.Pose, b.Pose);
    }

    [Fact]
    public void The_trace_records_the_path_and_stays_bounded()
    {
        var robot = RobotIn(config: new RobotConfig { TraceCapacity = 50 });
        robot.Motors.SetPower(60, 40); // circles
        robot.Step(60_000);

        IReadOnlyList<Pose> trace = robot.Trace;
        Assert.Equal(50, trace.Count);
        Assert.Equal(robot.Pose.X, trace[^1].X, 0);
        for (int i = 1; i < trace.Count; i++)
        {
            Assert.True((trace[i].Position - trace[i - 1].Position).Length < 3, "consecutive trace poses are close");
        }
    }

    [Fact]
    public void Reset_puts_the_robot_back_and_forgets_what_happened()
    {
        var robot = RobotIn("wall-ahead");
        robot.Motors.SetPower(100, 100);
        robot.Step(6000);
        Assert.True(robot.TouchedWall);

        robot.Reset();

        Assert.Equal(robot.Arena.Start, robot.Pose);
        Assert.False(robot.TouchedWall);
        Assert.Equal(0, robot.DistanceTravelledCm);
        Assert.Equal((0, 0), robot.Motors.Powers);
        Assert.Single(robot.Trace);
    }

    [Fact]
    public void A_robot_that_does_not_fit_at_its_start_is_refused()
    {
        var tight = new Arena("tight", 100, 100, new Pose(5, 50, 0));
        var e = Assert.Throws<ArgumentException>(() => new SimulatedRobot(tight));
        Assert.Contains("does not fit", e.Message);

        Assert.Throws<ArgumentException>(() => new SimulatedRobot(Arena.BuiltIn("empty"), new RobotConfig { WheelBaseCm = 0 }));
    }
}
