namespace RoboClub.Hub.Tests;

/// <summary>`roboclub run` and `compile`: stdout is exactly the program's output; exit codes 0/1/2.</summary>
public sealed class RunCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    (int Exit, string Out, string Err) Run(string source, string language = "en", double seconds = 60, string board = "robot")
    {
        string path = Path.Combine(_dir, "program.cs");
        File.WriteAllText(path, source);
        var output = new StringWriter();
        var error = new StringWriter();
        var runner = new ProgramRunner(output, error, language);
        var compiled = runner.Compile(path);
        int exit = compiled is null ? ProgramRunner.CompileErrorExit : runner.Run(path, compiled, board, seconds, telemetry: false);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_program_prints_exactly_its_output_in_simulated_time()
    {
        var started = DateTime.UtcNow;
        var (exit, stdout, stderr) = Run("""
            int temperatură = 21;
            Console.WriteLine("Salut! " + temperatură);
            Wait(30000);
            Console.WriteLine(7 / 2);
            Console.WriteLine(7 / 2.0);
            """);
        Assert.Equal(0, exit);
        Assert.Equal("Salut! 21\n3\n3.5\n", stdout.Replace("\r\n", "\n"));
        Assert.Equal("", stderr);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "Wait(60000) must not take real time");
    }

    [Fact]
    public void Every_runs_until_the_simulated_time_is_up()
    {
        var (exit, stdout, _) = Run("""
            int n = 0;
            Every(1000, () => { n++; Console.WriteLine($"tick {n}"); });
            """, seconds: 3.5);
        Assert.Equal(0, exit);
        Assert.Equal(["tick 1", "tick 2", "tick 3", "tick 4"], stdout.Trim().Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void Compile_errors_exit_with_1_and_point_at_the_place()
    {
        var (exit, stdout, stderr) = Run("int x = 5\nConsole.WriteLine(x);\n");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Contains("program.cs(1,", stderr);
    }

    [Theory]
    [InlineData("en", "runtime error DivideByZero: division by zero")]
    [InlineData("ro", "eroare la rulare DivideByZero: împărțire la zero")]
    public void A_runtime_error_exits_with_2_and_names_the_line_in_the_childs_language(string language, string expected)
    {
        var (exit, stdout, stderr) = Run("int a = 10;\nint b = 0;\nConsole.WriteLine(\"before\");\nConsole.WriteLine(a / b);\n", language);
        Assert.Equal(2, exit);
        Assert.Equal("before\n", stdout.Replace("\r\n", "\n"));
        Assert.Contains("program.cs(4,", stderr);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void A_weather_program_reads_the_virtual_station()
    {
        var (exit, stdout, _) = Run("Console.WriteLine(Weather.Temperature > -40 && Weather.Temperature < 50);", board: "weather");
        Assert.Equal(0, exit);
        Assert.Equal("True", stdout.Trim());
    }
}
