using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.VirtualBoard.Tests.Simulation;

public sealed class UltrasonicTests
{
    [Fact]
    public void Facing_a_wall_reads_its_distance_within_the_noise()
    {
        // Empty arena, robot at (100, 75) facing east; the sensor is 7 cm ahead, the wall at x = 200.
        var robot = new SimulatedRobot(Arena.BuiltIn("empty"), seed: 1);
        const double trueDistance = 93;

        var readings = Enumerable.Range(0, 200).Select(_ => (double)robot.Distance.ReadCentimeters()).ToList();

        Assert.All(readings, r => Assert.InRange(r, trueDistance - 2.5, trueDistance + 2.5)); // σ = 0.5 cm
        Assert.Equal(trueDistance, readings.Average(), 0.2);
        Assert.True(readings.Distinct().Count() > 5, "the readings are noisy, not constant");
        Assert.Equal(trueDistance, robot.Snapshot().DistanceCm, 6); // the view shows the noise-free value
    }

    [Fact]
    public void Nothing_within_400_cm_reads_minus_one()
    {
        // A long hall: the far wall is 543 cm away; the side walls are only seen at a grazing angle (no echo).
        var robot = new SimulatedRobot(new Arena("hall", 600, 100, new Pose(50, 50, 0)), seed: 1);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(-1f, robot.Distance.ReadCentimeters());
        }

        robot.Teleport(new Pose(200, 50, 0)); // now 393 cm: in range
        Assert.InRange(robot.Distance.ReadCentimeters(), 390, 396);
    }

    [Fact]
    public void Touching_a_wall_reads_the_sensor_minimum()
    {
        var robot = new SimulatedRobot(Arena.BuiltIn("wall-ahead"));
        robot.Motors.SetPower(80, 80);
        robot.Step(8000);
        Assert.Equal(2f, robot.Distance.ReadCentimeters());
    }

    [Fact]
    public void Obstacles_off_the_axis_but_in_the_cone_are_seen()
    {
        // A 4 cm post 60 cm away, 5° to the left of straight ahead (inside the 15° cone, missed by the centre ray).
        Point2 sensor = new(57, 100);
        Point2 post = sensor + Point2.FromAngle(5 * Math.PI / 180) * 60;
        var arena = new Arena("post", 300, 200, new Pose(50, 100, 0), boxes: [new Box(post.X - 2, post.Y - 2, 4, 4)]);

        var cone = new SimulatedRobot(arena, new RobotConfig { DistanceNoiseCm = 0 });
        Assert.InRange(cone.Distance.ReadCentimeters(), 56, 60);

        var pencilBeam = new SimulatedRobot(arena, new RobotConfig { DistanceNoiseCm = 0, DistanceConeRays = 1, DistanceConeDegrees = 0 });
        Assert.Equal(243, pencilBeam.Distance.ReadCentimeters(), 0.1); // straight past it to the far wall

        // Turned 20° away, the post is outside the cone.
        cone.Teleport(new Pose(50, 100, -20));
        Assert.True(cone.Distance.ReadCentimeters() > 100);
    }

    [Fact]
    public void The_same_seed_gives_the_same_readings_and_another_seed_others()
    {
        static List<float> Read(long seed)
        {
            var robot = new SimulatedRobot(Arena.BuiltIn("obstacles"), seed: seed);
            var readings = new List<float>();
            robot.Motors.SetPower(40, 60);
            for (int i = 0; i < 50; i++)
            {
                readings.Add(robot.Distance.ReadCentimeters());
                robot.Step(50);
            }

            return readings;
        }

        Assert.Equal(Read(11), Read(11));
        Assert.NotEqual(Read(11), Read(12));
    }

    [Fact]
    public void Taking_snapshots_does_not_change_the_noise_series()
    {
        var a = new SimulatedRobot(Arena.BuiltIn("empty"), seed: 5);
        var b = new SimulatedRobot(Arena.BuiltIn("empty"), seed: 5);
        for (int i = 0; i < 10; i++)
        {
            b.Snapshot();
            Assert.Equal(a.Distance.ReadCentimeters(), b.Distance.ReadCentimeters());
        }

        Assert.Equal(a.Snapshot().LastDistanceReadingCm, b.Snapshot().LastDistanceReadingCm);
    }

    [Fact]
    public void On_the_servo_the_sensor_looks_where_the_servo_points()
    {
        var robot = new SimulatedRobot(Arena.BuiltIn("empty"), new RobotConfig { DistanceSensorOnServo = true, DistanceNoiseCm = 0 });
        Assert.Equal(93, robot.Distance.ReadCentimeters(), 0.1); // 90° = straight ahead

        robot.Servo.SetAngle(0); // right: the wall at y = 0, 75 cm from the sensor at (107, 75)
        robot.Step(50);
        Assert.True(robot.Servo.Degrees > 0, "the servo takes time to turn");
        robot.Step(200);
        Assert.Equal(0, robot.Servo.Degrees);
        Assert.Equal(75, robot.Distance.ReadCentimeters(), 0.1);

        robot.Servo.SetAngle(180); // left: the wall at y = 150
        robot.Step(400);
        Assert.Equal(75, robot.Distance.ReadCentimeters(), 0.1);
    }
}
