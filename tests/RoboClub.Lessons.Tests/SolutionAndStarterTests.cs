using RoboClub.Lessons.Checking;
using Xunit.Abstractions;

namespace RoboClub.Lessons.Tests;

/// <summary>Every lesson's check can pass (its solution does) and can fail (its starter does not).</summary>
public sealed class SolutionAndStarterTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(Lessons.Ids), MemberType = typeof(Lessons))]
    public void The_solution_passes_its_check(string id)
    {
        var result = CheckRunner.Check(Lessons.Get(id), Lessons.Get(id).Solution);
        Report(result);
        Assert.True(result.Compiled, string.Join("\n", result.Diagnostics.Select(d => $"{d.Line},{d.Column}: {d.Message("en")}")));
        Assert.Null(result.RuntimeError);
        Assert.True(result.Passed, string.Join("\n", result.Goals.Where(g => !g.Passed).Select(g => $"{g.Asked.En} — {g.Detail.En}")));
    }

    [Theory]
    [MemberData(nameof(Lessons.Ids), MemberType = typeof(Lessons))]
    public void The_starter_compiles_and_does_not_pass_yet(string id)
    {
        var result = CheckRunner.Check(Lessons.Get(id), Lessons.Get(id).Starter);
        Report(result);
        Assert.True(result.Compiled, "a starter must compile, so a child can press Run at once");
        Assert.False(result.Passed);
        Assert.Contains(result.Goals, g => !g.Passed);
    }

    void Report(CheckResult result)
    {
        foreach (var g in result.Goals) output.WriteLine($"{(g.Passed ? "ok  " : "MISS")} {g.Asked.En} — {g.Detail.En} | {g.Asked.Ro} — {g.Detail.Ro}");
        if (result.RuntimeError is { } e) output.WriteLine($"runtime error {e.Code} at line {e.Line}");
        foreach (var line in result.Output.Take(20)) output.WriteLine($"> {line}");
    }
}
