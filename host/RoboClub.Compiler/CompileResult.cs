namespace RoboClub.Compiler;

public enum DiagnosticSeverity { Warning, Error }

/// <summary>
/// One problem in a child's program. Roslyn's own errors (Id "CS....") are passed through with Roslyn's
/// English message and no Romanian one (the child-friendly table translates them); the compiler's
/// own RC1xxx diagnostics carry both languages. Line and Column are 1-based; Start/Length are the span
/// in the child's file (0-based characters).
/// </summary>
public sealed record CompileDiagnostic(
    string Id,
    DiagnosticSeverity Severity,
    int Line,
    int Column,
    int Start,
    int Length,
    string MessageEn,
    string? MessageRo)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;
    public bool FromRoslyn => Id.StartsWith("CS", StringComparison.Ordinal);

    /// <summary>The message in "en" or "ro" (Romanian falls back to English for Roslyn's messages).</summary>
    public string Message(string language = "en") => language == "ro" && MessageRo != null ? MessageRo : MessageEn;

    public override string ToString() => $"{Line}:{Column} {Id} {MessageEn}";
}

/// <summary>Where an instruction came from: <see cref="CodeOffset"/> is relative to its function's code start.</summary>
public readonly record struct SourceMapEntry(int CodeOffset, int Line, int Column);

/// <summary>The source map of one image function (index as in the image), ordered by code offset.</summary>
public sealed record FunctionSourceMap(int FunctionIndex, string Name, IReadOnlyList<SourceMapEntry> Entries)
{
    /// <summary>The line/column of the statement that contains <paramref name="codeOffset"/> (a runtime error's offset), or null.</summary>
    public SourceMapEntry? Find(int codeOffset)
    {
        SourceMapEntry? best = null;
        foreach (var e in Entries)
        {
            if (e.CodeOffset <= codeOffset) best = e;
            else break;
        }
        return best;
    }
}

public sealed class CompileResult
{
    public CompileResult(byte[]? image, IReadOnlyList<CompileDiagnostic> diagnostics, IReadOnlyList<FunctionSourceMap> sourceMap)
    {
        Image = image;
        Diagnostics = diagnostics;
        SourceMap = sourceMap;
    }

    public bool Success => Image != null;
    public byte[]? Image { get; }
    public IReadOnlyList<CompileDiagnostic> Diagnostics { get; }
    public IReadOnlyList<FunctionSourceMap> SourceMap { get; }
    public IEnumerable<CompileDiagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
