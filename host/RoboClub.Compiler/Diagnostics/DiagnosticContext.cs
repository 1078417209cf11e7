using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RoboClub.Compiler.Diagnostics;

/// <summary>
/// What a table entry may look at when deciding whether it applies and when filling its templates:
/// the Roslyn diagnostic, its message's quoted names, the syntax at its span, and did-you-mean suggestions.
/// </summary>
public sealed partial class DiagnosticContext
{
    private readonly IReadOnlyCollection<string> _knownNames;
    private readonly SemanticModel? _model;
    private string? _suggestion;
    private bool _suggestionDone;

    internal DiagnosticContext(Diagnostic diagnostic, SyntaxTree? tree, IReadOnlyCollection<string> knownNames, SemanticModel? model)
    {
        Diagnostic = diagnostic;
        Tree = diagnostic.Location.SourceTree ?? tree;
        _knownNames = knownNames;
        _model = model;
        Message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Quoted = QuotedRegex().Matches(Message).Select(m => m.Groups[1].Value).ToArray();
        Span = diagnostic.Location.IsInSource ? diagnostic.Location.SourceSpan : default;
        if (Tree is not null && diagnostic.Location.IsInSource)
        {
            SyntaxNode root = Tree.GetRoot();
            SpanText = Tree.GetText().ToString(Span);
            if (Span.Start < root.FullSpan.End)
            {
                Token = root.FindToken(Span.Start);
                Node = root.FindNode(Span, getInnermostNodeForTie: true);
            }
        }
    }

    public Diagnostic Diagnostic { get; }
    public string Id => Diagnostic.Id;
    public SyntaxTree? Tree { get; }
    /// <summary>Roslyn's message in the invariant culture.</summary>
    public string Message { get; }
    /// <summary>The names Roslyn put between single quotes in its message, in order.</summary>
    public IReadOnlyList<string> Quoted { get; }
    public Microsoft.CodeAnalysis.Text.TextSpan Span { get; }
    /// <summary>The source text under the diagnostic's span ("" when empty or not in source).</summary>
    public string SpanText { get; } = "";
    public SyntaxToken Token { get; }
    public SyntaxNode? Node { get; }

    /// <summary>The n-th quoted name of the message, or "" when there is none.</summary>
    public string Q(int n) => n < Quoted.Count ? Quoted[n] : "";

    /// <summary>The identifier under the span (from the syntax), else the first quoted name of the message.</summary>
    public string Name => Token.IsKind(SyntaxKind.IdentifierToken) && Token.Span.Start == Span.Start
        ? (Node is MemberAccessExpressionSyntax access && access.Span == Span ? access.Name.Identifier.ValueText : Token.ValueText)
        : Q(0);

    /// <summary>A did-you-mean suggestion for <see cref="Name"/>: members of the receiver's type for
    /// CS1061/CS0117, otherwise known names plus the names declared in the child's program.</summary>
    public string? Suggestion
    {
        get
        {
            if (!_suggestionDone)
            {
                _suggestion = DidYouMean.Suggest(Name, Id switch
                {
                    "CS1061" or "CS0117" => MemberCandidates(),
                    "CS0246" => TypeCandidates(),
                    _ => NameCandidates(),
                });
                _suggestionDone = true;
            }
            return _suggestion;
        }
    }

