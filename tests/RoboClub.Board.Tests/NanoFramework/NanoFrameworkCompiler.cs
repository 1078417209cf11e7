using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>How <see cref="NanoFrameworkCompiler"/> compiles.</summary>
public sealed record NanoCompileOptions
{
    /// <summary>Folder of *.api.txt listings; null: <see cref="NanoFrameworkApiLocation.FindListingsFolder"/>.</summary>
    public string? ListingsFolder { get; init; }

    /// <summary>
    /// C# 9: the default of the nanoFramework project system (NFProjectSystem.Default.props, since
    /// nf-Visual-Studio-extension PR #617, 2021) and the LangVersion of RoboClub.Board.csproj.
    /// </summary>
    public LanguageVersion LanguageVersion { get; init; } = LanguageVersion.CSharp9;

    /// <summary>NANOFRAMEWORK_1_0 is what the nanoFramework project system defines for its projects.</summary>
    public IReadOnlyList<string> PreprocessorSymbols { get; init; } = new[] { "NANOFRAMEWORK_1_0" };

    public string AssemblyName { get; init; } = "NanoFrameworkCheck";
}

/// <summary>The outcome of compiling sources against the nanoFramework stubs.</summary>
public sealed class NanoCompileResult
{
    internal NanoCompileResult(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<string> referencedListings)
    {
        Diagnostics = diagnostics;
        ReferencedListings = referencedListings;
    }

    /// <summary>Every diagnostic of the compilation (errors and warnings), in source order.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    public IReadOnlyList<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    public bool Success => Errors.Count == 0;

    /// <summary>The listings whose stubs were referenced: the requested ones plus what they depend on.</summary>
    public IReadOnlyList<string> ReferencedListings { get; }

    /// <summary>One line per diagnostic, "path(line,col): error CS0246: ...", paths relative to <paramref name="baseDirectory"/>.</summary>
    public string Format(string? baseDirectory = null, bool errorsOnly = false)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in Diagnostics.Where(d => !errorsOnly || d.Severity == DiagnosticSeverity.Error))
        {
            var span = diagnostic.Location.GetLineSpan();
            var path = span.Path;
            if (baseDirectory is not null && path.Length > 0)
            {
                path = Path.GetRelativePath(baseDirectory, path);
            }
            text.Append(path.Length == 0 ? "<no file>" : path)
                .Append('(').Append(span.StartLinePosition.Line + 1).Append(',').Append(span.StartLinePosition.Character + 1).Append("): ")
                .Append(diagnostic.Severity.ToString().ToLowerInvariant()).Append(' ').Append(diagnostic.Id).Append(": ")
                .AppendLine(diagnostic.GetMessage());
        }
        return text.ToString();
    }

    public override string ToString() => Format();
}

/// <summary>
/// Compiles C# sources as a library against ONLY the nanoFramework stubs (no .NET reference assemblies):
/// what does not compile here does not compile for nanoFramework 1.x. Reusable by any project that must
/// also build for nanoFramework (the board runtime now, the ESP32 firmware later).
/// </summary>
public static class NanoFrameworkCompiler
{
    /// <summary>The packages the board runtime (RoboClub.Board) may use: no hardware, no network.</summary>
    public static readonly IReadOnlyList<string> BoardRuntimeListings = new[]
    {
        "mscorlib",
        "nanoFramework.System.Collections",
        "System.Math",
        "nanoFramework.System.Text",
        "System.Threading",
        "System.Diagnostics.Stopwatch",
    };

    public static NanoCompileResult Compile(IEnumerable<string> sourceFiles, string[] listingNames, NanoCompileOptions? options = null)
    {
        options ??= new NanoCompileOptions();
        var parseOptions = ParseOptions(options);
        var trees = sourceFiles
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, Path.GetFullPath(path), Encoding.UTF8))
            .ToList();
        return Compile(trees, listingNames, options);
    }

    /// <summary>Compiles source text (one file per entry, named by the key).</summary>
    public static NanoCompileResult CompileSources(IReadOnlyDictionary<string, string> sources, string[] listingNames, NanoCompileOptions? options = null)
    {
        options ??= new NanoCompileOptions();
        var parseOptions = ParseOptions(options);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Value, parseOptions, s.Key, Encoding.UTF8)).ToList();
        return Compile(trees, listingNames, options);
    }

    public static NanoCompileResult CompileSource(string source, string[] listingNames, NanoCompileOptions? options = null) =>
        CompileSources(new Dictionary<string, string> { ["Sample.cs"] = source }, listingNames, options);

    private static CSharpParseOptions ParseOptions(NanoCompileOptions options) =>
        new(options.LanguageVersion, DocumentationMode.Parse, SourceCodeKind.Regular, options.PreprocessorSymbols);

    private static NanoCompileResult Compile(IReadOnlyList<SyntaxTree> trees, string[] listingNames, NanoCompileOptions options)
    {
        var library = NanoStubLibrary.For(options.ListingsFolder ?? NanoFrameworkApiLocation.FindListingsFolder());
        var stubs = library.Resolve(listingNames);
        var compilation = CSharpCompilation.Create(
            options.AssemblyName,
            trees,
            stubs.Select(s => s.Reference),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Disable,
                deterministic: true));

        // Emit, not just GetDiagnostics: some missing-runtime-support errors (e.g. members the compiler
        // needs to lower a construct) are only reported while generating code.
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var diagnostics = emitted.Diagnostics
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
        return new NanoCompileResult(diagnostics, stubs.Select(s => s.Listing.Name).ToList());
    }
}
