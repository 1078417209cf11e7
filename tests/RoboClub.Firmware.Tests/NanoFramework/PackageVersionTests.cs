namespace RoboClub.Firmware.Tests.NanoFramework;

/// <summary>
/// packages.config, the .nfproj's references and the API listings (shared/nanoframework-api/README.txt
/// versions) cannot drift apart: the app is checked against the APIs of exactly the packages it builds with.
/// </summary>
public class PackageVersionTests
{
    private static readonly List<ListingInfo> Listings =
        ListingIndex.Read().Where(l => !l.File.EndsWith(".NoReflection", StringComparison.Ordinal)).ToList();

    /// <summary>The NuGet package an assembly comes in: the listings name M2Mqtt.Core after its assembly, but it
    /// ships inside the nanoFramework.M2Mqtt package (the listings' README, section 6).</summary>
    private static string PackageOf(ListingInfo listing) =>
        listing.NuGetId == "nanoFramework.M2Mqtt.Core" ? "nanoFramework.M2Mqtt" : listing.NuGetId;

    [Fact]
    public void Every_package_has_the_version_of_its_api_listing()
    {
        var packages = FirmwareSources.Packages();
        Assert.NotEmpty(packages);
        Assert.Equal(packages.Count, packages.Select(p => p.Id).Distinct().Count());
        foreach (var (id, version) in packages)
        {
            var listed = Listings.Where(l => l.NuGetId == id).ToList();
            Assert.True(listed.Count > 0, $"packages.config: {id} has no API listing, so the app cannot be checked against it");
            Assert.All(listed, l => Assert.True(l.NuGetVersion == version, $"packages.config: {id} {version}, but the API listing is {l.NuGetVersion}"));
        }
        Assert.Contains(packages, p => p.Id == "nanoFramework.CoreLibrary" && p.Version == "1.17.11");
        Assert.Contains(packages, p => p.Id == "nanoFramework.M2Mqtt");
    }

    [Fact]
    public void Every_reference_matches_a_package_and_its_listing()
    {
        var packages = FirmwareSources.Packages().ToDictionary(p => p.Id, p => p.Version);
        var references = FirmwareSources.References();
        foreach (var r in references)
        {
            var listing = Listings.SingleOrDefault(l => l.Assembly == r.Assembly);
            Assert.True(listing is not null, $".nfproj references {r.Assembly}, which has no API listing");
            var fourPart = listing.AssemblyVersion.Count(c => c == '.') == 3 ? listing.AssemblyVersion : listing.AssemblyVersion + ".0";
            Assert.True(r.Version == fourPart, $".nfproj: {r.Assembly} Version={r.Version}, the listing says {fourPart}");
            var package = PackageOf(listing);
            Assert.True(packages.TryGetValue(package, out var version), $".nfproj references {r.Assembly} from {package}, which is not in packages.config");
            Assert.Equal(listing.NuGetVersion, version);
            var expectedHint = $"packages\\{package}.{version}\\lib\\{r.Assembly}.dll";
            Assert.Equal(expectedHint, r.HintPath);
        }

        // And the other way: every package gives the project at least one assembly.
        foreach (var id in packages.Keys)
        {
            Assert.Contains(references, r => Listings.Any(l => l.Assembly == r.Assembly && PackageOf(l) == id));
        }
    }

    [Fact]
    public void Dependencies_of_referenced_packages_are_referenced_too()
    {
        // nanoFramework deploys every assembly an app needs: a binding's dependency left out of the
        // .nfproj would fail on the board. The stub library knows each listing's dependencies.
        var library = RoboClub.Board.Tests.NanoFramework.NanoStubLibrary.For(RoboClub.Board.Tests.NanoFramework.NanoFrameworkApiLocation.FindListingsFolder());
        var referenced = FirmwareCompatibilityTests.ReferencedListings();
        var closure = library.Resolve(referenced).Select(s => s.Listing.Name).ToList();
        Assert.Empty(closure.Except(referenced, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_project_compiles_every_source_folder_and_the_runtime()
    {
        var patterns = FirmwareSources.CompilePatterns();
        Assert.Contains(@"..\RoboClub.Board\**\*.cs", patterns);
        var folders = FirmwareSources.SourcesUnder(FirmwareSources.AppFolder)
            .Select(p => Path.GetRelativePath(FirmwareSources.AppFolder, p).Replace('\\', '/').Split('/')[0])
            .Distinct();
        foreach (var folder in folders)
        {
            Assert.True(patterns.Contains(folder + @"\**\*.cs"), $"the .nfproj does not compile {folder}/ (add <Compile Include=\"{folder}\\**\\*.cs\" />)");
        }
    }
}