    /// <summary>True when <see cref="Suggestion"/> differs from <see cref="Name"/> only by capital letters.</summary>
    public bool SuggestionDiffersOnlyByCase =>
        Suggestion is { } s && string.Equals(s, Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The conversion's source type ("Cannot implicitly convert type 'A' to 'B'", "cannot convert from 'A' to 'B'").</summary>
    public string From => Q(0);
    /// <summary>The conversion's target type.</summary>
    public string To => Q(1);

    /// <summary>The argument number in "Argument 2: cannot convert …", or "".</summary>
    public string ArgumentNumber => ArgumentRegex().Match(Message) is { Success: true } m ? m.Groups[1].Value : "";

    /// <summary>A method or member display like 'Robot.Wait(int)' shortened to 'Wait'.</summary>
    public static string Short(string display)
    {
        int paren = display.IndexOf('(', StringComparison.Ordinal);
        string s = paren >= 0 ? display[..paren] : display;
        int dot = s.LastIndexOf('.');
        return dot >= 0 ? s[(dot + 1)..] : s;
    }

    /// <summary>True when the span lies inside the condition of an if/while/do/for or a ?: .</summary>
    public bool InCondition
    {
        get
        {
            for (SyntaxNode? n = Node; n is not null; n = n.Parent)
            {
                switch (n.Parent)
                {
                    case IfStatementSyntax i when i.Condition == n: return true;
                    case WhileStatementSyntax w when w.Condition == n: return true;
                    case DoStatementSyntax d when d.Condition == n: return true;
                    case ForStatementSyntax f when f.Condition == n: return true;
                    case ConditionalExpressionSyntax c when c.Condition == n: return true;
                }
                if (n is StatementSyntax) return false;
            }
            return false;
        }
    }

    /// <summary>True when the span is (inside) an assignment <c>a = b</c> used as a condition.</summary>
    public bool IsAssignmentInCondition =>
        InCondition && Node?.AncestorsAndSelf().TakeWhile(n => n is not StatementSyntax)
            .OfType<AssignmentExpressionSyntax>().Any(a => a.IsKind(SyntaxKind.SimpleAssignmentExpression)) == true;

    private IEnumerable<string> NameCandidates()
    {
        IEnumerable<string> names = _knownNames;
        if (Tree is not null) names = names.Concat(DeclaredNames(Tree.GetRoot()));
        return names;
    }

    private static readonly string[] BuiltInTypes = ["int", "long", "short", "byte", "float", "double", "decimal", "bool", "char", "string", "object", "var", "void"];

    private IEnumerable<string> TypeCandidates()
    {
        IEnumerable<string> names = BuiltInTypes.Concat(_knownNames.Where(n => n.Length > 0 && char.IsUpper(n[0])));
        if (Tree is not null) names = names.Concat(Tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.ValueText));
        return names;
    }

    private IEnumerable<string> MemberCandidates()
    {
        if (_model is not null && Node?.Parent is MemberAccessExpressionSyntax access)
        {
            ITypeSymbol? type = _model.GetTypeInfo(access.Expression).Type
                ?? _model.GetSymbolInfo(access.Expression).Symbol as ITypeSymbol;
            if (type is not null && type.TypeKind != TypeKind.Error)
            {
                var names = new List<string>();
                for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
                    names.AddRange(t.GetMembers().Where(m => m.CanBeReferencedByName && m.DeclaredAccessibility == Accessibility.Public).Select(m => m.Name));
                return names;
            }
        }
        return _knownNames;
    }

    /// <summary>Names the child declared: variables, parameters, methods, local functions, types.</summary>
    public static IEnumerable<string> DeclaredNames(SyntaxNode root)
    {
        foreach (SyntaxNode n in root.DescendantNodes())
        {
            switch (n)
            {
                case VariableDeclaratorSyntax v: yield return v.Identifier.ValueText; break;
                case ParameterSyntax p: yield return p.Identifier.ValueText; break;
                case MethodDeclarationSyntax m: yield return m.Identifier.ValueText; break;
                case LocalFunctionStatementSyntax f: yield return f.Identifier.ValueText; break;
                case SingleVariableDesignationSyntax d: yield return d.Identifier.ValueText; break;
                case ForEachStatementSyntax fe: yield return fe.Identifier.ValueText; break;
                case BaseTypeDeclarationSyntax t: yield return t.Identifier.ValueText; break;
                case PropertyDeclarationSyntax pr: yield return pr.Identifier.ValueText; break;
            }
        }
    }

