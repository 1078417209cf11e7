using RoboClub.Lessons.Checking;

namespace RoboClub.Lessons.Tests;

/// <summary>
/// Children following the English text name their series, messages and printouts in English: the
/// checks accept those too (the solutions in the folders use the Romanian names).
/// </summary>
public sealed class EnglishProgramTests
{
    [Theory]
    [InlineData("weather/04-minimum-maximum-average", """
        double min = 100;
        double max = -100;
        double sum = 0;
        int count = 0;
        Every(10000, () =>
        {
            double t = Weather.Temperature;
            if (t < min) min = t;
            if (t > max) max = t;
            sum += t;
            count++;
            Plot("min", min);
            Plot("max", max);
            Plot("average", sum / count);
        });
        """)]
    [InlineData("weather/05-humidity-and-dew-point", """
        Every(10000, () =>
        {
            double t = Weather.Temperature;
            double h = Weather.Humidity;
            Plot("humidity", h);
            Plot("dewpoint", t - (100 - h) / 5);
        });
        """)]
    [InlineData("weather/06-pressure-trend-forecast", """
        double before = Weather.Pressure;
        Every(60000, () =>
        {
            double now = Weather.Pressure;
            double change = now - before;
            if (change < -1) Console.WriteLine("Rain is coming!");
            else if (change > 1) Console.WriteLine("Fine weather!");
            else Console.WriteLine("The weather stays the same.");
            before = now;
        });
        """)]
    [InlineData("weather/02-thermometer-colours", """
        while (true)
        {
            double t = Weather.Temperature;
            if (t > 25) Led.Rgb(255, 0, 0);
            else if (t < 15) Led.Color("blue");
            else Led.Color("green");
            Wait(1000);
        }
        """)]
    [InlineData("robot/07-remote-control", """
        OnMessage("forward", () => Robot.Forward(60));
        OnMessage("back", () => Robot.Backward(60));
        OnMessage("left", () => Robot.TurnLeft(40));
        OnMessage("right", () => Robot.TurnRight(40));
        OnMessage("stop", () => Robot.Stop());
        """)]
    public void An_english_program_passes(string id, string source)
    {
        var result = CheckRunner.Check(Lessons.Get(id), source);
        Assert.True(result.Compiled, string.Join("\n", result.Diagnostics.Select(d => d.Message("en"))));
        Assert.True(result.Passed, string.Join("\n", result.Goals.Where(g => !g.Passed).Select(g => $"{g.Asked.En} — {g.Detail.En}")));
    }

    [Fact]
    public void A_thermometer_that_is_always_red_does_not_pass()
    {
        var result = CheckRunner.Check(Lessons.Get("weather/02-thermometer-colours"), "Led.Color(\"red\");\n");
        Assert.False(result.Passed);
        var red = result.Goals.First(g => g.Kind == "led-when");
        Assert.Contains("the LED was red anyway", red.Detail.En);
    }
}
