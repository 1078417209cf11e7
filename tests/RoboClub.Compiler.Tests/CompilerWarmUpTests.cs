using RoboClub.Compiler;

namespace RoboClub.Compiler.Tests;

public class CompilerWarmUpTests
{
    [Fact]
    public void The_warm_up_program_compiles_so_it_exercises_the_whole_pipeline()
    {
        var result = ChildCompiler.Compile(CompilerWarmUp.Program, "warm-up.cs");
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.NotEmpty(result.Image!);
    }

    [Fact]
    public async Task Starting_twice_runs_one_warm_up()
    {
        var first = CompilerWarmUp.Start();
        Assert.Same(first, CompilerWarmUp.Start());
        await first;
        Assert.True(first.IsCompletedSuccessfully);
    }
}
