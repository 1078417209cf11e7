using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
            // the catch-all fallback is for Roslyn's own surprises, not for bugs of the converter
            Assert.DoesNotContain(r.Notes, n => n.ReasonEn.StartsWith("The program could not", StringComparison.Ordinal));
            var back = BlocksToCSharp.Convert(r.Workspace);
            // nothing is lost: every non-blank line of a program that did not parse is still in the C#
            if (!r.Complete && r.Workspace.ToJsonString().Contains("\"raw\""))
                Assert.Contains(s.Trim(), back.Code);
        }
    }

    [Fact]
    public void CSharp_to_blocks_handles_well_formed_but_wrong_programs()
    {
        // token swaps keep the syntax but break names and types: the converter must still answer, with blocks
        string[] pool = ["x", "Robot", "Wait", "Millis", "\"s\"", "true", "1.5", "note", "Fib", "Robot.Distance", "Console", "i", "null", "Led", "-1", "Math"];
        var rng = new Random(99);
        var seeds = Seeds().Where(s => !Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(s).GetDiagnostics().Any()).ToList();
        int converted = 0;
        for (int i = 0; i < 300; i++)
        {
            var s = seeds[rng.Next(seeds.Count)];
            var tokens = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(s).GetRoot().DescendantTokens()
                .Where(t => t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken) || t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.NumericLiteralToken)
                    || t.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.StringLiteralToken)).ToList();
            if (tokens.Count == 0) continue;
            var t = tokens[rng.Next(tokens.Count)];
            var mutated = s[..t.SpanStart] + pool[rng.Next(pool.Length)] + s[t.Span.End..];
            var r = CSharpToBlocks.Convert(mutated);
            Assert.DoesNotContain(r.Notes, n => n.ReasonEn.StartsWith("The program could not", StringComparison.Ordinal));
            var back = BlocksToCSharp.Convert(r.Workspace);
            Assert.DoesNotContain(back.Problems, p => p.MessageEn.StartsWith("Some blocks could not", StringComparison.Ordinal));
            if (!r.Workspace.ToJsonString().Contains("\"raw\"")) converted++;
        }
        Assert.True(converted > 150, $"{converted} converted");
    }

    [Fact]
    public void Blocks_to_csharp_handles_mutated_workspaces_without_internal_errors()
    {
        var rng = new Random(777);
        var samples = BlockSamples.All().Select(s => s.Workspace.ToJsonString(new System.Text.Json.JsonSerializerOptions { MaxDepth = 1000 })).ToList();
        var types = BlockCatalog.All.Select(b => b.Type).Append("nope").ToArray();
        for (int i = 0; i < 1500; i++)
        {
            var ws = System.Text.Json.Nodes.JsonNode.Parse(samples[rng.Next(samples.Count)], documentOptions: new() { MaxDepth = 1000 })!.AsObject();
            var objects = new List<System.Text.Json.Nodes.JsonObject>();
            void Collect(System.Text.Json.Nodes.JsonNode? n)
            {
                if (n is System.Text.Json.Nodes.JsonObject o) { objects.Add(o); foreach (var (_, v) in o.ToList()) Collect(v); }
                else if (n is System.Text.Json.Nodes.JsonArray a) foreach (var v in a.ToList()) Collect(v);
            }
            Collect(ws);
            for (int k = 0, edits = 1 + rng.Next(3); k < edits; k++)
            {
                var o = objects[rng.Next(objects.Count)];
                var keys = o.Select(p => p.Key).ToList();
                if (keys.Count == 0) continue;
                var key = keys[rng.Next(keys.Count)];
                switch (rng.Next(4))
                {
                    case 0: o.Remove(key); break;
                    case 1: o[key] = key == "type" ? types[rng.Next(types.Length)] : "x"; break;
                    case 2: o[key] = rng.Next(3) switch { 0 => -1.5, 1 => null, _ => new System.Text.Json.Nodes.JsonArray() }; break;
                    default: if (o.ContainsKey("type")) o["type"] = types[rng.Next(types.Length)]; break;
                }
            }
            var r = BlocksToCSharp.Convert(ws);
            Assert.DoesNotContain(r.Problems, p => p.MessageEn.StartsWith("Some blocks could not", StringComparison.Ordinal));
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
