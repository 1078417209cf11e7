using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RoboClub.Board.Image;
using RoboClub.Compiler.Codegen;
using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler;

/// <summary>
/// Compiles a child's C# program (top-level statements, local functions, the child API) to a board image.
/// Roslyn parses and binds it together with the child API (<c>ChildApi/ChildApi.cs</c>); Roslyn's errors
/// are returned as they are; C# the board cannot run yet gives RC1xxx diagnostics in English and Romanian.
/// </summary>
public static class ChildCompiler
{
    /// <summary>The child API's C# source (an embedded resource).</summary>
    public static readonly string ChildApiSource = ReadApi();

    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Regular);

    static readonly Lazy<SyntaxTree> ApiTree = new(() => CSharpSyntaxTree.ParseText(ChildApiSource, ParseOptions, "ChildApi.cs"));


    static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        string[] wanted = ["System.Runtime", "System.Console", "System.Private.CoreLib", "System.Collections", "System.Runtime.Extensions"];
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return paths.Where(p => wanted.Contains(Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    /// <summary>
    /// The child API compiled once to an in-memory assembly: each child's compile then binds against
    /// metadata instead of re-binding the API's source, about a third faster. Its `global using`
    /// lines only apply inside their own assembly, so <see cref="GlobalUsingsTree"/> repeats them
    /// beside every child's file.
    /// </summary>
    static readonly Lazy<MetadataReference> ApiReference = new(() =>
    {
        var library = CSharpCompilation.Create("RoboClub.ChildApi", [ApiTree.Value], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var dll = new MemoryStream();
        var emitted = library.Emit(dll);
        if (!emitted.Success)
            throw new InvalidOperationException("the child API does not compile: " + string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)));
        return MetadataReference.CreateFromImage(dll.ToArray());
    });

    /// <summary>A compilation of <paramref name="tree"/> with the child API, as every compile makes it
    /// (C# → blocks uses it to ask what each name is).</summary>
    internal static CSharpCompilation WithChildApi(SyntaxTree tree) => Template.Value.AddSyntaxTrees(tree);

    static readonly Lazy<SyntaxTree> GlobalUsingsTree = new(() => CSharpSyntaxTree.ParseText(
        string.Join("\n", ChildApiSource.Split('\n').Where(l => l.StartsWith("global using ", StringComparison.Ordinal))),
        ParseOptions, "ChildApiUsings.cs"));

    /// <summary>
    /// Every child's compilation is this one plus the child's file: a compilation made from another
    /// shares its referenced assemblies' symbols, so the framework and the child API are loaded once,
    /// not on every Run.
    /// </summary>
    static readonly Lazy<CSharpCompilation> Template = new(() => CSharpCompilation.Create("child",
        [GlobalUsingsTree.Value],
        [.. References.Value, ApiReference.Value],
        new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable)));


    static string ReadApi()
    {
        using var stream = typeof(ChildCompiler).Assembly.GetManifestResourceStream("RoboClub.Compiler.ChildApi.cs")
            ?? throw new InvalidOperationException("the child API resource is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Names of the child API (classes and members) for "did you mean ...?" suggestions.</summary>
    static readonly Lazy<IReadOnlyCollection<string>> ApiNames = new(() => ApiTree.Value.GetRoot().DescendantNodes()
        .Select(n => n switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax c => c.Identifier.Text,
            Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax m => m.Identifier.Text,
            Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax p => p.Identifier.Text,
            _ => null,
        })
        .Where(n => n is not null && char.IsUpper(n[0]))
        .Concat(["Console", "WriteLine", "Write", "Math"])
        .Distinct()
        .ToArray()!);

    /// <summary>Compiles a child's program: an image, or diagnostics in English and Romanian. Never throws.</summary>
    public static CompileResult Compile(string source, string fileName = "program.cs")
    {
        try
        {
            return CompileUnguarded(source, fileName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Roslyn itself can fail on some broken input (seen: an unclosed $"{ before a comment):
            // the child still gets an answer, and the hub stays up.
            return Fail([Rc(UnsupportedConstructs.Confusing, Location.None)]);
        }
    }

    static CompileResult CompileUnguarded(string source, string fileName)
    {
        // A board holds a 16 KB image (about a thousand lines): refuse far larger sources at once,
        // which also caps the time a compile can take.
        if (source.Length > MaxSourceChars) return Fail([Rc(UnsupportedConstructs.TooBig, Location.None)]);
        // Roslyn's parser slows down sharply on deep brackets (10,000 nested parentheses take seconds),
        // so deep bracket nesting is refused by a linear scan before parsing.
        if (TooDeepBrackets(source, MaxNesting) is int at)
        {
            var line = source.AsSpan(0, at).Count('\n');
            int column = at - (source.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1;
            var tooDeep = UnsupportedConstructs.TooDeep;
            return Fail([new CompileDiagnostic(tooDeep.Id, DiagnosticSeverity.Error, line + 1, column, at, 1, tooDeep.MessageEn, tooDeep.MessageRo)]);
        }
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, fileName);
        // Roslyn's binder (and our code generator) recurse over the tree: 10,000 nested brackets would
        // overflow the stack and take the hub down. No child's program nests 256 deep.
        if (DeepestNode(tree.GetRoot(), MaxNesting) is { } deep)
            return Fail([Rc(UnsupportedConstructs.TooDeep, deep.GetLocation())]);
        var compilation = Template.Value.AddSyntaxTrees(tree);

        var diagnostics = new List<CompileDiagnostic>();
        bool hasStatements = tree.GetCompilationUnitRoot().Members.Any(m => m is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax);
        // One semantic model for the checks and the code generator: binding the program's statements
        // is most of a compile's cost, and the model keeps what it bound.
        var model = compilation.GetSemanticModel(tree);
        var roslyn = model.GetDiagnostics().Where(d =>
            d.Severity is Microsoft.CodeAnalysis.DiagnosticSeverity.Error or Microsoft.CodeAnalysis.DiagnosticSeverity.Warning
            && !(d.Id == "CS5001" && !hasStatements) // an empty program is fine: it does nothing
            && (d.Location.SourceTree == null || d.Location.SourceTree == tree));
        // Roslyn's messages, rewritten for children in English and Romanian (Diagnostics/ChildErrorTable).
        foreach (var c in Diagnostics.ChildDiagnostics.TranslateAll(roslyn, tree, ApiNames.Value, model))
        {
            diagnostics.Add(new CompileDiagnostic(c.Id, c.IsError ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                c.Line, c.Column, c.Start, c.Length, c.MessageEn, c.MessageRo));
        }
        if (diagnostics.Any(d => d.IsError)) return Fail(diagnostics);

        var unsupported = SubsetChecker.Check(tree.GetRoot());
        if (unsupported.Count > 0)
        {
            diagnostics.AddRange(unsupported.Select(u => Rc(u.What, u.Where)));
            return Fail(diagnostics);
        }

        var generator = new CodeGenerator(model, tree);
        byte[]? image;
        try
        {
            image = generator.Generate();
        }
        catch (Exception e) // a compiler bug must not take the hub down: report it like a diagnostic
        {
            diagnostics.Add(Rc(UnsupportedConstructs.Internal, Location.None) with { MessageEn = UnsupportedConstructs.Internal.MessageEn + " (" + e.Message + ")" });
            return Fail(diagnostics);
        }
        if (image == null)
        {
            diagnostics.AddRange(generator.Problems
                .DistinctBy(p => (p.What.Id, p.Where.SourceSpan))
                .OrderBy(p => p.Where.SourceSpan.Start)
                .Select(p => Rc(p.What, p.Where)));
            return Fail(diagnostics);
        }

        // The board's own checks: a program that is too big is the child's to fix; anything else is our bug.
        try
        {
            Verifier.Verify(ImageReader.Read(image));
        }
        catch (ImageException e)
        {
            var what = e.Code is ImageException.TooLarge or ImageException.LimitExceeded ? UnsupportedConstructs.TooBig : UnsupportedConstructs.Internal;
            diagnostics.Add(Rc(what, Location.None) with { MessageEn = what.MessageEn + " (" + e.Message + ")" });
            return Fail(diagnostics);
        }
        return new CompileResult(image, diagnostics, generator.SourceMap);
    }

    static CompileResult Fail(List<CompileDiagnostic> diagnostics) => new(null, diagnostics, []);

    const int MaxNesting = 256;
    const int MaxSourceChars = 200_000;

    /// <summary>Where brackets ( [ { first nest deeper than <paramref name="limit"/>, outside comments,
    /// strings and character literals; null when they never do. A quick guard, not a parser.</summary>
    static int? TooDeepBrackets(string s, int limit)
    {
        int depth = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            char next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '/' && next == '/') { i = s.IndexOf('\n', i); if (i < 0) return null; }
            else if (c == '/' && next == '*') { i = s.IndexOf("*/", i + 2, StringComparison.Ordinal); if (i < 0) return null; i++; }
            else if (c is '"' or '\'')
            {
                for (i++; i < s.Length && s[i] != c && s[i] != '\n'; i++)
                {
                    if (s[i] == '\\') i++;
                }
            }
            else if (c is '(' or '[' or '{') { if (++depth > limit) return i; }
            else if (c is ')' or ']' or '}') { if (depth > 0) depth--; }
        }
        return null;
    }

    /// <summary>The first node nested deeper than <paramref name="limit"/>, found without recursion.</summary>
    static SyntaxNode? DeepestNode(SyntaxNode root, int limit)
    {
        var stack = new Stack<(SyntaxNode Node, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > limit) return node;
            foreach (var child in node.ChildNodes()) stack.Push((child, depth + 1));
        }
        return null;
    }

    static CompileDiagnostic Rc(UnsupportedConstruct what, Location where)
    {
        var span = where.IsInSource ? where.SourceSpan : default;
        var pos = where.IsInSource ? where.GetLineSpan().StartLinePosition : default;
        return new CompileDiagnostic(what.Id, DiagnosticSeverity.Error, pos.Line + 1, pos.Character + 1, span.Start, span.Length, what.MessageEn, what.MessageRo);
    }
}
