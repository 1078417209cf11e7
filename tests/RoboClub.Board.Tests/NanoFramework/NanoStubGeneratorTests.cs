using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>The stub generator on small hand-written listings, and on every listing in the shared folder.</summary>
public sealed class NanoStubGeneratorTests
{
    private readonly ITestOutputHelper _output;

    public NanoStubGeneratorTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private const string TinyCore = """
        # assembly mscorlib 0.0 (test)
        namespace System
        class public Object
          ctor public ()
          method public virtual string ToString()
        class public abstract ValueType : object
          ctor protected ()
        class public abstract Enum : System.ValueType
          ctor protected ()
        struct public Void
        struct public Boolean
        struct public Int32
          field public const int MaxValue = 2147483647
        struct public Char
        class public sealed String : object
          indexer public char this[int index] { get; }
          property public int Length { get; }
        class public abstract Array : object
          ctor protected ()
        class public abstract Attribute : object
          ctor protected ()
        class public abstract Delegate : object
          ctor protected ()
        class public abstract MulticastDelegate : System.Delegate
          ctor protected ()
        struct public IntPtr
        class public Exception : object
          ctor public (string message)
          property public virtual string Message { get; }
        class public sealed NoCtorException : System.Exception
        class public Outer : object
          ctor public ()
          property public System.Outer.Inner Child { get; protected set; }
        enum public Outer+Inner : int
          member A = 1
          attr [System.ObsoleteAttribute("gone", true)]
          member B = 2
        class public sealed ObsoleteAttribute : System.Attribute
          ctor public (string message, bool error)
        delegate public void Handler(object sender)
        namespace System.Reflection
        class public sealed DefaultMemberAttribute : System.Attribute
          ctor public (string memberName)
        namespace System.Runtime.CompilerServices
        class public sealed IndexerNameAttribute : System.Attribute
          ctor public (string indexerName)
        namespace System
        interface public IThing
          property public int Value { get; }
          event public System.Handler Changed
          method public void Do(int times = 1)
        namespace Other.System
        class public Shadow : object
          ctor public ()
          method public System.Exception Make(System.Outer.Inner kind = System.Outer.Inner.A)
        # end
        """;

    [Fact]
    public void ParsesNestedTypesEnumsDelegatesAndAttributes()
    {
        var listing = ApiListingParser.Parse("tiny", TinyCore.Split('\n').Select(l => l.TrimEnd('\r')));

        Assert.Equal("mscorlib", listing.AssemblyName);
        Assert.True(listing.IsCoreLibrary);
        var outer = listing.Types.Single(t => t.Name == "Outer");
        var inner = Assert.Single(outer.Nested);
        Assert.Equal("System.Outer.Inner", inner.FullName);
        Assert.Equal(ApiTypeKind.Enum, inner.Kind);
        Assert.Equal(new[] { "A = 1", "B = 2" }, inner.Members.Select(m => m.Signature));
        Assert.Single(inner.Members[1].Attributes);
        var handler = listing.Types.Single(t => t.Name == "Handler");
        Assert.Equal("void Handler(object sender)", handler.DelegateSignature);
        Assert.Equal(new[] { "System.Exception" }, listing.Types.Single(t => t.Name == "NoCtorException").Bases);
    }

    [Fact]
    public void GeneratedCoreLibraryCompilesAloneAndShapesTheApi()
    {
        var listing = ApiListingParser.Parse("tiny", TinyCore.Split('\n').Select(l => l.TrimEnd('\r')));
        var source = new NanoStubGenerator(new ApiTypeCatalog(new[] { listing })).Generate(listing);
        _output.WriteLine(source);

        // Names inside "namespace Other.System" must still reach the root System namespace.
        Assert.Contains("public global::System.Exception Make(global::System.Outer.Inner kind = global::System.Outer.Inner.A)", source);
        // No listed ctor: an internal one, chained to the base's only (parameterised) ctor.
        Assert.Contains("internal NoCtorException() : base(default(string)) { throw null; }", source);
        // Accessor bodies, never auto-properties; interface members without bodies.
        Assert.Contains("public global::System.Outer.Inner Child { get { throw null; } protected set { } }", source);
        Assert.Contains("event global::System.Handler Changed;", source);
        Assert.Contains("[global::System.Runtime.CompilerServices.IndexerNameAttribute(\"Chars\")]", source);

        var compilation = CSharpCompilation.Create("mscorlib",
            new[] { CSharpSyntaxTree.ParseText(source) },
            Array.Empty<MetadataReference>(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void QualifierLeavesLiteralsAndNumbersAlone()
    {
        Assert.Equal(
            "void M(string s = \"System.X\", char c = '.', double d = 1.5E+3, global::System.AttributeTargets t = global::System.AttributeTargets.All)",
            GlobalNameQualifier.Qualify("void M(string s = \"System.X\", char c = '.', double d = 1.5E+3, System.AttributeTargets t = System.AttributeTargets.All)"));
        Assert.Equal(
            "int global::System.Collections.IList.this[int index] { get; }",
            GlobalNameQualifier.Qualify("int System.Collections.IList.this[int index] { get; }"));
        Assert.Equal(
            new[] { "System.Collections.IList.Add", "System.Func" },
            GlobalNameQualifier.DottedNames("int System.Collections.IList.Add(System.Func<int> f, int x)"));
    }

    /// <summary>Every listing in the shared folder turns into stubs that compile (against its dependencies' stubs).</summary>
    [Fact]
    public void EveryListingInTheFolderCompilesToStubs()
    {
        var library = NanoStubLibrary.For(NanoFrameworkApiLocation.FindListingsFolder());
        var failures = new List<string>();
        foreach (var name in library.AvailableListings())
        {
            try
            {
                var stubs = library.Resolve(new[] { name });
                _output.WriteLine($"{name}: {string.Join(", ", stubs.Select(s => s.Listing.Name))}");
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                failures.Add(ex.Message);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