    /// <summary>True when only spaces or a comment follow the span's start on its line (a missing token at the end of a line).</summary>
    public bool AtEndOfLine
    {
        get
        {
            if (Tree is null) return false;
            var text = Tree.GetText();
            var line = text.Lines.GetLineFromPosition(Span.Start);
            string rest = text.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(Span.Start, line.End)).Trim();
            return rest.Length == 0 || rest.StartsWith("//", StringComparison.Ordinal);
        }
    }

    /// <summary>True when the token at the span is a C# keyword (e.g. <c>int int = 5;</c>).</summary>
    public bool IsKeywordAtSpan => SyntaxFacts.GetKeywordKind(SpanText) != SyntaxKind.None;

    /// <summary>The keyword used as a name: from the source at the span, else Roslyn's message.</summary>
    public string Keyword => IsKeywordAtSpan ? SpanText : Q(0);

    /// <summary>True when the span lies inside the <c>( )</c> of a <c>for</c>.</summary>
    public bool InForHeader => Token.Parent?.AncestorsAndSelf().OfType<ForStatementSyntax>()
        .Any(f => f.OpenParenToken.Span.End <= Span.Start && Span.Start <= f.CloseParenToken.Span.Start) == true;

    /// <summary>True when the span names a method without calling it, as in <c>LedOn;</c>.</summary>
    public bool IsMethodGroup
    {
        get
        {
            if (_model is null || Node is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax)) return false;
            var expression = (ExpressionSyntax)Node;
            SymbolInfo info = _model.GetSymbolInfo(expression);
            return info.Symbol is IMethodSymbol || (info.Symbol is null && info.CandidateSymbols.Length > 0 && info.CandidateSymbols.All(s => s is IMethodSymbol));
        }
    }

    /// <summary>The names templates may use, as <c>{name}</c>; see <see cref="Resolve"/>.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["name", "suggestion", "from", "to", "arg", "text", "keyword", "q0", "q1", "q2", "q0s", "q1s"];

    /// <summary>True when the span is the name being called, as in <c>Name(...)</c>.</summary>
    public bool IsCalled => Node is { Parent: InvocationExpressionSyntax call } n && call.Expression == n;

    /// <summary>True when <see cref="Name"/> names a type (from the semantic model, else the child's own type declarations).</summary>
    public bool IsTypeName
    {
        get
        {
            if (_model is not null && Node is not null)
            {
                SymbolInfo info = _model.GetSymbolInfo(Node);
                if (info.Symbol is ITypeSymbol || info.CandidateSymbols.Any(s => s is ITypeSymbol)) return true;
                if (_model.LookupNamespacesAndTypes(Span.Start, name: Name).Any(s => s is ITypeSymbol)) return true;
            }
            return Tree is not null && Tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Any(t => t.Identifier.ValueText == Name);
        }
    }

    /// <summary>Value of a template placeholder like <c>{name}</c>.</summary>
    public string Resolve(string key) => key switch
    {
        "name" => Name,
        "suggestion" => Suggestion ?? "",
        "from" => From,
        "to" => To,
        "arg" => ArgumentNumber,
        "text" => SpanText,
        "keyword" => Keyword,
        "q0" => Q(0),
        "q1" => Q(1),
        "q2" => Q(2),
        "q0s" => Short(Q(0)),
        "q1s" => Short(Q(1)),
        _ => throw new ArgumentException($"Unknown placeholder {{{key}}}", nameof(key)),
    };

    /// <summary>Replaces every <c>{key}</c> in <paramref name="template"/>.</summary>
    public string Fill(string template) => PlaceholderRegex().Replace(template, m => Resolve(m.Groups[1].Value));

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"Argument (\d+)")]
    private static partial Regex ArgumentRegex();

    [GeneratedRegex(@"\{([a-z0-9]+)\}")]
    internal static partial Regex PlaceholderRegex();
}
