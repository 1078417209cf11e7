using System.Text.RegularExpressions;
using RoboClub.Board.Tests.NanoFramework;

namespace RoboClub.Firmware.Tests.NanoFramework;

/// <summary>One API listing's identity, from its header: "# assembly NAME VERSION" and "# nuget ID VERSION".</summary>
public sealed record ListingInfo(string File, string Assembly, string AssemblyVersion, string NuGetId, string NuGetVersion);

/// <summary>The listings of the nanoFramework API folder by assembly and by NuGet package.</summary>
public static class ListingIndex
{
    public static List<ListingInfo> Read(string? folder = null)
    {
        folder ??= NanoFrameworkApiLocation.FindListingsFolder();
        var result = new List<ListingInfo>();
        foreach (var path in Directory.GetFiles(folder, "*.api.txt").OrderBy(p => p, StringComparer.Ordinal))
        {
            var head = File.ReadLines(path).Take(10).ToList();
            var assembly = head.Select(l => Regex.Match(l, @"^# assembly (\S+) (\S+)")).First(m => m.Success);
            var nuget = head.Select(l => Regex.Match(l, @"^# nuget (\S+) ([0-9.]+)")).First(m => m.Success);
            result.Add(new ListingInfo(
                Path.GetFileName(path)[..^".api.txt".Length],
                assembly.Groups[1].Value, assembly.Groups[2].Value,
                nuget.Groups[1].Value, nuget.Groups[2].Value));
        }
        return result;
    }
}
