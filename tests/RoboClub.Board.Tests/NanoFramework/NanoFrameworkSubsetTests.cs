using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>
/// The board runtime (firmware/RoboClub.Board) must also compile for .NET nanoFramework 1.x. These tests
/// compile its sources against compile-only stubs of nanoFramework's public API (generated from
/// shared/nanoframework-api/*.api.txt) with no .NET reference assembly at all, and prove the check can fail.
/// </summary>
public sealed class NanoFrameworkSubsetTests
{
    private static readonly string[] Listings = NanoFrameworkCompiler.BoardRuntimeListings.ToArray();

    private readonly ITestOutputHelper _output;

    public NanoFrameworkSubsetTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void ListingsFolderIsPresent()
    {
        // Throws (fails, never skips) with a message saying where it looked and how to fix it.
        var folder = NanoFrameworkApiLocation.FindListingsFolder();
        foreach (var name in Listings)
        {
            Assert.True(File.Exists(Path.Combine(folder, name + ".api.txt")), $"{name}.api.txt missing in {folder}");
        }
    }

    [Fact]
    public void BoardRuntimeCompilesAgainstNanoFrameworkStubs()
    {
        var repository = NanoFrameworkApiLocation.FindRepositoryRoot();
        var projectFolder = Path.Combine(repository, "firmware", "RoboClub.Board");
        var sources = Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(projectFolder, path))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(sources);

        var options = new NanoCompileOptions
        {
            LanguageVersion = ProjectLanguageVersion(Path.Combine(projectFolder, "RoboClub.Board.csproj")),
            AssemblyName = "RoboClub.Board",
        };
        var watch = Stopwatch.StartNew();
        var result = NanoFrameworkCompiler.Compile(sources, Listings, options);
        _output.WriteLine($"{sources.Count} files, C# {options.LanguageVersion.ToDisplayString()}, " +
                          $"stubs: {string.Join(", ", result.ReferencedListings)}; {watch.ElapsedMilliseconds} ms");
        _output.WriteLine(result.Format(repository));

