using System.Text.Json.Nodes;
using RoboClub.Compiler.Blocks;

namespace RoboClub.Compiler.Tests.Blocks;

public class RoundTripTests
{
    public static TheoryData<string> Samples() => new(BlockSamples.All().Select(s => s.Name));

    static JsonObject Sample(string name) => BlockSamples.All().Single(s => s.Name == name).Workspace;

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_block_kind_goes_to_csharp_and_back_unchanged(string name)
    {
        var ws = Sample(name);
        var first = BlocksToCSharp.Convert(ws);
        Assert.Empty(first.Problems);
        var back = CSharpToBlocks.Convert(first.Code);
        bool raw = name.StartsWith("csharp_", StringComparison.Ordinal);
        if (!raw) Assert.Empty(back.Notes);
        else Assert.NotEmpty(back.Notes);
        var second = BlocksToCSharp.Convert(back.Workspace);
        Assert.Equal(first.Code, second.Code);
        Assert.Equal(BlockSamples.Structure(ws), BlockSamples.Structure(back.Workspace));
        // the JSON text form round-trips too
        Assert.Equal(first.Code, BlocksToCSharp.Convert(back.Json).Code);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_block_kind_compiles(string name)
    {
        var code = BlocksToCSharp.Convert(Sample(name)).Code;
        var r = ChildCompiler.Compile(code);
        Assert.True(r.Success, code + "\n" + string.Join("\n", r.Diagnostics));
    }

    [Fact]
    public void Every_catalog_block_has_a_sample()
    {
        var covered = BlockSamples.All().Select(s => s.Name.Split(':')[0]).ToHashSet();
        foreach (var def in BlockCatalog.All) Assert.Contains(def.Type, covered);
    }

    [Fact]
    public void Generated_code_is_deterministic_and_canonical()
    {
        var ws = BlockSamples.Ws(["pași", "t"],
            BlockSamples.B("event_every", new() { ["MS"] = 1000 }, new()
            {
                ["DO"] = BlockSamples.Chain(
                    BlockSamples.B("math_change", new() { ["VAR"] = BlockSamples.Var("pași") }, new() { ["DELTA"] = BlockSamples.Num("1", true) }),
                    BlockSamples.Print(BlockSamples.B("text_join", inputs: new() { ["ADD0"] = BlockSamples.Text("secunda "), ["ADD1"] = BlockSamples.B("variables_get", new() { ["VAR"] = BlockSamples.Var("pași") }) },
                        extra: new JsonObject { ["itemCount"] = 2 }))),
            }),
            BlockSamples.Start(
                BlockSamples.B("variables_set", new() { ["VAR"] = BlockSamples.Var("t") }, new() { ["VALUE"] = BlockSamples.B("weather_temperature") }),
                BlockSamples.B("robot_forward", inputs: new() { ["SPEED"] = BlockSamples.Num("60", true) })));
        var code = BlocksToCSharp.Convert(ws).Code;
        // declarations, then the start script (placed lower on the workspace, but start comes before events), then events
        Assert.Equal("""
            int pași = 0;
            double t = 0;

            t = Weather.Temperature;
            Robot.Forward(60);

            Every(1000, () =>
            {
                pași++;
                Console.WriteLine($"secunda {pași}");
            });

            """.Replace("\r\n", "\n"), code);
        Assert.Equal(code, BlocksToCSharp.Convert(ws.ToJsonString()).Code);
    }

    [Fact]
    public void Variable_types_are_inferred_from_what_is_assigned()
    {
        var set = (string v, JsonObject value) => BlockSamples.B("variables_set", new() { ["VAR"] = BlockSamples.Var(v) }, new() { ["VALUE"] = value });
        var ws = BlockSamples.Ws(["n", "d", "s", "b", "mix", "copy", "unused"], BlockSamples.Start(
            set("n", BlockSamples.Num("3")),
            set("d", BlockSamples.Num("3.0")),
            set("s", BlockSamples.Text("hi")),
            set("b", BlockSamples.B("robot_bumper")),
            set("mix", BlockSamples.Num("1")),
            set("mix", BlockSamples.B("robot_distance")),
            set("copy", BlockSamples.B("variables_get", new() { ["VAR"] = BlockSamples.Var("d") }))));
        var r = BlocksToCSharp.Convert(ws);
        Assert.StartsWith("""
            int n = 0;
            double d = 0;
            string s = "";
            bool b = false;
            double mix = 0;
            double copy = 0;
            int unused = 0;
            """.Replace("\r\n", "\n"), r.Code);
        Assert.Contains("d = 3.0;", r.Code);
        Assert.Empty(r.Problems); // int and double mix into double without a word
        Assert.True(ChildCompiler.Compile(r.Code).Success);
    }

    [Fact]
    public void Variable_type_hint_keeps_a_declared_double()
    {
        var src = "double medie = 0;\n\nmedie = 5;\nConsole.WriteLine(medie / 2);\n";
        var blocks = CSharpToBlocks.Convert(src);
        Assert.Empty(blocks.Notes);
        var v = Assert.Single(blocks.Workspace["variables"]!.AsArray());
        Assert.Equal("double", (string?)v!["type"]);
        Assert.Equal(src, BlocksToCSharp.Convert(blocks.Workspace).Code);
    }

    [Theory]
    [InlineData("my var", "my_var")]
    [InlineData("temperatură", "temperatură")]
    [InlineData("2x", "_2x")]
    [InlineData("class", "class_")]
    [InlineData("Robot", "Robot_")]
    [InlineData("Wait", "Wait_")]
    [InlineData("", "x")]
    [InlineData("a-b!", "a_b_")]
    public void Block_names_become_safe_identifiers(string raw, string expected) => Assert.Equal(expected, BlocksToCSharp.SafeName(raw));

    [Fact]
    public void Colliding_names_get_numbered_and_still_compile()
    {
        var ws = new JsonObject
        {
            ["blocks"] = new JsonObject { ["languageVersion"] = 0, ["blocks"] = new JsonArray(BlockSamples.Start(
                BlockSamples.B("variables_set", new() { ["VAR"] = new JsonObject { ["id"] = "a" } }, new() { ["VALUE"] = BlockSamples.Num("1") }),
                BlockSamples.B("variables_set", new() { ["VAR"] = new JsonObject { ["id"] = "b" } }, new() { ["VALUE"] = BlockSamples.Num("2") }),
                BlockSamples.B("variables_set", new() { ["VAR"] = new JsonObject { ["id"] = "c" } }, new() { ["VALUE"] = BlockSamples.Num("3") }),
                BlockSamples.B("controls_repeat_ext", inputs: new() { ["TIMES"] = BlockSamples.Num("2", true), ["DO"] =
                    BlockSamples.B("controls_repeat_ext", inputs: new() { ["TIMES"] = BlockSamples.Num("2", true), ["DO"] = BlockSamples.Print(BlockSamples.B("variables_get", new() { ["VAR"] = new JsonObject { ["id"] = "c" } })) }) })
                )) },
            ["variables"] = new JsonArray(
                new JsonObject { ["name"] = "my var", ["id"] = "a" },
                new JsonObject { ["name"] = "my_var", ["id"] = "b" },
                new JsonObject { ["name"] = "i", ["id"] = "c" }),
        };
        var r = BlocksToCSharp.Convert(ws);
        Assert.Equal("my_var", r.VariableNames["a"]);
        Assert.Equal("my_var2", r.VariableNames["b"]);
        Assert.Contains("for (int j = 0; j < 2; j++)", r.Code);
        Assert.Contains("for (int k = 0; k < 2; k++)", r.Code);
        var c = ChildCompiler.Compile(r.Code);
        Assert.True(c.Success, r.Code + string.Join("\n", c.Diagnostics));
    }

    [Fact]
    public void Function_locals_stay_local_so_recursion_works()
    {
        var src = """
            int Fact(int n)
            {
                int r = 0;
                if (n <= 1)
                {
                    return 1;
                }
                r = n * Fact(n - 1);
                return r;
            }

            Console.WriteLine(Fact(5));

            """.Replace("\r\n", "\n");
        var blocks = CSharpToBlocks.Convert(src);
        Assert.Empty(blocks.Notes);
        var code = BlocksToCSharp.Convert(blocks.Workspace).Code;
        Assert.Equal(src, code);
        Assert.Equal(["120"], Codegen.Run.Print(code));
    }

    [Fact]
    public void List_blocks_make_typed_lists_that_run()
    {
        var ws = BlockSamples.All().First(s => s.Name == "list_add").Workspace;
        var r = BlocksToCSharp.Convert(ws);
        Assert.Equal("""
            List<int> note = new List<int>();
            List<string> names = new List<string>();

            note = new List<int> { 9, 7 };
            note.Add(4);
            note[0] = 10;
            Console.WriteLine(note[1]);
            Console.WriteLine(note.Count);
            foreach (int element in note)
            {
                Console.WriteLine(element);
            }
            names = new List<string>();
            names.Add("Ana");
            Console.WriteLine(names[0]);

            """.Replace("\r\n", "\n"), r.Code);
        Assert.Equal(["7", "3", "10", "7", "4", "Ana"], Codegen.Run.Print(r.Code));
    }

    [Fact]
    public void Disabled_blocks_make_no_code()
    {
        var off = BlockSamples.B("robot_stop");
        off["disabledReasons"] = new JsonArray("MANUALLY_DISABLED");
        var old = BlockSamples.B("led_off");
        old["enabled"] = false;
        var hat = BlockSamples.B("event_button", inputs: new() { ["DO"] = BlockSamples.B("sound_stop") });
        hat["disabledReasons"] = new JsonArray("MANUALLY_DISABLED");
        var print = BlockSamples.Print(BlockSamples.B("robot_distance"));
        ((JsonObject)print["inputs"]!["TEXT"]!["block"]!)["enabled"] = false;
        var ws = BlockSamples.Ws([], BlockSamples.Start(off, BlockSamples.B("robot_forward", inputs: new() { ["SPEED"] = BlockSamples.Num("60", true) }), old, print), hat);
        var r = BlocksToCSharp.Convert(ws);
        Assert.Equal("Robot.Forward(60);\nConsole.WriteLine(0);\n", r.Code);
    }

    [Fact]
    public void Text_and_numbers_in_one_variable_is_a_problem_and_a_compile_error_on_the_number()
    {
        var number = BlockSamples.Num("5");
        var ws = BlockSamples.Ws(["x"], BlockSamples.Start(
            BlockSamples.B("variables_set", new() { ["VAR"] = BlockSamples.Var("x") }, new() { ["VALUE"] = BlockSamples.Text("a") }),
            BlockSamples.B("variables_set", new() { ["VAR"] = BlockSamples.Var("x") }, new() { ["VALUE"] = number })));
        var r = BlocksToCSharp.Convert(ws);
        Assert.Contains(r.Problems, p => p.MessageRo.Contains("„x”") && p.MessageEn.Contains("string"));
        var c = ChildCompiler.Compile(r.Code);
        Assert.Equal((string)number["id"]!, r.Map.BlockOf(c.Errors.First()));
    }
}
