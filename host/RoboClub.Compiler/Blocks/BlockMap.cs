namespace RoboClub.Compiler.Blocks;

/// <summary>Where the C# of one block is: 1-based lines and columns, the end exclusive (the column after its last character).</summary>
public sealed record BlockSpan(string BlockId, string Type, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public bool Contains(int line, int column)
        => (line > StartLine || (line == StartLine && column >= StartColumn))
        && (line < EndLine || (line == EndLine && column < EndColumn));

    /// <summary>Orders spans by size so the innermost wins: lines first, then characters.</summary>
    internal long Size => (EndLine - StartLine) * 1_000_000L + (EndColumn - StartColumn);
}

/// <summary>
/// The side table of blocks → C#: for each block id, the span of the C# it produced. A compile diagnostic's
/// line/column or a runtime error's source-map line/column finds its block with <see cref="BlockAt"/>; live
/// highlighting uses the same lookup.
/// </summary>
public sealed class BlockMap
{
    readonly List<BlockSpan> spans;
    readonly Dictionary<string, BlockSpan> byId = new();

    public BlockMap(IEnumerable<BlockSpan> spans)
    {
        this.spans = spans.ToList();
        foreach (var s in this.spans) byId.TryAdd(s.BlockId, s);
    }

    public IReadOnlyList<BlockSpan> Spans => spans;

    /// <summary>The span of a block's C#, or null (a block that produced no code).</summary>
    public BlockSpan? SpanOf(string blockId) => byId.GetValueOrDefault(blockId);

    /// <summary>The innermost block whose C# contains the 1-based line and column, or null.</summary>
    public string? BlockAt(int line, int column) => SpanAt(line, column)?.BlockId;

    public BlockSpan? SpanAt(int line, int column)
    {
        BlockSpan? best = null;
        foreach (var s in spans)
            if (s.Contains(line, column) && (best == null || s.Size.CompareTo(best.Size) < 0)) best = s;
        // A position at the end of a line or in its indentation: the innermost block starting on that line.
        if (best == null)
            foreach (var s in spans)
                if (s.StartLine <= line && line <= s.EndLine && (best == null || s.Size.CompareTo(best.Size) < 0)) best = s;
        return best;
    }

    /// <summary>The block of a compile diagnostic (null when it lies on a declaration line or outside any block).</summary>
    public string? BlockOf(CompileDiagnostic d) => BlockAt(d.Line, d.Column);
}

/// <summary>A problem found while turning blocks into C# (an empty slot, an unknown block), with the block it concerns.</summary>
public sealed record BlocksProblem(string? BlockId, string MessageEn, string MessageRo);

/// <summary>The C# of a workspace, its block map, problems, and the C# name and type chosen for each Blockly variable id.</summary>
public sealed record BlocksCode(
    string Code,
    BlockMap Map,
    IReadOnlyList<BlocksProblem> Problems,
    IReadOnlyDictionary<string, string> VariableNames,
    IReadOnlyDictionary<string, string> VariableTypes);