        Assert.True(result.Success,
            $"firmware/RoboClub.Board does not compile for nanoFramework 1.x ({result.Errors.Count} errors). " +
            "Only what the nanoFramework packages in NanoFrameworkCompiler.BoardRuntimeListings offer may be used " +
            "(no generics, LINQ, async, Span<T>, tuples, records, Nullable<T>):\n" + result.Format(repository));
    }

    public static TheoryData<string, string, string[]> NotInNanoFramework => new()
    {
        {
            "generic List<T>",
            "class C { object M() { return new System.Collections.Generic.List<int>(); } }",
            new[] { "CS0234" } // The type or namespace name 'Generic' does not exist in the namespace 'System.Collections'
        },
        {
            "LINQ",
            "using System.Linq; class C { object M(int[] x) { return x.Select(i => i * 2); } }",
            new[] { "CS0234", "CS1061" } // no System.Linq namespace; no Select on int[]
        },
        {
            "async Task",
            "using System.Threading.Tasks; class C { async Task M() { } }",
            new[] { "CS0234", "CS0246" } // no System.Threading.Tasks, no Task
        },
        {
            "Span<byte>",
            "class C { void M(byte[] b) { System.Span<byte> s = b; } }",
            new[] { "CS0234" } // no System.Span`1 (nanoFramework has SpanByte instead)
        },
        {
            "tuple (int, int)",
            "class C { (int, int) M() { return (1, 2); } }",
            new[] { "CS8179" } // Predefined type 'System.ValueTuple`2' is not defined or imported
        },
        {
            "record",
            "record Point(int X, int Y);",
            new[] { "CS0518" } // Predefined type 'System.IEquatable`1' (and more) is not defined or imported
        },
        {
            "Nullable<int> (int?)",
            "class C { int? M() { return null; } }",
            new[] { "CS0518" } // Predefined type 'System.Nullable`1' is not defined or imported
        },
        {
            "Enum.GetValues",
            "enum E { A } class C { object M() { return System.Enum.GetValues(typeof(E)); } }",
            new[] { "CS0117" } // 'Enum' does not contain a definition for 'GetValues'
        },
        {
            "string.IsNullOrWhiteSpace",
            "class C { bool M(string s) { return string.IsNullOrWhiteSpace(s); } }",
            new[] { "CS0117" }
        },
        {
            "Math.Clamp(int, int, int)",
            "class C { int M(int i) { return System.Math.Clamp(i, 0, 10); } }",
            new[] { "CS0266" } // binds to Clamp(long, long, long): cannot implicitly convert long to int
        },
        {
            "DateTime.Now",
            "class C { object M() { return System.DateTime.Now; } }",
            new[] { "CS0117" } // nanoFramework has UtcNow only
        },
        {
            "string.Format with an IFormatProvider",
            "class C { string M(int i) { return string.Format(System.Globalization.CultureInfo.CurrentUICulture, \"{0}\", i); } }",
            new[] { "CS1503" } // only Format(string, params object[]) exists
        },
        {
            "Encoding.UTF8.GetString(byte[])",
            "class C { string M(byte[] b) { return System.Text.Encoding.UTF8.GetString(b); } }",
            new[] { "CS7036" } // only GetString(byte[], int, int)
        },
        {
            "volatile field",
            "class C { volatile bool _running; void Stop() { _running = false; } }",
            new[] { "CS0518" } // Predefined type 'System.Runtime.CompilerServices.IsVolatile': nanoFramework's mscorlib lacks it
        },
        {
            "decimal",
            "class C { decimal M() { return 1m; } }",
            new[] { "CS0518" } // Predefined type 'System.Decimal' is not defined or imported
        },
    };

    /// <summary>The check can fail: .NET features nanoFramework 1.x lacks are compile errors against the stubs.</summary>
    [Theory]
    [MemberData(nameof(NotInNanoFramework))]
    public void WhatNanoFrameworkLacksDoesNotCompile(string feature, string source, string[] expectedErrorIds)
    {
        var result = NanoFrameworkCompiler.CompileSource(source, Listings);
        _output.WriteLine(result.Format());

        Assert.False(result.Success, $"{feature} compiled against the nanoFramework stubs, but nanoFramework 1.x lacks it");
        var ids = result.Errors.Select(e => e.Id).Distinct().ToList();
        Assert.True(expectedErrorIds.Any(ids.Contains),
            $"{feature}: expected one of {string.Join(", ", expectedErrorIds)}, got:\n{result.Format()}");
    }

    [Fact]
    public void GenericListIsReportedAsAMissingType()
    {
        var result = NanoFrameworkCompiler.CompileSource(
            "using System.Collections.Generic; class C { List<int> Items = new List<int>(); }", Listings);

        var error = Assert.Single(result.Errors, e => e.Id == "CS0234");
        Assert.Contains("'Generic' does not exist in the namespace 'System.Collections'", error.GetMessage());
        Assert.Contains(result.Errors, e => e.Id == "CS0246" && e.GetMessage().Contains("'List<>'", StringComparison.Ordinal));
        Assert.Contains("Sample.cs(1,", result.Format());
    }

    /// <summary>
    /// Listed by nanoFramework's mscorlib 1.17.11, so they DO compile (a nanoFramework project compiles them too):
    /// IsExternalInit makes init accessors legal; Action/Func/EventHandler&lt;T&gt; generic delegates are declared
    /// (README: treat them as unusable on 1.x firmware, the runtime lacks generics support).
    /// </summary>
    [Theory]
    [InlineData("init accessor", "class C { public int X { get; init; } }")]
    [InlineData("generic delegate Action<T>", "class C { System.Action<int> A; void M() { A = x => { }; A(1); } }")]
    public void ListedByNanoFrameworkAndThereforeCompiles(string feature, string source)
    {
        var result = NanoFrameworkCompiler.CompileSource(source, Listings);
        Assert.True(result.Success, $"{feature}:\n{result.Format()}");
    }

    [Fact]
    public void WhatTheRuntimeNeedsCompiles()
    {
        const string source = """
            using System;
            using System.Collections;
            using System.Diagnostics;
            using System.Text;
            using System.Threading;

            namespace Sample
            {
                public interface IPart { void Tick(long nowMs); }

                public enum Command : byte { Stop = 0, Forward = 1, Turn = 2 }

                public sealed class Scheduler : IPart, IDisposable
                {
                    private readonly ArrayList _parts = new ArrayList();
                    private readonly Hashtable _byName = new Hashtable();
                    private readonly Queue _inbox = new Queue();
                    private readonly Stack _undo = new Stack();
                    private readonly object _lock = new object();
                    private Timer _timer;
                    private Thread _worker;
                    private bool _running;

                    public event EventHandler Changed;

                    public int Count { get { return _parts.Count; } }

                    public void Add(string name, IPart part)
                    {
                        lock (_lock)
                        {
                            _parts.Add(part);
                            _byName[name] = part;
                            _undo.Push(name);
                        }
                        if (Changed != null) { Changed(this, EventArgs.Empty); }
                    }

                    public void Start()
                    {
                        _running = true;
                        _timer = new Timer(OnTimer, null, 0, 50);
                        _worker = new Thread(Run);
                        _worker.Start();
                    }

                    private int _ticks;

                    private void OnTimer(object state) { Interlocked.Increment(ref _ticks); _inbox.Enqueue(Clock.NowMs()); }

                    private void Run()
                    {
                        var watch = Stopwatch.StartNew();
                        while (_running)
                        {
                            Tick(watch.ElapsedMilliseconds);
                            Thread.Sleep(10);
                        }
                    }

                    public void Tick(long nowMs)
                    {
                        foreach (IPart part in _parts)
                        {
                            try { part.Tick(nowMs); }
                            catch (InvalidOperationException ex) { Debug.WriteLine(ex.Message); }
                            catch (Exception) { throw; }
                            finally { _running = _running && true; }
                        }
                        foreach (DictionaryEntry entry in _byName) { var key = (string)entry.Key; }
                        while (_inbox.Count > 0) { _inbox.Dequeue(); }
                    }

                    public static string Describe(byte command, double speed, int count, float celsius)
                    {
                        string name;
                        switch (command)
                        {
                            case (byte)Command.Stop: name = "stop"; break;
                            case 1: name = "forward"; break;
                            default: name = "?"; break;
                        }
                        var text = new StringBuilder();
                        text.Append(name).Append(' ').Append(string.Format("{0:D3} {1:F2} {2:N0}", count, speed, count));
                        text.AppendLine($"t={celsius:F1} n={count}");
                        var power = (int)Math.Max(-100, Math.Min(100, Math.Round(speed * 100)));
                        var angle = Math.Atan2(1.0, 2.0) * 180 / Math.PI;
                        var bytes = Encoding.UTF8.GetBytes(text.ToString());
                        var back = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
                        // foreach over a string and a 7-case string switch need String.get_Chars (CorePlumbing).
                        foreach (char c in back) { if (c == '\n') { break; } }
                        switch (back) { case "a": case "b": case "c": case "d": case "e": case "f": case "g": return "x"; }
                        int parsed;
                        if (int.TryParse("42", out parsed) && back.StartsWith("stop") && back.IndexOf(' ') > 0)
                        {
                            return back.Substring(0, 4).ToUpper() + power + angle.ToString("F1");
                        }
                        return back.Trim() + string.Concat("a", "b", "c");
                    }

                    public void Dispose()
                    {
                        _running = false;
                        if (_timer != null) { _timer.Dispose(); }
                        using (var cts = new CancellationTokenSource()) { cts.Cancel(); }
                        var elapsed = TimeSpan.FromMilliseconds(1500);
                        Thread.Sleep(elapsed);
                        _worker.Join(1000);
                    }
                }

                internal static class Clock
                {
                    public static long NowMs() { return DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond; }
                }

                public abstract class Part : IPart
                {
                    protected Part(string name) { Name = name; }
                    public string Name { get; private set; }
                    public abstract void Tick(long nowMs);
                    public override string ToString() { return "Part " + Name; }
                }

                public sealed class Led : Part
                {
                    private readonly int[] _rgb = new int[] { 0, 0, 0 };
                    public Led() : base("led") { }
                    public override void Tick(long nowMs) { _rgb[0] = (int)(nowMs % 256); }
                    public int this[int channel] { get { return _rgb[channel]; } }
                }
            }
            """;

        var result = NanoFrameworkCompiler.CompileSource(source, Listings);
        _output.WriteLine(result.Format());
        Assert.True(result.Success, result.Format());
    }

    private static bool IsBuildOutput(string projectFolder, string path)
    {
        var relative = Path.GetRelativePath(projectFolder, path).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);
    }

    /// <summary>The runtime project's own LangVersion, so this check and the .NET build agree (C# 9 if unset).</summary>
    private static LanguageVersion ProjectLanguageVersion(string projectFile)
    {
        var value = XDocument.Load(projectFile).Descendants("LangVersion").Select(e => e.Value.Trim()).FirstOrDefault();
        if (value is null)
        {
            return LanguageVersion.CSharp9;
        }
        Assert.True(LanguageVersionFacts.TryParse(value, out var version), $"unknown LangVersion '{value}' in {projectFile}");
        return version;
    }
}
