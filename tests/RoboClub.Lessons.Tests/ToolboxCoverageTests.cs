using System.Text.Json.Nodes;
using RoboClub.Compiler.Blocks;

namespace RoboClub.Lessons.Tests;

/// <summary>
/// A child can build each solution from the blocks the lesson shows: the solution turns into blocks
/// with no grey C# block, and every block it needs is in some step's toolbox (variables and
/// functions come from their own categories, numbers and texts are the slots' own shadows).
/// </summary>
public sealed class ToolboxCoverageTests
{
    static readonly HashSet<string> AlwaysThere = ["event_start", "math_number", "text"];
    static readonly HashSet<string> FromVariables = ["variables_set", "variables_get", "math_change"];

    static IEnumerable<string> Types(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            // a comment stays as a grey C# block, which is fine; other grey blocks are not
            bool comment = o["fields"]?["CODE"] is JsonValue code && code.TryGetValue(out string? text) && text.TrimStart().StartsWith("//", StringComparison.Ordinal);
            if (o["type"] is JsonValue v && v.TryGetValue(out string? type) && !comment) yield return type;
            foreach (var (_, child) in o) foreach (string t in Types(child)) yield return t;
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a) foreach (string t in Types(child)) yield return t;
        }
    }

    [Theory]
    [MemberData(nameof(Lessons.Ids), MemberType = typeof(Lessons))]
    public void The_solution_is_made_of_blocks_the_lesson_shows(string id)
    {
        var lesson = Lessons.Get(id);
        var blocks = CSharpToBlocks.Convert(lesson.Solution);
        Assert.Empty(blocks.Notes.Select(n => $"{n.Line}: {n.ReasonEn}"));
        var offered = lesson.Definition.Toolbox.SelectMany(s => s).ToHashSet();
        var missing = Types(blocks.Workspace["blocks"]).Distinct()
            .Where(t => !AlwaysThere.Contains(t) && !offered.Contains(t))
            .Where(t => !(FromVariables.Contains(t) && offered.Contains("variables")))
            .Where(t => !((t.StartsWith("procedures_", StringComparison.Ordinal) || t == "function_return") && offered.Contains("functions")))
            .ToList();
        Assert.True(missing.Count == 0, $"{id}: the solution needs blocks no step shows: {string.Join(", ", missing)}");
    }
}
