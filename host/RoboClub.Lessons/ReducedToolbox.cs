using System.Text.Json.Nodes;
using RoboClub.Compiler.Blocks;

namespace RoboClub.Lessons;

/// <summary>
/// A step's toolbox, as MakeCode tutorials do: the board's full toolbox with only the blocks this
/// step names (empty categories dropped). "variables" and "functions" keep Blockly's dynamic categories.
/// </summary>
public static class ReducedToolbox
{
    public static string Json(string boardKind, string language, IReadOnlyCollection<string> blockTypes)
    {
        var toolbox = JsonNode.Parse(BlockCatalog.ToolboxJson(boardKind, language))!.AsObject();
        var kept = new JsonArray();
        foreach (var node in toolbox["contents"]!.AsArray().ToList())
        {
            var category = node!.AsObject();
            string? custom = (string?)category["custom"];
            if (custom is not null)
            {
                if (blockTypes.Contains(custom == "VARIABLE" ? "variables" : "functions")) kept.Add(category.DeepClone());
                continue;
            }
            var blocks = new JsonArray();
            foreach (var block in category["contents"]!.AsArray())
                if (blockTypes.Contains((string?)block!["type"] ?? "")) blocks.Add(block.DeepClone());
            if (blocks.Count == 0) continue;
            var copy = category.DeepClone().AsObject();
            copy["contents"] = blocks;
            kept.Add(copy);
        }
        toolbox["contents"] = kept;
        return toolbox.ToJsonString();
    }
}
