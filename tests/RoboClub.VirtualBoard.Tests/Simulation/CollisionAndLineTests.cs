using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.VirtualBoard.Tests.Simulation;

public sealed class CollisionAndLineTests
{
    [Fact]
    public void The_robot_stops_at_a_wall_presses_its_bumper_and_records_the_touch()
    {
        var robot = new SimulatedRobot(Arena.BuiltIn("wall-ahead")); // box face at x = 150, body radius 8
        robot.Motors.SetPower(100, 100);
        robot.Step(8000);

        Assert.Equal(142, robot.Pose.X, 0.01);
        Assert.True(robot.Bumper.Pressed);
        Assert.True(robot.TouchedWall);
        Assert.Equal((0.0, 0.0), robot.WheelSpeeds); // stalled

        robot.Motors.SetPower(-60, -60); // back off
        robot.Step(1000);
        Assert.True(robot.Pose.X < 135);
        Assert.False(robot.Bumper.Pressed);
        Assert.True(robot.TouchedWall, "the touch is remembered");
    }

    [Fact]
    public void Reversing_into_a_wall_stops_the_robot_but_the_front_bumper_stays_up()
    {
        var robot = new SimulatedRobot(Arena.BuiltIn("empty"));
        robot.Motors.SetPower(-100, -100);
        robot.Step(8000);

        Assert.Equal(8, robot.Pose.X, 0.01);
        Assert.True(robot.TouchedWall);
        Assert.False(robot.Bumper.Pressed);
    }

    [Theory]
    [InlineData(30)] // the real top speed
    [InlineData(3_000)]
    [InlineData(10_000)] // 100 m/s: 1 m per 10 ms sub-step, far more than the wall's thickness (0)
    public void No_speed_gets_the_robot_through_a_thin_wall(double maxSpeed)
    {
        var arena = new Arena("thin", 300, 100, new Pose(30, 50, 0), walls: [new WallSegment(100, 10, 100, 90)]);
        var config = new RobotConfig { MaxSpeedCmPerSecond = maxSpeed, AccelerationCmPerSecondSquared = 1_000_000 };
        var robot = new SimulatedRobot(arena, config);

        robot.Motors.SetPower(100, 100);
        robot.Step(10_000);

        Assert.Equal(92, robot.Pose.X, 0.01);
        Assert.True(robot.Bumper.Pressed);
        Assert.True(robot.TouchedWall);
    }

    [Fact]
    public void Driving_along_a_wall_at_contact_slides_instead_of_sticking()
    {
        // Placed touching the bottom wall, heading east: the wall is beside it, not ahead.
        var robot = new SimulatedRobot(new Arena("side", 200, 100, new Pose(30, 8.0001, 0)));
        robot.Motors.SetPower(60, 60);
        robot.Step(2000);

        Assert.True(robot.Pose.X > 55);
        Assert.False(robot.Bumper.Pressed);
    }

    [Fact]
    public void Line_sensors_straddle_the_tape_and_see_it_on_one_side_or_both()
    {
        var robot = new SimulatedRobot(Arena.BuiltIn("line-oval")); // bottom straight: the line y = 30, 2 cm wide
        // Sensors: 6 cm ahead of the axle, 1.5 cm either side; the tape is ±1 cm.
        Assert.False(robot.Line.LeftOnLine); // centred on the line: the tape runs between the sensors
        Assert.False(robot.Line.RightOnLine);

        robot.Teleport(new Pose(100, 31.5, 0)); // drifted left: the right sensor is over the tape
        Assert.False(robot.Line.LeftOnLine);
        Assert.True(robot.Line.RightOnLine);

        robot.Teleport(new Pose(100, 28.5, 0)); // drifted right
        Assert.True(robot.Line.LeftOnLine);
        Assert.False(robot.Line.RightOnLine);

        robot.Teleport(new Pose(100, 24, 90)); // crossing the line square-on: both see it
        Assert.True(robot.Line.LeftOnLine);
        Assert.True(robot.Line.RightOnLine);

        robot.Teleport(new Pose(100, 75, 0)); // in the middle of the oval
        Assert.False(robot.Line.LeftOnLine);
        Assert.False(robot.Line.RightOnLine);

        robot.Teleport(new Pose(186, 75, 90)); // on the right-hand curve (radius 45 round (140, 75)), drifted outwards
        Assert.True(robot.Line.LeftOnLine);
        Assert.False(robot.Line.RightOnLine);
    }

    [Fact]
    public void A_two_sensor_line_follower_goes_round_the_oval()
    {
        var board = VirtualRobotBoard.Create("line-oval", seed: 3);
        var hw = board.Hardware;
        Arena arena = board.Arena;
        double worstOffLine = 0;
        double headingTurned = 0;
        double lastHeading = board.Robot.Pose.HeadingDegrees;
        while (board.Clock.Milliseconds < 60_000)
        {
            // The classic: left sensor on the line -> turn left; right -> turn right; neither -> straight on.
            if (hw.Line.LeftOnLine)
            {
                hw.Motors.SetPower(5, 55);
            }
            else if (hw.Line.RightOnLine)
            {
                hw.Motors.SetPower(55, 5);
            }
            else
            {
                hw.Motors.SetPower(45, 45);
            }

            board.Step(10);
            Pose p = board.Robot.Pose;
            double sensorMidOffLine = DistanceToLine(arena, p.ToArena(6, 0));
            worstOffLine = Math.Max(worstOffLine, sensorMidOffLine);
            double change = Pose.NormalizeDegrees(p.HeadingDegrees - lastHeading + 180) - 180;
            headingTurned += change;
            lastHeading = p.HeadingDegrees;
        }

        Assert.True(worstOffLine < 4, $"the sensors strayed {worstOffLine:F1} cm from the line");
        Assert.True(headingTurned > 360, $"went only {headingTurned:F0}° round (counter-clockwise)");
    }

    private static double DistanceToLine(Arena arena, Point2 p)
    {
        IReadOnlyList<Point2> pts = arena.Line!.Points;
        double best = double.PositiveInfinity;
        for (int i = 0; i < pts.Count; i++)
        {
            Point2 a = pts[i], b = pts[(i + 1) % pts.Count];
            Point2 ab = b - a;
            double t = Math.Clamp(Point2.Dot(p - a, ab) / Point2.Dot(ab, ab), 0, 1);
            best = Math.Min(best, (p - (a + ab * t)).Length);
        }

        return best;
    }
}
