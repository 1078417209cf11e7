using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace RoboClub.Compiler.Tests.Differential;

/// <summary>The programs of Differential/Programs (one per file, by category; pending/ and known-bugs/ are not run).</summary>
static class Suite
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Differential", "Programs");
    static readonly string[] NotRun = ["pending", "known-bugs", "board-limits"];

    /// <summary>Programs that must behave the same (every folder but the three not run).</summary>
    public static IReadOnlyDictionary<string, string> Programs { get; } = Load(name => !NotRun.Any(n => name.StartsWith(n + "/", StringComparison.Ordinal)));
    /// <summary>Programs in known-bugs/: they must still differ (when one stops differing, the bug is fixed).</summary>
    public static IReadOnlyDictionary<string, string> KnownBugs { get; } = Load(name => name.StartsWith("known-bugs/", StringComparison.Ordinal));
    static readonly Dictionary<string, string> Compiled = Programs.Concat(KnownBugs).ToDictionary();

    static SortedDictionary<string, string> Load(Func<string, bool> wanted)
    {
        var programs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(Root)) return programs;
        foreach (var path in Directory.EnumerateFiles(Root, "*.cs", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(Root, path).Replace('\\', '/');
            if (wanted(name)) programs[name[..^3]] = File.ReadAllText(path);
        }
        return programs;
    }

    static readonly Lazy<DotnetSide.Compiled> Dotnet = new(() => DotnetSide.CompileAll(Compiled));
    public static DotnetSide.Compiled DotnetPrograms => Dotnet.Value;

    /// <summary>Every program compiled for the board, in parallel with the .NET side's rewrite and emit
    /// (the whole suite's compile work happens once, on both cores).</summary>
    static readonly Lazy<Dictionary<string, CompileResult>> Board = new(() =>
    {
        var dotnet = Task.Run(() => { var sw = Stopwatch.StartNew(); var d = Dotnet.Value; DotnetCompileMs = sw.ElapsedMilliseconds; return d; });
        var names = Compiled.Keys.ToArray();
        var results = new CompileResult[names.Length];
        var watch = Stopwatch.StartNew();
        Parallel.For(0, names.Length, k => results[k] = ChildCompiler.Compile(Compiled[names[k]], names[k] + ".cs"));
        BoardCompileMs = watch.ElapsedMilliseconds;
        dotnet.Wait();
        return names.Select((n, k) => (n, k)).ToDictionary(x => x.n, x => results[x.k]);
    });
    public static CompileResult BoardImage(string name) => Board.Value[name];
    public static long BoardCompileMs, DotnetCompileMs;
}

public class DifferentialTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in Suite.Programs.Keys) data.Add(name);
        return data;
    }

    /// <summary>Each known bug still shows: when one is fixed, this says so (move the program to a category).
    /// A fact over all of them, so an empty known-bugs/ (no bug known) is fine.</summary>
    [Fact]
    public void Known_bugs_still_differ()
    {
        foreach (var program in Suite.KnownBugs.Keys)
        {
            var compiled = Suite.BoardImage(program);
            Assert.True(compiled.Success, $"{program}: the board compiler refused it");
            var all = Suite.DotnetPrograms;
            Assert.False(all.Errors.TryGetValue(program, out var error), $"{program}: {error}");
            var dotnet = DotnetSide.Run(all.Assembly!, all.Namespaces[program]);
            var board = BoardSide.Run(compiled.Image!);
            Assert.True(Diff(dotnet, board) != null, $"{program}: the board now behaves as .NET, so the bug is fixed: move the program out of known-bugs/ into a category");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Board_behaves_as_dotnet(string program)
    {
        var sw = Stopwatch.StartNew();
        var compiled = Suite.BoardImage(program);
        Assert.True(compiled.Success, $"{program}: the board compiler refused it:\n" + string.Join("\n", compiled.Diagnostics.Select(d => $"({d.Line},{d.Column}) {d.Id}: {d.MessageEn}")));
        long compileMs = sw.ElapsedMilliseconds;
        var board = BoardSide.Run(compiled.Image!);
        long boardMs = sw.ElapsedMilliseconds - compileMs;
        var dotnetAll = Suite.DotnetPrograms;
        Assert.False(dotnetAll.Errors.TryGetValue(program, out var error), $"{program}: {error}");
        long dotnetStart = sw.ElapsedMilliseconds;
        var dotnet = DotnetSide.Run(dotnetAll.Assembly!, dotnetAll.Namespaces[program]);
        output.WriteLine($"{program}: {board.Count} trace entries; compile {compileMs} ms, board {boardMs} ms, .NET {sw.ElapsedMilliseconds - dotnetStart} ms");
        foreach (var line in board.Take(60)) output.WriteLine("  " + line);
        string? diff = Diff(dotnet, board);
        if (diff != null) Assert.Fail($"{program}: the board differs from .NET\n{diff}");
    }

    /// <summary>Null when equal; else the first differing entry with a little context.</summary>
    public static string? Diff(List<string> expected, List<string> actual)
    {
        int n = Math.Min(expected.Count, actual.Count);
        int i = 0;
        while (i < n && expected[i] == actual[i]) i++;
        if (i == expected.Count && i == actual.Count) return null;
        var sb = new StringBuilder();
        sb.AppendLine($"first difference at trace entry {i} (entries are 'ms what'; .NET has {expected.Count}, the board {actual.Count}):");
        for (int k = Math.Max(0, i - 3); k < i; k++) sb.AppendLine("    " + expected[k]);
        sb.AppendLine("  .NET : " + (i < expected.Count ? expected[i] : "(end)"));
        sb.AppendLine("  board: " + (i < actual.Count ? actual[i] : "(end)"));
        for (int k = i + 1; k < Math.Min(i + 4, Math.Max(expected.Count, actual.Count)); k++)
            sb.AppendLine($"  next  .NET: {(k < expected.Count ? expected[k] : "(end)")} | board: {(k < actual.Count ? actual[k] : "(end)")}");
        return sb.ToString();
    }

    [Fact]
    public void Suite_has_enough_programs()
    {
        Assert.True(Suite.Programs.Count >= 150, $"{Suite.Programs.Count} programs");
        Suite.BoardImage(Suite.Programs.Keys.First());
        output.WriteLine($"{Suite.Programs.Count} programs; board compile {Suite.BoardCompileMs} ms, .NET rewrite+compile {Suite.DotnetCompileMs} ms (in parallel)");
    }

    [Fact]
    public void Recording_api_mirrors_the_child_api()
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(ChildCompiler.ChildApiSource);
        var missing = new List<string>();
        foreach (var c in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
        {
            if (c.Identifier.Text.EndsWith("Attribute", StringComparison.Ordinal)) continue;
            var type = typeof(Api.World).Assembly.GetType("RoboClub.Compiler.Tests.Differential.Api." + c.Identifier.Text);
            if (type == null) { missing.Add(c.Identifier.Text); continue; }
            foreach (var m in c.Members)
            {
                string name = m switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax md => md.Identifier.Text,
                    Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax pd => pd.Identifier.Text,
                    _ => "",
                };
                if (name != "" && type.GetMember(name).Length == 0) missing.Add(c.Identifier.Text + "." + name);
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void A_difference_is_reported_with_the_first_differing_entry()
    {
        string? diff = Diff(["0 print a", "0 print b"], ["0 print a", "0 print c"]);
        Assert.NotNull(diff);
        Assert.Contains(".NET : 0 print b", diff);
        Assert.Contains("board: 0 print c", diff);
        Assert.Null(Diff(["x"], ["x"]));
    }
}
