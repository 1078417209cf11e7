using System.Text.RegularExpressions;

namespace RoboClub.Hub.Tests;

/// <summary>Every example in docs/csharp-for-kids.md runs with `roboclub run` and prints what the document says.</summary>
public sealed class KidsDocExamplesTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-doc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<int, string, string, string, double> Examples()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RoboClub.sln"))) root = root.Parent;
        string doc = File.ReadAllText(Path.Combine(root!.FullName, "docs", "csharp-for-kids.md"));
        var data = new TheoryData<int, string, string, string, double>();
        var pattern = new Regex("```csharp\\n(?<code>.*?)```\\s*\\nOutput(?: \\(with `--seconds (?<sec>[0-9.]+)`\\))?:\\n```\\n(?<out>.*?)```", RegexOptions.Singleline);
        int n = 0;
        foreach (Match m in pattern.Matches(doc))
        {
            string code = m.Groups["code"].Value;
            string board = code.Contains("Weather.") ? "weather" : "robot";
            double seconds = m.Groups["sec"].Success ? double.Parse(m.Groups["sec"].Value, System.Globalization.CultureInfo.InvariantCulture) : 60;
            data.Add(++n, code, m.Groups["out"].Value, board, seconds);
        }
        return data;
    }

    [Fact]
    public void The_document_has_examples() => Assert.True(Examples().Count >= 6);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_runs_and_prints_what_the_document_says(int number, string code, string expected, string board, double seconds)
    {
        string path = Path.Combine(_dir, $"example{number}.cs");
        File.WriteAllText(path, code);
        var output = new StringWriter();
        var error = new StringWriter();
        var runner = new ProgramRunner(output, error, "en");
        var compiled = runner.Compile(path);
        Assert.True(compiled is not null, error.ToString());
        Assert.Equal(0, runner.Run(path, compiled!, board, seconds, telemetry: false));
        Assert.Equal(expected.Replace("\r\n", "\n"), output.ToString().Replace("\r\n", "\n"));
    }
}
