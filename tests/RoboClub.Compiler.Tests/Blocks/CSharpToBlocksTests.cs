using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RoboClub.Compiler.Blocks;
using RoboClub.Compiler.Tests.Codegen;

namespace RoboClub.Compiler.Tests.Blocks;

public class CSharpToBlocksTests
{
    static string DocsPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "docs", "csharp-for-kids.md"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "docs", "csharp-for-kids.md");
    }

    public static List<string> DocExamples() => Regex.Matches(File.ReadAllText(DocsPath()), "```csharp\n(.*?)```", RegexOptions.Singleline)
        .Select(m => m.Groups[1].Value).ToList();

    public static TheoryData<int> DocExampleIndexes() => new(Enumerable.Range(0, DocExamples().Count));

    [Theory]
    [MemberData(nameof(DocExampleIndexes))]
    public void Kids_doc_examples_are_stable_through_blocks_and_run_the_same(int index)
    {
        var src = DocExamples()[index];
        var blocks = CSharpToBlocks.Convert(src);
        // the examples before lists, switch and text methods are all inside the block subset
        if (!Regex.IsMatch(src, @"switch|Trim\(|:F1")) Assert.Empty(blocks.Notes);
        var c1 = BlocksToCSharp.Convert(blocks.Workspace);
        Assert.Empty(c1.Problems);
        var c2 = BlocksToCSharp.Convert(CSharpToBlocks.Convert(c1.Code).Workspace);
        Assert.Equal(c1.Code, c2.Code);
        // what the blocks' C# prints is what the example prints
        Assert.Equal(Run.Board(src, ms: 3500).Printed, Run.Board(c1.Code, ms: 3500).Printed);
    }

    [Fact]
    public void Kids_doc_loop_example_comes_back_exactly()
    {
        var src = DocExamples().Single(e => e.Contains("side <= 4"));
        Assert.Equal(src, BlocksToCSharp.Convert(CSharpToBlocks.Convert(src).Workspace).Code);
    }

    [Fact]
    public void Code_with_no_block_stays_as_exact_text_and_is_reported()
    {
        var src = """
            int x = 5;
            do
            {
                x--;
            } while (x > 0);
            Console.WriteLine(x << 2);
            """;
        var r = CSharpToBlocks.Convert(src);
        Assert.Equal(2, r.Notes.Count);
        Assert.Equal((2, 1), (r.Notes[0].Line, r.Notes[0].Column));
        Assert.Equal((6, 19, 6), (r.Notes[1].Line, r.Notes[1].Column, r.Notes[1].Length));
        Assert.Contains("gri", r.Notes[0].ReasonRo);
        Assert.Contains("repetă cât timp", r.Notes[0].ReasonRo);
        Assert.Contains("'do … while'", r.Notes[0].Reason("en"));
        Assert.Contains("valoare", r.Notes[1].ReasonRo);
        var json = r.Json;
        Assert.Contains("\"csharp_statement\"", json);
        Assert.Contains("\"csharp_expression\"", json);
        var code = BlocksToCSharp.Convert(r.Workspace).Code;
        Assert.Contains("do\n{\n    x--;\n} while (x > 0);", code);
        Assert.Contains("Console.WriteLine(x << 2);", code);
        Assert.Equal(["0"], Run.Print(code));
        Assert.Equal(code, BlocksToCSharp.Convert(CSharpToBlocks.Convert(code).Workspace).Code);
    }

    [Fact]
    public void A_program_with_syntax_errors_stays_one_grey_block()
    {
        var src = "Robot.Forward(60)\nWait(100);";
        var r = CSharpToBlocks.Convert(src);
        Assert.NotEmpty(r.Notes);
        Assert.Equal(1, r.Notes[0].Line);
        Assert.Contains("Robot.Forward(60)\nWait(100);", BlocksToCSharp.Convert(r.Workspace).Code);
    }

    [Fact]
    public void Ids_are_stable_and_blocks_are_laid_out_top_to_bottom()
    {
        var src = "void F()\n{\n    Led.Off();\n}\n\nRobot.Forward(60);\nEvery(100, () => F());\n";
        var a = CSharpToBlocks.Convert(src).Json;
        Assert.Equal(a, CSharpToBlocks.Convert(src).Json);
        var tops = JsonNode.Parse(a)!["blocks"]!["blocks"]!.AsArray();
        Assert.Equal(["procedures_defnoreturn", "event_start", "event_every"], tops.Select(t => (string)t!["type"]!));
        var ys = tops.Select(t => (double)t!["y"]!).ToList();
        Assert.Equal(ys.Order(), ys);
        Assert.Equal("b0_27", (string)tops[0]!["id"]!);
    }

    [Fact]
    public void Script_helpers_and_operators_become_blocks()
    {
        var src = """
            When(() => Robot.Distance < 15 && !Button.Pressed, () => Robot.Stop());
            OnMessage("ploaie", () => { Led.Color("albastru"); Sound.Tone(440, 200); });
            OnButton(() => Broadcast("ploaie"));
            """;
        var r = CSharpToBlocks.Convert(src);
        Assert.Empty(r.Notes);
        var code = BlocksToCSharp.Convert(r.Workspace).Code;
        Assert.Equal("""
            When(() => Robot.Distance < 15 && !Button.Pressed, () =>
            {
                Robot.Stop();
            });

            OnMessage("ploaie", () =>
            {
                Led.Color("albastru");
                Sound.Tone(440, 200);
            });

            OnButton(() =>
            {
                Broadcast("ploaie");
            });

            """.Replace("\r\n", "\n"), code);
    }

    [Theory]
    [InlineData("Console.WriteLine((1 + 2) * 3 - (4 - 5));")]
    [InlineData("Console.WriteLine(-(2 + 3) + -4 - -Millis);")]
    [InlineData("Console.WriteLine(!(1 < 2) || 3 == 4 && true);")]
    [InlineData("Console.WriteLine($\"a{{b}}\\\"{(Millis > 3 ? 1 : 2)}\");")]
    [InlineData("Console.WriteLine(Math.Pow(2, 8) + Math.Sqrt(16) + Math.Max(1, 2) + Math.Abs(-3) + Random(1, 6) % 2);")]
    [InlineData("Console.WriteLine(\"abc\".Length);")]
    public void Expressions_keep_their_meaning(string src)
    {
        var r = CSharpToBlocks.Convert(src);
        Assert.Empty(r.Notes);
        var code = BlocksToCSharp.Convert(r.Workspace).Code;
        Assert.Equal(src + "\n", code);
    }

    [Fact]
    public void While_until_forever_and_changes()
    {
        var src = """
            int n = 0;

            while (!(n >= 3))
            {
                n++;
            }
            while (n > 0)
            {
                n -= 2;
            }
            while (true)
            {
                break;
            }
            Console.WriteLine(n);

            """.Replace("\r\n", "\n");
        var r = CSharpToBlocks.Convert(src);
        Assert.Empty(r.Notes);
        var code = BlocksToCSharp.Convert(r.Workspace).Code;
        Assert.Equal(src.Replace("n -= 2;", "n += -2;"), code);
        Assert.Equal(["-1"], Run.Print(code));
    }

    [Fact]
    public void Comments_are_kept_as_grey_blocks()
    {
        var src = """
            // robot
            Robot.Forward(60); // fast
            if (Button.Pressed)
            {
                Wait(10);
                /* end of if */
            }
            // button
            OnButton(() => Led.Off());
            // the end
            """;
        var r = CSharpToBlocks.Convert(src);
        Assert.Empty(r.Notes);
        var code = BlocksToCSharp.Convert(r.Workspace).Code;
        foreach (var c in new[] { "// robot", "// fast", "/* end of if */", "// button", "// the end" }) Assert.Contains(c, code);
        Assert.Equal(code, BlocksToCSharp.Convert(CSharpToBlocks.Convert(code).Workspace).Code);
        Assert.True(ChildCompiler.Compile(code).Success);
    }
}
