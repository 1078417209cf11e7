namespace RoboClub.Compiler.Diagnostics;

/// <summary>One compiler message, rewritten for a child, in English and Romanian.</summary>
/// <param name="Id">Roslyn diagnostic id, e.g. "CS1002".</param>
/// <param name="EntryKey">Key of the <see cref="ChildErrorEntry"/> that produced the text; null when the message passed through untranslated.</param>
/// <param name="Line">1-based line of the start of the span (0 when the diagnostic has no place in the source).</param>
/// <param name="Column">1-based column of the start of the span (0 when not in the source).</param>
/// <param name="Start">0-based offset of the span in the source.</param>
/// <param name="Length">Length of the span (may be 0, e.g. for a missing <c>;</c>).</param>
/// <param name="MessageEn">Child-friendly English text.</param>
/// <param name="MessageRo">Child-friendly Romanian text.</param>
/// <param name="IsError">True for errors, false for warnings and infos.</param>
/// <param name="OriginalMessage">Roslyn's own message (invariant culture).</param>
public sealed record ChildDiagnostic(
    string Id,
    string? EntryKey,
    int Line,
    int Column,
    int Start,
    int Length,
    string MessageEn,
    string MessageRo,
    bool IsError,
    string OriginalMessage);
