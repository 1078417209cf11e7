using System.Diagnostics;
using RoboClub.VirtualBoard.Simulation;
using Xunit.Abstractions;

namespace RoboClub.VirtualBoard.Tests.Simulation;

public sealed class PerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Ten_minutes_of_robot_time_simulate_in_one_go()
    {
        var board = VirtualRobotBoard.Create("obstacles", seed: 1);
        var hw = board.Hardware;
        board.Step(1); // warm up (JIT) outside the measurement
        var stopwatch = Stopwatch.StartNew();
        while (board.Clock.Milliseconds < 10 * 60 * 1000)
        {
            // A busy program: read every sensor, react, every 20 ms.
            float d = hw.Distance.ReadCentimeters();
            bool bumped = hw.Bumper.Pressed;
            _ = hw.Line.LeftOnLine | hw.Line.RightOnLine;
            if (bumped || (d >= 0 && d < 20))
            {
                hw.Motors.SetPower(-50, 50);
            }
            else
            {
                hw.Motors.SetPower(70, 65);
            }

            board.Step(20);
        }

        stopwatch.Stop();
        output.WriteLine($"10 min of robot time: {stopwatch.ElapsedMilliseconds} ms, travelled {board.Robot.DistanceTravelledCm:F0} cm");
        // No time limit here (a loaded machine makes timed tests flaky); the time is printed above.
        Assert.True(board.Robot.DistanceTravelledCm > 1000, "it was moving, not idling");
    }

    [Fact]
    public void A_week_of_the_weather_model_simulates_in_one_go()
    {
        var station = new SimulatedWeatherStation(seed: 1);
        var stopwatch = Stopwatch.StartNew();
        station.Step(7L * 24 * 3_600_000);
        stopwatch.Stop();
        output.WriteLine($"a week of weather: {stopwatch.ElapsedMilliseconds} ms");
        // No time limit (timed tests are flaky on a loaded machine); the time is printed above.
        var state = station.Snapshot();
        Assert.Equal(7L * 24 * 3_600_000, state.TimeMs);
        Assert.True(state.TemperatureCelsius is double t && double.IsFinite(t), "readings stay finite after a week");
    }
}
