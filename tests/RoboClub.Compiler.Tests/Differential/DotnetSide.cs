using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RoboClub.Compiler.Tests.Differential.Api;

namespace RoboClub.Compiler.Tests.Differential;

/// <summary>
/// Side (b): the same program compiled by Roslyn as ordinary .NET, with the board's number type.
/// The programs are bound against the real child API (all in one compilation, to know their types and
/// constants), then each is rewritten:
///  - `double` becomes `float`; every constant expression of a floating type (and every int constant
///    computed from floating constants) becomes the float literal of its value, because the board's
///    compiler folds constants with Roslyn (in double) and stores the result as a float;
///  - the top level becomes a class, as the board compiler sees it: top-level locals are static
///    fields (globals, default until assigned), top-level local functions are static methods, the
///    Every/When/OnMessage/OnButton statements move to Register() (scripts exist from the start),
///    and the rest is Main() (the on-start script).
/// All programs are compiled into one in-memory assembly (one emit for the whole suite), loaded in a
/// collectible AssemblyLoadContext, against the recording API in this test assembly
/// (Differential/DotnetApi.cs), imported through global usings (Console = RecordingConsole,
/// Math = BoardMath, Robot/Weather/Led/Sound/Button, using static Kids).
/// </summary>
static class DotnetSide
{
    static readonly CSharpParseOptions Parse = new(LanguageVersion.Latest);

    const string GlobalUsings = """
        global using static RoboClub.Compiler.Tests.Differential.Api.Kids;
        global using Console = RoboClub.Compiler.Tests.Differential.Api.RecordingConsole;
        global using Math = RoboClub.Compiler.Tests.Differential.Api.BoardMath;
        global using Robot = RoboClub.Compiler.Tests.Differential.Api.Robot;
        global using Weather = RoboClub.Compiler.Tests.Differential.Api.Weather;
        global using Led = RoboClub.Compiler.Tests.Differential.Api.Led;
        global using Sound = RoboClub.Compiler.Tests.Differential.Api.Sound;
        global using Button = RoboClub.Compiler.Tests.Differential.Api.Button;
        global using System.Collections.Generic;
        """;

