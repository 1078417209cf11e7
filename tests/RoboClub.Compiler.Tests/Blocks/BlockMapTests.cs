using System.Text.Json.Nodes;
using RoboClub.Compiler.Blocks;
using RoboClub.Compiler.Tests.Codegen;
using static RoboClub.Compiler.Tests.Blocks.BlockSamples;

namespace RoboClub.Compiler.Tests.Blocks;

public class BlockMapTests
{
    [Fact]
    public void A_compile_error_lands_on_the_innermost_block()
    {
        var bad = Text("fast");
        var forward = B("robot_forward", inputs: new() { ["SPEED"] = bad });
        var ws = Ws([], Start(B("robot_stop"), forward));
        var r = BlocksToCSharp.Convert(ws);
        Assert.Equal("Robot.Stop();\nRobot.Forward(\"fast\");\n", r.Code);
        var c = ChildCompiler.Compile(r.Code);
        var error = Assert.Single(c.Errors);
        Assert.Equal((string)bad["id"]!, r.Map.BlockOf(error));
        // the statement itself, from its first column
        Assert.Equal((string)forward["id"]!, r.Map.BlockAt(2, 1));
        Assert.Equal("robot_stop", r.Map.SpanAt(1, 3)!.Type);
    }

    [Fact]
    public void A_raw_block_with_a_mistake_gets_the_error()
    {
        var raw = B("csharp_statement", new() { ["CODE"] = "Robot.Fly();" });
        var r = BlocksToCSharp.Convert(Ws([], Start(B("led_off"), raw)));
        var c = ChildCompiler.Compile(r.Code);
        Assert.Equal((string)raw["id"]!, r.Map.BlockOf(c.Errors.First()));
    }

    [Fact]
    public void A_runtime_error_lands_on_its_block()
    {
        var print = Print(B("math_arithmetic", new() { ["OP"] = "DIVIDE" }, new() { ["A"] = Num("10"), ["B"] = B("variables_get", new() { ["VAR"] = Var("n") }) }));
        var change = B("math_change", new() { ["VAR"] = Var("n") }, new() { ["DELTA"] = Num("-1", true) });
        var every = B("event_every", new() { ["MS"] = 10 }, new() { ["DO"] = Chain(change, print, Print(Text("after"))) });
        var ws = Ws(["n"], Start(B("variables_set", new() { ["VAR"] = Var("n") }, new() { ["VALUE"] = Num("2") })), every);
        var r = BlocksToCSharp.Convert(ws);
        var c = ChildCompiler.Compile(r.Code);
        Assert.True(c.Success, r.Code);
        var board = new TestBoard().Run(c.Image!, ms: 100);
        Assert.Equal("DivideByZero", board.Failed?.ErrorCode);
        var at = c.SourceMap.Single(m => m.FunctionIndex == board.Failed!.ErrorFunction).Find(board.Failed!.ErrorOffset)!.Value;
        Assert.Equal((string)print["id"]!, r.Map.BlockAt(at.Line, at.Column));
    }

    [Fact]
    public void Every_block_of_a_sample_has_a_span_inside_its_parent()
    {
        foreach (var (name, ws) in All())
        {
            var r = BlocksToCSharp.Convert(ws);
            var lines = r.Code.Split('\n');
            foreach (var s in r.Map.Spans.Where(s => s.Type != "event_start"))
            {
                Assert.True(s.StartLine >= 1 && s.EndLine <= lines.Length, name);
                // a one-line span covers exactly text on that line
                if (s.StartLine == s.EndLine) Assert.True(s.EndColumn - 1 <= lines[s.StartLine - 1].Length && s.StartColumn < s.EndColumn, $"{name} {s}");
                var inner = r.Map.SpanAt(s.StartLine, s.StartColumn)!;
                Assert.True(inner.Size <= s.Size && inner.Contains(s.StartLine, s.StartColumn), $"{name} {s} {inner}");
            }
            // text_print's value: clicking inside the value finds the value's block
            var text = r.Map.Spans.FirstOrDefault(s => s.Type == "text" && s.StartLine == s.EndLine);
            if (text != null) Assert.Equal("text", r.Map.SpanAt(text.StartLine, text.StartColumn + 1)!.Type);
        }
    }

    [Fact]
    public void Expression_spans_cover_their_text()
    {
        var sum = B("math_arithmetic", new() { ["OP"] = "ADD" }, new() { ["A"] = Num("1"), ["B"] = B("robot_distance") });
        var r = BlocksToCSharp.Convert(Ws([], Start(Print(sum))));
        Assert.Equal("Console.WriteLine(1 + Robot.Distance);\n", r.Code);
        var s = r.Map.SpanOf((string)sum["id"]!)!;
        Assert.Equal((1, 19, 1, 37), (s.StartLine, s.StartColumn, s.EndLine, s.EndColumn));
        Assert.Equal("robot_distance", r.Map.SpanAt(1, 24)!.Type);
        Assert.Equal("math_arithmetic", r.Map.SpanAt(1, 21)!.Type);
        Assert.Equal("text_print", r.Map.SpanAt(1, 2)!.Type);
    }
}
