using System.Diagnostics;

namespace RoboClub.Compiler.Tests.Codegen;

/// <summary>Hostile or broken input gives a clear diagnostic or a working image: never an exception, a crash or a hang.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData(10_000)]
    [InlineData(300)]
    public void Deep_nesting_is_refused_without_overflowing_the_stack(int depth)
    {
        string source = "int x = " + new string('(', depth) + "1" + new string(')', depth) + ";\nConsole.WriteLine(x);";
        var r = ChildCompiler.Compile(source);
        var d = Assert.Single(r.Errors);
        Assert.Equal("RC1901", d.Id);
        Assert.Contains("prea multe paranteze", d.MessageRo);
    }

    [Fact]
    public void Moderate_nesting_still_compiles()
    {
        var r = ChildCompiler.Compile("int x = " + new string('(', 100) + "1" + new string(')', 100) + ";\nConsole.WriteLine(x);");
        Assert.True(r.Success, string.Join("; ", r.Errors));
    }

    [Fact]
    public void A_megabyte_of_source_finishes_quickly_with_a_clear_answer()
    {
        var line = "Console.WriteLine(\"ș ț ă î â\");\n";
        string source = string.Concat(Enumerable.Repeat(line, 1024 * 1024 / line.Length));
        var sw = Stopwatch.StartNew();
        var r = ChildCompiler.Compile(source);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}"); // a guard against a hang, not a speed target (it takes milliseconds)
        Assert.False(r.Success);
        Assert.Contains(r.Errors, d => d.Id == "RC1900"); // too big for a board, said plainly
    }

    [Theory]
    [InlineData("int Wait = 5;\nConsole.WriteLine(Wait);")]
    [InlineData("int Robot = 1;\nConsole.WriteLine(Robot + 1);")]
    [InlineData("void Plot() { Console.WriteLine(\"mine\"); }\nPlot();")]
    public void Names_that_collide_with_the_child_api_give_a_diagnostic_or_an_image(string source)
    {
        var r = ChildCompiler.Compile(source);
        Assert.True(r.Success || r.Errors.All(e => !string.IsNullOrEmpty(e.MessageEn) && e.MessageRo is not null), string.Join("; ", r.Errors));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("while (true) { }")]
    [InlineData("}}}}{{{{")]
    [InlineData("\"")]
    [InlineData("/*")]
    [InlineData("Every(1000, () => { Plot(\"t\", ther.Temperature); });\nWhen(($\"{) => //Robot.Distance < 15, () => { Robot.Sed.Color(\"roșu\",op(); Led.Color(\"roșu\"); });\n")] // made Roslyn 5.12 throw (found by the fuzzer)
    public void Odd_sources_never_throw(string source)
    {
        var r = ChildCompiler.Compile(source);
        Assert.True(r.Success || r.Errors.Any());
    }
}
