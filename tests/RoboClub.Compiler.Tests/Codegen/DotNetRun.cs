using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RoboClub.Compiler.Tests.Codegen;

/// <summary>
/// Runs a child's program as ordinary .NET C# (Roslyn emit, loaded in a collectible context) with a
/// Console shim that records lines, so a test can compare the board's output with what C# prints.
/// Programs compared this way use float (the board's number type) and no child-API hardware.
/// </summary>
static class DotNet
{
    const string Shim = """

        static class Console
        {
            [System.ThreadStatic] public static System.Collections.Generic.List<string> Lines;
            public static void WriteLine(object o) => Lines.Add(o is System.IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : o?.ToString() ?? "");
            public static void WriteLine() => Lines.Add("");
            public static void Write(object o) => WriteLine(o);
        }
        """;

    static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray());

    /// <summary>What the program prints under .NET; the last line is "throws X" if it threw.</summary>
    public static List<string> Print(string source)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var tree = CSharpSyntaxTree.ParseText(source + Shim, options);
        // What `dotnet new console` gives a program: implicit usings.
        var usings = CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.Linq;", options);
        var compilation = CSharpCompilation.Create("child" + Guid.NewGuid().ToString("N"), [tree, usings], References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));
        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)));
        var context = new AssemblyLoadContext(null, isCollectible: true);
        try
        {
            pe.Position = 0;
            var assembly = context.LoadFromStream(pe);
            var console = assembly.GetType("Console")!.GetField("Lines")!;
            var lines = new List<string>();
            console.SetValue(null, lines);
            try
            {
                var entry = assembly.EntryPoint!;
                entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
            }
            catch (TargetInvocationException e) { lines.Add("throws " + e.InnerException!.GetType().Name); }
            return lines;
        }
        finally { context.Unload(); }
    }
}
