using Microsoft.CodeAnalysis;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity; // RoboClub.Compiler has its own DiagnosticSeverity

namespace RoboClub.Compiler.Diagnostics;

/// <summary>Turns Roslyn diagnostics into child-friendly English and Romanian messages.</summary>
public static class ChildDiagnostics
{
    public const string PassThroughEn = "The C# compiler says: ";
    public const string PassThroughRo = "Compilatorul C# spune: ";

    /// <summary>
    /// Translates one diagnostic. <paramref name="knownNames"/> are the child API names and any other names
    /// to suggest; names declared in <paramref name="tree"/> are added automatically. With a
    /// <paramref name="model"/>, unknown members are matched against the receiver type's members.
    /// </summary>
    public static ChildDiagnostic Translate(Diagnostic d, SyntaxTree? tree, IReadOnlyCollection<string> knownNames, SemanticModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(knownNames);
        var context = new DiagnosticContext(d, tree, knownNames, model);
        int line = 0, column = 0;
        if (d.Location.IsInSource)
        {
            var pos = d.Location.GetLineSpan().StartLinePosition;
            line = pos.Line + 1;
            column = pos.Character + 1;
        }
        // The first matching row whose placeholders all have a value (after broken code Roslyn may quote
        // an empty name; "``" in the text would only confuse the child), else Roslyn's own message.
        foreach (ChildErrorEntry entry in ChildErrorTable.Entries.Where(e => e.Matches(context)))
        {
            string en = context.Fill(entry.En);
            string ro = context.Fill(entry.Ro);
            if (en.Contains("``", StringComparison.Ordinal) || ro.Contains("``", StringComparison.Ordinal)) continue;
            return new ChildDiagnostic(d.Id, entry.Key, line, column, context.Span.Start, context.Span.Length,
                en, ro, d.Severity == RoslynSeverity.Error, context.Message);
        }
        return new ChildDiagnostic(d.Id, null, line, column, context.Span.Start, context.Span.Length,
            PassThroughEn + context.Message, PassThroughRo + context.Message, d.Severity == RoslynSeverity.Error, context.Message);
    }

    /// <summary>
    /// Translates many diagnostics: hidden ones are skipped, only the first diagnostic at each position is kept
    /// (errors before warnings; later ones at the same place are usually cascades), and after a syntax error
    /// the other errors later on the same line are dropped too (they are almost always cascades). Ordered by position.
    /// </summary>
    public static IReadOnlyList<ChildDiagnostic> TranslateAll(IEnumerable<Diagnostic> diagnostics, SyntaxTree? tree, IReadOnlyCollection<string> knownNames, SemanticModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        List<Diagnostic> kept = diagnostics
            .Where(d => d.Severity != RoslynSeverity.Hidden)
            .Select((d, index) => (d, index))
            .GroupBy(x => x.d.Location.IsInSource ? x.d.Location.SourceSpan.Start : -1)
            .Select(g => g.OrderBy(x => x.d.Severity == RoslynSeverity.Error ? 0 : 1).ThenBy(x => x.index).First())
            .OrderBy(x => x.d.Location.IsInSource ? x.d.Location.SourceSpan.Start : -1)
            .ThenBy(x => x.index)
            .Select(x => x.d)
            .ToList();

        // Positions of syntax (parser) errors, by line: a later error on the same line is a cascade.
        var firstSyntaxErrorOnLine = new Dictionary<int, int>();
        var syntaxErrors = new HashSet<(string, int)>();
        foreach (Diagnostic d in kept)
        {
            SyntaxTree? t = d.Location.SourceTree ?? tree;
            if (t is null || !d.Location.IsInSource || d.Severity != RoslynSeverity.Error) continue;
            if (syntaxErrors.Count == 0)
                foreach (Diagnostic s in t.GetDiagnostics().Where(s => s.Location.IsInSource))
                    syntaxErrors.Add((s.Id, s.Location.SourceSpan.Start));
            if (!syntaxErrors.Contains((d.Id, d.Location.SourceSpan.Start))) continue;
            int line = d.Location.GetLineSpan().StartLinePosition.Line;
            firstSyntaxErrorOnLine.TryAdd(line, d.Location.SourceSpan.Start);
        }

        return kept
            .Where(d => !d.Location.IsInSource
                || !firstSyntaxErrorOnLine.TryGetValue(d.Location.GetLineSpan().StartLinePosition.Line, out int first)
                || d.Location.SourceSpan.Start <= first
                || d.Severity != RoslynSeverity.Error)
            .Select(d => Translate(d, tree, knownNames, model))
            .ToList();
    }
}
