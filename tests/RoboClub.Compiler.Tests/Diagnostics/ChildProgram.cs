using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RoboClub.Compiler.Diagnostics;
using RoslynSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace RoboClub.Compiler.Tests.Diagnostics;

/// <summary>Compiles a tiny child program (top-level statements) next to a stand-in robot API.</summary>
internal static class ChildProgram
{
    /// <summary>Stand-in child API, in its own file, so the child's program starts at line 1.</summary>
    public const string Api = """
        global using static Robot;
        public static class Robot
        {
            public static void Wait(int ms) { }
            public static void LedOn() { }
            public static void LedOff() { }
            public static void Move(int left, int right) { }
            public static int Distance => 42;
            public static double Temperature() => 21.5;
        }
        public class Motor
        {
            public int Speed { get; set; }
            public int Port { get; }
            public void Start() { }
            public void Stop() { }
        }
        """;

    /// <summary>Names the child API offers (what the caller of Translate passes as known names).</summary>
    public static readonly string[] KnownNames = ["Wait", "LedOn", "LedOff", "Move", "Distance", "Temperature", "Motor", "Robot", "temperatură"];

    private static readonly MetadataReference[] References = LoadReferences();

    private static MetadataReference[] LoadReferences()
    {
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        string[] wanted = ["System.Private.CoreLib", "System.Runtime", "System.Console"];
        return tpa.Split(Path.PathSeparator)
            .Where(p => wanted.Contains(Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    }

    public sealed record Result(SyntaxTree Tree, SemanticModel Model, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ChildDiagnostic> Translated);

    public static Result Compile(string source)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, options, path: "child.cs");
        SyntaxTree api = CSharpSyntaxTree.ParseText(Api, options, path: "api.cs");
        var compilation = CSharpCompilation.Create("Child", [tree, api], References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var diagnostics = compilation.GetDiagnostics()
            .Where(d => d.Location.SourceTree == tree && d.Severity != RoslynSeverity.Hidden)
            .ToList();
        SemanticModel model = compilation.GetSemanticModel(tree);
        return new Result(tree, model, diagnostics, ChildDiagnostics.TranslateAll(diagnostics, tree, KnownNames, model));
    }
}
