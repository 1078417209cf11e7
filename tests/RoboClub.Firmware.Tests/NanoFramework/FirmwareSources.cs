using System.Text.RegularExpressions;
using System.Xml.Linq;
using RoboClub.Board.Tests.NanoFramework;

namespace RoboClub.Firmware.Tests.NanoFramework;

/// <summary>Where the ESP32 app is, what it compiles and what it references (read from its .nfproj and packages.config).</summary>
public static class FirmwareSources
{
    public static string Repository => NanoFrameworkApiLocation.FindRepositoryRoot();

    public static string AppFolder => Path.Combine(Repository, "firmware", "RoboClub.Firmware.Esp32");

    public static string BoardFolder => Path.Combine(Repository, "firmware", "RoboClub.Board");

    public static string ProjectFile => Path.Combine(AppFolder, "RoboClub.Firmware.Esp32.nfproj");

    public static string PackagesFile => Path.Combine(AppFolder, "packages.config");

    /// <summary>Every .cs file the app compiles: its own and the runtime's (bin/obj/packages excluded).</summary>
    public static List<string> AllSourceFiles() =>
        SourcesUnder(AppFolder).Concat(SourcesUnder(BoardFolder)).ToList();

    public static List<string> SourcesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path =>
            {
                var relative = Path.GetRelativePath(folder, path).Replace('\\', '/');
                return !relative.StartsWith("bin/", StringComparison.Ordinal)
                    && !relative.StartsWith("obj/", StringComparison.Ordinal)
                    && !relative.StartsWith("packages/", StringComparison.Ordinal);
            })
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();

    /// <summary>(id, version) of every package in packages.config.</summary>
    public static List<(string Id, string Version)> Packages() =>
        XDocument.Load(PackagesFile).Root!.Elements("package")
            .Select(p => ((string)p.Attribute("id")!, (string)p.Attribute("version")!))
            .ToList();

    public sealed record ProjectReference(string Assembly, string Version, string HintPath);

    private static readonly XNamespace Msbuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    /// <summary>The .nfproj's assembly references: "Name, Version=..., ..." and the HintPath.</summary>
    public static List<ProjectReference> References() =>
        XDocument.Load(ProjectFile).Descendants(Msbuild + "Reference")
            .Select(r =>
            {
                var include = (string)r.Attribute("Include")!;
                var name = include.Split(',')[0].Trim();
                var version = Regex.Match(include, @"Version=([0-9.]+)").Groups[1].Value;
                return new ProjectReference(name, version, (string)r.Element(Msbuild + "HintPath")!);
            })
            .ToList();

    /// <summary>The Include patterns of the .nfproj's Compile items.</summary>
    public static List<string> CompilePatterns() =>
        XDocument.Load(ProjectFile).Descendants(Msbuild + "Compile").Select(c => (string)c.Attribute("Include")!).ToList();
}
