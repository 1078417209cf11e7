using System.Collections.Concurrent;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>One compiled stub assembly.</summary>
public sealed class StubAssembly
{
    internal StubAssembly(ApiListing listing, string source, MetadataReference reference, IReadOnlyList<string> dependencies)
    {
        Listing = listing;
        Source = source;
        Reference = reference;
        Dependencies = dependencies;
    }

    public ApiListing Listing { get; }

    /// <summary>The generated C# the stub was compiled from.</summary>
    public string Source { get; }

    /// <summary>The in-memory PE image, usable as a compilation reference.</summary>
    public MetadataReference Reference { get; }

    /// <summary>Listings this one refers to (its stub was compiled against theirs).</summary>
    public IReadOnlyList<string> Dependencies { get; }
}

/// <summary>
/// The listings of one folder, compiled on demand into stub assemblies (one per listing, like the real
/// packages; the core library first, every other one against the stubs of the listings it uses).
/// Instances and compiled stubs are cached for the life of the process: the first check of a test run
/// pays for mscorlib once.
/// </summary>
public sealed class NanoStubLibrary
{
    private const string DefaultCoreLibrary = "mscorlib";
    private static readonly ConcurrentDictionary<string, NanoStubLibrary> Libraries = new(StringComparer.Ordinal);

    private readonly object _gate = new();
    private readonly Dictionary<string, ApiListing> _listings = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StubAssembly> _built = new(StringComparer.OrdinalIgnoreCase);
    private ApiTypeCatalog? _allNonCore;

    private NanoStubLibrary(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public static NanoStubLibrary For(string folder) =>
        Libraries.GetOrAdd(Path.GetFullPath(folder), f => new NanoStubLibrary(f));

    /// <summary>Listing names available in the folder ("mscorlib", "System.Math", ...).</summary>
    public IReadOnlyList<string> AvailableListings() =>
        Directory.GetFiles(Folder, "*.api.txt")
                 .Select(p => Path.GetFileName(p)[..^".api.txt".Length])
                 .OrderBy(n => n, StringComparer.Ordinal)
                 .ToList();

    public ApiListing GetListing(string name)
    {
        name = NormalizeName(name);
        lock (_gate)
        {
            if (!_listings.TryGetValue(name, out var listing))
            {
                var path = Path.Combine(Folder, name + ".api.txt");
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException(
                        $"No listing '{name}.api.txt' in {Folder}. Available: {string.Join(", ", AvailableListings())}", path);
                }
                _listings[name] = listing = ApiListingParser.ParseFile(path);
            }
            return listing;
        }
    }

    /// <summary>
    /// Compiles (or takes from the cache) the stubs of <paramref name="listingNames"/> plus every listing
    /// they refer to, and returns them in build order (core library first). The core library is the
    /// requested listing that declares System.Object, otherwise mscorlib.
    /// </summary>
    public IReadOnlyList<StubAssembly> Resolve(IEnumerable<string> listingNames)
    {
        var requested = listingNames.Select(NormalizeName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        lock (_gate)
        {
            var cores = requested.Where(n => GetListing(n).IsCoreLibrary).ToList();
            if (cores.Count > 1)
            {
                throw new ArgumentException($"More than one core library requested: {string.Join(", ", cores)}");
            }
            var core = cores.Count == 1 ? cores[0] : DefaultCoreLibrary;

            var order = new List<StubAssembly>();
            var visiting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            Build(core, core, requested, order, visiting);
            foreach (var name in requested)
            {
                Build(name, core, requested, order, visiting);
            }
            return order;
        }
    }

    private StubAssembly Build(string name, string core, List<string> requested, List<StubAssembly> order, HashSet<string> visiting)
    {
        var key = core + "|" + name;
        if (_built.TryGetValue(key, out var done))
        {
            AddWithDependencies(done, core, order);
            return done;
        }
        if (!visiting.Add(name))
        {
            throw new InvalidOperationException($"Listing dependency cycle through {name}");
        }

        var listing = GetListing(name);
        var dependencies = listing.IsCoreLibrary ? new List<string>() : Dependencies(listing, core, requested);
        var references = new List<MetadataReference>();
        foreach (var dependency in dependencies)
        {
            references.Add(Build(dependency, core, requested, order, visiting).Reference);
        }
        if (!listing.IsCoreLibrary)
        {
            // Transitive references too, as a nanoFramework project references every package it gets.
            references = Closure(dependencies, core).Select(s => s.Reference).Distinct().ToList();
        }

        var catalogListings = new List<ApiListing> { listing };
        catalogListings.AddRange(Closure(dependencies, core).Select(s => s.Listing));
        var source = new NanoStubGenerator(new ApiTypeCatalog(catalogListings)).Generate(listing);
        var stub = new StubAssembly(listing, source, Compile(listing, source, references), dependencies);
        _built[key] = stub;
        visiting.Remove(name);
        AddWithDependencies(stub, core, order);
        return stub;
    }

    private List<StubAssembly> Closure(IEnumerable<string> names, string core)
    {
        var result = new List<StubAssembly>();
        var stack = new Stack<string>(names);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (!seen.Add(name))
            {
                continue;
            }
            var stub = _built[core + "|" + name];
            result.Add(stub);
            foreach (var dependency in stub.Dependencies)
            {
                stack.Push(dependency);
            }
        }
        return result;
    }

