using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RoboClub.Compiler.Blocks;

namespace RoboClub.Compiler.Tests.Blocks;

public class CatalogTests
{
    static List<string> Placeholders(string message) => Regex.Matches(message, "%([0-9]+)").Select(m => m.Groups[1].Value).Order().ToList();

    [Fact]
    public void Block_types_are_unique()
    {
        var types = BlockCatalog.All.Select(b => b.Type).ToList();
        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.True(types.Count >= 60, $"{types.Count} block kinds");
    }

    [Fact]
    public void Every_block_has_both_languages_with_the_same_placeholders()
    {
        foreach (var b in BlockCatalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(b.MessageEn), b.Type);
            Assert.False(string.IsNullOrWhiteSpace(b.MessageRo), b.Type);
            Assert.False(string.IsNullOrWhiteSpace(b.TooltipEn), b.Type);
            Assert.False(string.IsNullOrWhiteSpace(b.TooltipRo), b.Type);
            var en = Placeholders(b.MessageEn);
            Assert.Equal(en, Placeholders(b.MessageRo));
            // %1..%N, each once, one per argument
            Assert.Equal(Enumerable.Range(1, b.Args.Length).Select(i => i.ToString()).Order().ToList(), en);
            // a % not followed by a digit would confuse Blockly's message parser
            Assert.DoesNotMatch("%[^0-9]", b.MessageEn + b.MessageRo);
        }
    }

    [Fact]
    public void Romanian_uses_comma_below_letters()
    {
        foreach (var b in BlockCatalog.All)
        {
            var ro = b.MessageRo + b.TooltipRo + string.Concat(b.Args.SelectMany(a => a.Options ?? []).Select(o => o.Ro));
            Assert.DoesNotContain('ş', ro); // s-cedilla
            Assert.DoesNotContain('ţ', ro); // t-cedilla
        }
        Assert.Equal("mergi înainte cu viteza %1", BlockCatalog.Find("robot_forward")!.MessageRo);
    }

    [Fact]
    public void Every_child_api_member_has_a_block()
    {
        var api = ChildCompiler.ChildApiSource;
        var members = new List<string>();
        string? cls = null;
        foreach (var line in api.Split('\n'))
        {
            var c = Regex.Match(line, @"public static class (\w+)");
            if (c.Success) { cls = c.Groups[1].Value; continue; }
            var m = Regex.Match(line, @"public static \w+(?:\.\w+)? (\w+)\s*[\(=]");
            if (m.Success && cls != null) members.Add(cls == "Kids" ? m.Groups[1].Value : $"{cls}.{m.Groups[1].Value}");
        }
        Assert.True(members.Count >= 30, string.Join(", ", members));
        var texts = string.Join("\n", BlockCatalog.All.Select(b => b.CSharp));
        foreach (var m in members)
            Assert.True(Regex.IsMatch(texts, @"(^|[^\w.])" + Regex.Escape(m) + @"\b"), $"no block for {m}");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ro")]
    public void Blockly_json_has_a_definition_for_every_block_not_defined_by_blockly(string lang)
    {
        var defs = JsonNode.Parse(BlockCatalog.ToBlocklyJson(lang))!.AsArray().Select(d => d!.AsObject()).ToList();
        Assert.Equal(BlockCatalog.All.Where(b => !b.Builtin).Select(b => b.Type), defs.Select(d => (string)d["type"]!));
        foreach (var d in defs)
        {
            var def = BlockCatalog.Find((string)d["type"]!)!;
            Assert.Equal(def.Message(lang), (string)d["message0"]!);
            Assert.Equal(def.Args.Length, d["args0"]?.AsArray().Count ?? 0);
            Assert.True(d.ContainsKey("colour"));
            Assert.Equal(def.Output != null, d.ContainsKey("output"));
            Assert.Equal(def.HasPrevious, d.ContainsKey("previousStatement"));
            Assert.Equal(def.HasNext, d.ContainsKey("nextStatement"));
            foreach (var a in d["args0"]?.AsArray() ?? [])
                Assert.StartsWith((string)a!["type"]! is var t && t.StartsWith("input_") ? "input_" : "field_", t);
        }
        var forward = defs.Single(d => (string)d["type"]! == "robot_forward");
        Assert.Equal("Number", (string)forward["args0"]![0]!["check"]!);
    }

    [Fact]
    public void Toolboxes_show_the_blocks_of_their_board()
    {
        static List<string> Types(string board, string lang) => JsonNode.Parse(BlockCatalog.ToolboxJson(board, lang))!["contents"]!.AsArray()
            .SelectMany(c => c!["contents"]?.AsArray() ?? []).Select(b => (string)b!["type"]!).ToList();
        var robot = Types("robot", "en");
        var weather = Types("weather", "ro");
        Assert.Contains("robot_forward", robot);
        Assert.DoesNotContain("weather_temperature", robot);
        Assert.Contains("weather_temperature", weather);
        Assert.DoesNotContain("robot_forward", weather);
        foreach (var both in new[] { "control_wait", "led_color", "event_every", "text_print", "controls_if" })
        {
            Assert.Contains(both, robot);
            Assert.Contains(both, weather);
        }
        Assert.DoesNotContain("csharp_statement", robot);
        var ro = JsonNode.Parse(BlockCatalog.ToolboxJson("robot", "ro"))!["contents"]!.AsArray();
        Assert.Contains(ro, c => (string?)c!["name"] == "Variabile" && (string?)c["custom"] == "VARIABLE");
        Assert.Contains(ro, c => (string?)c!["name"] == "Funcții" && (string?)c["custom"] == "PROCEDURE");
        var forward = ro.SelectMany(c => c!["contents"]?.AsArray() ?? []).First(b => (string)b!["type"]! == "robot_forward")!;
        Assert.Equal(60, (int)forward["inputs"]!["SPEED"]!["shadow"]!["fields"]!["NUM"]!);
    }
}

public class BlocksDocTests
{
    [Fact]
    public void Docs_blocks_md_lists_the_catalog()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "docs", "csharp-for-kids.md"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "docs", "blocks.md");
        var table = BlockCatalog.MarkdownTable();
        if (Environment.GetEnvironmentVariable("ROBOCLUB_WRITE_BLOCKS_TABLE") == "1") File.WriteAllText(path + ".table", table);
        Assert.Contains(table, File.ReadAllText(path).Replace("\r\n", "\n"));
    }
}