    static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return paths.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(World).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(RoboClub.Board.Image.TriggerKind).Assembly.Location))
            .ToArray();
    });

    static readonly Lazy<SyntaxTree> ChildApiTree = new(() => CSharpSyntaxTree.ParseText(ChildCompiler.ChildApiSource, Parse, "ChildApi.cs"));

    public sealed record Compiled(Assembly? Assembly, Dictionary<string, string> Errors, Dictionary<string, string> Namespaces, Dictionary<string, string> Texts);

    /// <summary>Rewrites and compiles every program (name → source) into one assembly.</summary>
    public static Compiled CompileAll(IReadOnlyDictionary<string, string> programs)
    {
        var errors = new Dictionary<string, string>();
        var namespaces = new Dictionary<string, string>();
        var texts = new Dictionary<string, string>();
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(GlobalUsings, Parse, "GlobalUsings.cs") };
        var treeOwner = new Dictionary<SyntaxTree, string>();
        var names = programs.Keys.ToArray();
        var results = new (string? Text, SyntaxTree? Tree, string? Error)[names.Length];
        // One binding compilation for the whole suite (the child API is bound once), then each
        // program is rewritten in parallel; a program whose rewrite fails is retried on its own.
        var parsed = names.Select(n => CSharpSyntaxTree.ParseText(programs[n], Parse, n + ".cs")).ToArray();
        var binding = BindingCompilation(parsed);
        Parallel.For(0, names.Length, k =>
        {
            string ns = "P" + k.ToString(CultureInfo.InvariantCulture);
            try
            {
                string text;
                try { text = Transform(parsed[k], binding.GetSemanticModel(parsed[k]), ns); }
                catch (Exception) { text = Transform(programs[names[k]], ns); }
                results[k] = (text, CSharpSyntaxTree.ParseText(text, Parse, names[k]), null);
            }
            catch (Exception e)
            {
                results[k] = (null, null, "rewrite failed: " + e);
            }
        });
        for (int k = 0; k < names.Length; k++)
        {
            namespaces[names[k]] = "P" + k.ToString(CultureInfo.InvariantCulture);
            if (results[k].Error is { } e) { errors[names[k]] = e; continue; }
            texts[names[k]] = results[k].Text!;
            trees.Add(results[k].Tree!);
            treeOwner[results[k].Tree!] = names[k];
        }
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable,
            optimizationLevel: OptimizationLevel.Release, checkOverflow: false);
        while (true)
        {
            var compilation = CSharpCompilation.Create("DifferentialPrograms" + Guid.NewGuid().ToString("N"), trees, References.Value, options);
            using var ms = new MemoryStream();
            var result = compilation.Emit(ms);
            if (result.Success)
            {
                var alc = new AssemblyLoadContext("differential", isCollectible: true);
                ms.Position = 0;
                return new Compiled(alc.LoadFromStream(ms), errors, namespaces, texts);
            }
            var bad = result.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            var badTrees = bad.Select(d => d.Location.SourceTree).Where(t => t != null && treeOwner.ContainsKey(t)).Distinct().ToList();
            if (badTrees.Count == 0) throw new InvalidOperationException("the .NET side does not compile: " + string.Join("\n", bad));
            foreach (var t in badTrees)
            {
                errors[treeOwner[t!]] = ".NET compile errors:\n" + string.Join("\n", bad.Where(d => d.Location.SourceTree == t)) + "\n--- rewritten program:\n" + t!.ToString();
                trees.Remove(t!);
            }
        }
    }

    /// <summary>Runs one compiled program in the simulated board; returns its trace.</summary>
    public static List<string> Run(Assembly assembly, string ns)
    {
        var type = assembly.GetType(ns + ".__Program", throwOnError: true)!;
        var register = type.GetMethod("__Register")!.CreateDelegate<Action>();
        var main = type.GetMethod("__Main")!.CreateDelegate<Action>();
        return World.Run(register, main);
    }

    static readonly HashSet<string> ScriptHelpers = ["Every", "When", "OnMessage", "OnButton"];

    static CSharpCompilation BindingCompilation(IEnumerable<SyntaxTree> programs)
        => CSharpCompilation.Create("bind", programs.Prepend(ChildApiTree.Value), References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));

    public static string Transform(string source, string ns)
    {
        var tree = CSharpSyntaxTree.ParseText(source, Parse, "program.cs");
        return Transform(tree, BindingCompilation([tree]).GetSemanticModel(tree), ns);
    }

    /// <summary>Rewrites one program, bound by <paramref name="model"/> (a compilation may bind many
    /// programs at once: Roslyn binds each file's top-level statements on their own, and the only
    /// error it adds — several files with top-level statements — does not matter here).</summary>
    static string Transform(SyntaxTree tree, SemanticModel model, string ns)
    {
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var rewritten = (CompilationUnitSyntax)new FloatRewriter(model).Visit(root)!;

        var usings = new StringBuilder();
        var fields = new StringBuilder();
        var methods = new StringBuilder();
        var register = new StringBuilder();
        var main = new StringBuilder();
        foreach (var u in rewritten.Usings) usings.AppendLine(u.ToString());
        for (int k = 0; k < root.Members.Count; k++)
        {
            if (root.Members[k] is not GlobalStatementSyntax original || rewritten.Members[k] is not GlobalStatementSyntax now)
                throw new NotSupportedException("only top-level statements: " + root.Members[k].Kind());
            var statement = now.Statement;
            switch (original.Statement)
            {
                case LocalFunctionStatementSyntax:
                    {
                        var lf = (LocalFunctionStatementSyntax)statement;
                        lf = lf.WithModifiers(SyntaxFactory.TokenList(lf.Modifiers.Where(m => !m.IsKind(SyntaxKind.StaticKeyword))));
                        methods.Append("static ").AppendLine(lf.ToFullString().Trim());
                        break;
                    }
                case LocalDeclarationStatementSyntax ld:
                    {
                        var nld = (LocalDeclarationStatementSyntax)statement;
                        for (int v = 0; v < ld.Declaration.Variables.Count; v++)
                        {
                            var local = (ILocalSymbol)model.GetDeclaredSymbol(ld.Declaration.Variables[v])!;
                            string type = TypeText(local.Type);
                            var declarator = nld.Declaration.Variables[v];
                            string name = declarator.Identifier.Text;
                            if (ld.IsConst)
                                fields.AppendLine($"const {type} {name} = {declarator.Initializer!.Value};");
                            else
                            {
                                fields.AppendLine($"static {type} {name};");
                                if (declarator.Initializer is { } init)
                                {
                                    string value = init.Value is InitializerExpressionSyntax ? $"new {type} {init.Value}" : init.Value.ToString();
                                    main.AppendLine($"{name} = {value};");
                                }
                            }
                        }
                        break;
                    }
                case ExpressionStatementSyntax es when es.Expression is InvocationExpressionSyntax inv && ScriptHelpers.Contains(CalledName(inv)):
                    register.AppendLine(statement.ToFullString().Trim());
                    break;
                default:
                    main.AppendLine(statement.ToFullString().TrimEnd());
                    break;
            }
        }
        return $$"""
            {{usings}}
            namespace {{ns}}
            {
            public static class __Program
            {
            {{fields}}
            {{methods}}
            public static void __Register()
            {
            {{register}}
            }
            public static void __Main()
            {
            {{main}}
            }
            }
            }
            """;
    }

    static string CalledName(InvocationExpressionSyntax inv) => inv.Expression switch
    {
        IdentifierNameSyntax id => id.Identifier.Text,
        MemberAccessExpressionSyntax ma => ma.Name.Identifier.Text,
        _ => "",
    };

    static string TypeText(ITypeSymbol type) => Regex.Replace(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), @"\bdouble\b", "float");

    /// <summary>double → float, floating constants → float literals of their (double-folded) value.</summary>
    sealed class FloatRewriter(SemanticModel model) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? Visit(SyntaxNode? node)
        {
            if (node is ExpressionSyntax e && node is not TypeSyntax && node.Parent is not null)
            {
                var c = model.GetConstantValue(e);
                if (c.HasValue)
                {
                    if (c.Value is double d) return Literal((float)d).WithTriviaFrom(e);
                    if (c.Value is float f) return Literal(f).WithTriviaFrom(e);
                    if (c.Value is int n && e is not LiteralExpressionSyntax && e.DescendantNodes().OfType<LiteralExpressionSyntax>().Any(l => l.Token.Value is double or float))
                        return IntLiteral(n).WithTriviaFrom(e);
                }
            }
            return base.Visit(node);
        }

        public override SyntaxNode? VisitPredefinedType(PredefinedTypeSyntax node)
            => node.Keyword.IsKind(SyntaxKind.DoubleKeyword)
                ? SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.FloatKeyword)).WithTriviaFrom(node)
                : node;

        static ExpressionSyntax Literal(float f)
        {
            string text = float.IsNaN(f) ? "float.NaN"
                : float.IsPositiveInfinity(f) ? "float.PositiveInfinity"
                : float.IsNegativeInfinity(f) ? "float.NegativeInfinity"
                : f.ToString("R", CultureInfo.InvariantCulture) + "f";
            return SyntaxFactory.ParseExpression("(" + text + ")");
        }

        static ExpressionSyntax IntLiteral(int n)
            => SyntaxFactory.ParseExpression(n == int.MinValue ? "(-2147483647 - 1)" : "(" + n.ToString(CultureInfo.InvariantCulture) + ")");
    }
}
