namespace RoboClub.Compiler.Diagnostics;

/// <summary>
/// One row of the child-friendly error table: which Roslyn ids it covers, an optional extra condition,
/// and English and Romanian templates. Placeholders: see <see cref="DiagnosticContext.Resolve"/>.
/// </summary>
public sealed record ChildErrorEntry(string Key, IReadOnlyList<string> Ids, string En, string Ro)
{
    /// <summary>Extra condition; the entry applies only when this returns true (null: always).</summary>
    public Func<DiagnosticContext, bool>? When { get; init; }

    public bool Matches(DiagnosticContext context) =>
        Ids.Contains(context.Id, StringComparer.Ordinal) && (When is null || When(context));
}