    private void AddWithDependencies(StubAssembly stub, string core, List<StubAssembly> order)
    {
        foreach (var dependency in stub.Dependencies)
        {
            AddWithDependencies(_built[core + "|" + dependency], core, order);
        }
        if (!order.Contains(stub))
        {
            order.Add(stub);
        }
    }

    /// <summary>
    /// The listings whose types <paramref name="listing"/> names: the core library, then for every dotted
    /// name in its signatures the listing declaring it (preferring requested listings; a name declared by
    /// several other listings is an error, as it would be ambiguous).
    /// </summary>
    private List<string> Dependencies(ApiListing listing, string core, List<string> requested)
    {
        var coreListing = GetListing(core);
        var own = new ApiTypeCatalog(new[] { listing });
        var preferred = new ApiTypeCatalog(requested.Where(n => !GetListing(n).IsCoreLibrary).Select(GetListing).Append(coreListing));
        var everything = AllNonCoreCatalog();
        var result = new List<string> { coreListing.Name };

        foreach (var dotted in ReferencedNames(listing))
        {
            if (own.ListingsDeclaringPrefixOf(dotted).Any())
            {
                continue;
            }
            var declaring = preferred.ListingsDeclaringPrefixOf(dotted).ToList();
            if (declaring.Count == 0)
            {
                declaring = everything.ListingsDeclaringPrefixOf(dotted).ToList();
            }
            if (declaring.Count > 1)
            {
                throw new InvalidOperationException(
                    $"{listing.Name}: '{dotted}' is declared by {string.Join(" and ", declaring.Select(l => l.Name))}; name the one to use.");
            }
            if (declaring.Count == 1 && !result.Contains(declaring[0].Name, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(declaring[0].Name);
            }
        }
        return result;
    }

    private static IEnumerable<string> ReferencedNames(ApiListing listing)
    {
        foreach (var type in listing.AllTypes())
        {
            var texts = type.Bases.Concat(type.Attributes).Append(type.DelegateSignature)
                .Concat(type.Members.SelectMany(m => m.Attributes.Append(m.Signature)));
            foreach (var text in texts)
            {
                foreach (var name in GlobalNameQualifier.DottedNames(text))
                {
                    yield return name;
                }
            }
        }
    }

    private ApiTypeCatalog AllNonCoreCatalog()
    {
        if (_allNonCore is null)
        {
            var listings = AvailableListings().Select(GetListing).Where(l => !l.IsCoreLibrary);
            _allNonCore = new ApiTypeCatalog(listings);
        }
        return _allNonCore;
    }

    private static MetadataReference Compile(ApiListing listing, string source, IReadOnlyList<MetadataReference> references)
    {
        var tree = CSharpSyntaxTree.ParseText(
            source,
            new CSharpParseOptions(LanguageVersion.Latest),
            path: listing.Name + ".stubs.cs",
            encoding: Encoding.UTF8);
        var compilation = CSharpCompilation.Create(
            listing.AssemblyName,
            new[] { tree },
            references,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Disable,
                concurrentBuild: false,
                deterministic: true));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var lines = source.Split('\n');
            var report = new StringBuilder($"The stubs generated from {listing.Name}.api.txt do not compile ({errors.Count} errors):");
            foreach (var error in errors.Take(50))
            {
                var line = error.Location.GetLineSpan().StartLinePosition.Line;
                report.AppendLine().Append("  ").Append(error).AppendLine()
                      .Append("    > ").Append(line < lines.Length ? lines[line].Trim() : "");
            }
            throw new InvalidOperationException(report.ToString());
        }
        return MetadataReference.CreateFromImage(image.ToArray(), filePath: listing.AssemblyName + ".dll");
    }

    private static string NormalizeName(string name)
    {
        name = Path.GetFileName(name.Trim());
        return name.EndsWith(".api.txt", StringComparison.OrdinalIgnoreCase) ? name[..^".api.txt".Length] : name;
    }
}
