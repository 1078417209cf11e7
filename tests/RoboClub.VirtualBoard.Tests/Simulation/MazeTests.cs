using RoboClub.Board.Hardware;
using RoboClub.VirtualBoard.Simulation;
using Xunit.Abstractions;

namespace RoboClub.VirtualBoard.Tests.Simulation;

public sealed class MazeTests(ITestOutputHelper output)
{
    /// <summary>
    /// A right-hand wall follower as a child might write it for a robot whose ultrasonic sits on the
    /// servo, turned 45° to the right: keep the echo near a target distance (closer: steer left,
    /// farther: steer right), spin left when very close; when the wall disappears (a wall end),
    /// drive on a little before turning right round it. It uses only the board's parts.
    /// </summary>
    private sealed class WallFollower(BoardHardware board)
    {
        private long _wallLostAtMs = -1;

        public void Step()
        {
            float d = board.Distance.ReadCentimeters();
            if (d < 0)
            {
                d = 400;
            }

            long now = board.Clock.Milliseconds;
            if (board.Bumper.Pressed || d < 14)
            {
                board.Motors.SetPower(-45, 45); // too close: turn left on the spot
                _wallLostAtMs = -1;
            }
            else if (d > 40)
            {
                _wallLostAtMs = _wallLostAtMs < 0 ? now : _wallLostAtMs;
                bool pastTheEnd = now - _wallLostAtMs > ArcAfterMs;
                board.Motors.SetPower(pastTheEnd ? ArcOuterPower : 50, pastTheEnd ? ArcInnerPower : 50);
            }
            else
            {
                _wallLostAtMs = -1;
                double error = d - 24; // > 0: too far from the wall, steer right
                int steer = (int)Math.Clamp(error * 2.5, -30, 30);
                board.Motors.SetPower(55 + steer, 55 - steer);
            }
        }
    }

    private const int ArcAfterMs = 1400; // at 50 %, about when the centre is level with the wall end
    private const int ArcInnerPower = 40; // with 65 outside: an arc of about 20 cm radius, the distance kept to the wall
    private const int ArcOuterPower = 65;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2024)]
    public void Maze_is_solved_by_a_right_hand_wall_follower_reading_only_the_sensors(int seed)
    {
        var board = new VirtualRobotBoard(Arena.BuiltIn("maze"), new RobotConfig { DistanceSensorOnServo = true }, seed);
        board.Hardware.Servo.SetAngle(45); // the ultrasonic looks 45° to the right of straight ahead
        board.Step(200);

        const long limitMs = 180_000;
        var follower = new WallFollower(board.Hardware);
        bool visitedMiddleRoom = false;
        while (!board.Robot.InGoal && board.Clock.Milliseconds < limitMs)
        {
            follower.Step();
            board.Step(20); // the program's loop: read, decide, 20 ms
            Pose p = board.Robot.Pose;
            visitedMiddleRoom |= p.X is > 55 and < 145 && p.Y < 95;
        }

        RobotState state = board.Snapshot();
        output.WriteLine($"seed {seed}: t={state.TimeMs} ms, pose=({state.Pose.X:F1}, {state.Pose.Y:F1}, {state.Pose.HeadingDegrees:F0}°), travelled {state.DistanceTravelledCm:F0} cm, touched wall: {state.TouchedWall}");
        Assert.True(state.InGoal, $"not in the goal after {limitMs / 1000} s: {state.Pose}");
        Assert.True(state.ReachedGoal);
        Assert.True(visitedMiddleRoom, "a right-hand follower goes round the middle room on its way");
        Assert.False(state.TouchedWall, "this follower keeps its distance from the walls");
    }
}
