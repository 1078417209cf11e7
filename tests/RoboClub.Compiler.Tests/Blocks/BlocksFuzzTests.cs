using RoboClub.Compiler.Blocks;

namespace RoboClub.Compiler.Tests.Blocks;

public class BlocksFuzzTests
{
    static readonly string[] Tokens = ["{", "}", "(", ")", ";", "=>", "$\"{", "\"", "int", "for", "while", "if", "else", "Every(", "() =>", "x", "1.5", "-", "!", "?", ":", "//", "/*", "\n", "@\"", "'", "class", "return", "++", "Robot.", "Math.Pow("];

    static IEnumerable<string> Seeds()
    {
        foreach (var e in CSharpToBlocksTests.DocExamples()) yield return e;
        foreach (var (_, ws) in BlockSamples.All()) yield return BlocksToCSharp.Convert(ws).Code;
    }

    [Fact]
    public void CSharp_to_blocks_never_throws_on_mutated_sources()
    {
        var rng = new Random(4242);
        var seeds = Seeds().ToList();
        for (int i = 0; i < 1500; i++)
        {
            var s = seeds[rng.Next(seeds.Count)];
            int edits = 1 + rng.Next(4);
            for (int k = 0; k < edits && s.Length > 0; k++)
            {
                int at = rng.Next(s.Length);
                s = rng.Next(3) switch
                {
                    0 => s.Remove(at, Math.Min(s.Length - at, 1 + rng.Next(8))),
                    1 => s.Insert(at, Tokens[rng.Next(Tokens.Length)]),
                    _ => s.Insert(at, ((char)rng.Next(32, 0x250)).ToString()),
                };
            }
            var r = CSharpToBlocks.Convert(s);
            Assert.NotNull(r.Workspace);
            var back = BlocksToCSharp.Convert(r.Workspace);
            // nothing is lost: every non-blank line of a program that did not parse is still in the C#
            if (!r.Complete && r.Workspace.ToJsonString().Contains("\"raw\""))
                Assert.Contains(s.Trim(), back.Code);
        }
    }

    [Fact]
    public void Blocks_to_csharp_never_throws_on_odd_json()
    {
        string[] inputs =
        [
            "", "null", "[]", "{}", "{\"blocks\":5}", "{\"blocks\":{\"blocks\":[{}]}}",
            "{\"blocks\":{\"blocks\":[{\"type\":\"event_start\",\"inputs\":{\"DO\":{\"block\":{\"type\":\"robot_forward\"}}}}]}}",
            "{\"blocks\":{\"blocks\":[{\"type\":\"variables_set\",\"fields\":{\"VAR\":{\"id\":\"nope\"}}}]}}",
            "{\"blocks\":{\"blocks\":[{\"type\":\"procedures_callreturn\",\"extraState\":{\"name\":\"ghost\",\"params\":[\"a\"]}}]}}",
            "{\"blocks\":{\"blocks\":[{\"type\":\"math_number\",\"fields\":{\"NUM\":\"1e999\"}}]}}",
            "{\"blocks\":{\"blocks\":[{\"type\":\"whatever\",\"next\":{\"block\":{\"type\":\"controls_if\",\"extraState\":{\"elseIfCount\":\"x\"}}}}]}}",
        ];
        foreach (var s in inputs)
        {
            var r = BlocksToCSharp.Convert(s);
            Assert.NotNull(r.Code);
        }
        Assert.NotEmpty(BlocksToCSharp.Convert("{nope").Problems);
        Assert.Contains(BlocksToCSharp.Convert(inputs[6]).Problems, p => p.MessageRo.Contains("gol"));
    }
}

public class BlocksSizeTests
{
    [Fact]
    public void A_long_program_goes_through_json_both_ways()
    {
        var src = string.Concat(Enumerable.Range(0, 400).Select(i => $"Console.WriteLine({i});\n"));
        var r = CSharpToBlocks.Convert(src);
        Assert.Empty(r.Notes);
        var back = BlocksToCSharp.Convert(r.Json);
        Assert.Empty(back.Problems);
        Assert.Equal(src, back.Code);
    }

    [Fact]
    public void Very_deep_blocks_give_a_problem_not_a_crash()
    {
        var inner = new System.Text.StringBuilder("{\"type\":\"math_number\",\"fields\":{\"NUM\":1}}");
        for (int i = 0; i < 3000; i++) inner.Insert(0, "{\"type\":\"math_negate\",\"inputs\":{\"NUM\":{\"block\":").Append("}}}");
        var json = "{\"blocks\":{\"blocks\":[{\"type\":\"event_start\",\"inputs\":{\"DO\":{\"block\":{\"type\":\"text_print\",\"inputs\":{\"TEXT\":{\"block\":" + inner + "}}}}}}]}}";
        var r = BlocksToCSharp.Convert(json);
        Assert.Contains(r.Problems, p => p.MessageRo.Contains("adânc"));
    }
}
