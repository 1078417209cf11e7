using System.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using RoboClub.Board.Tests.NanoFramework;
using Xunit.Abstractions;

namespace RoboClub.Firmware.Tests.NanoFramework;

/// <summary>
/// The whole ESP32 app (its own sources and firmware/RoboClub.Board's) compiles against stubs of exactly the
/// nanoFramework packages its .nfproj references, and nothing else: an API nanoFramework does not have, or a
/// package the project does not reference, is a compile error here.
/// </summary>
public sealed class FirmwareCompatibilityTests
{
    private readonly ITestOutputHelper _output;

    public FirmwareCompatibilityTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>The listings of the assemblies the .nfproj references.</summary>
    internal static string[] ReferencedListings()
    {
        var listings = ListingIndex.Read().Where(l => !l.File.EndsWith(".NoReflection", StringComparison.Ordinal)).ToList();
        return FirmwareSources.References()
            .Select(r => listings.Single(l => l.Assembly == r.Assembly).File)
            .Distinct()
            .ToArray();
    }

    /// <summary>The C# version the .nfproj asks for (the nanoFramework project system's default is 9 too).</summary>
    private static LanguageVersion ProjectLanguageVersion()
    {
        var text = File.ReadAllText(FirmwareSources.ProjectFile);
        var match = System.Text.RegularExpressions.Regex.Match(text, "<LangVersion>([^<]+)</LangVersion>");
        Assert.True(match.Success, "the .nfproj must pin <LangVersion> (the check compiles with the same)");
        Assert.True(LanguageVersionFacts.TryParse(match.Groups[1].Value, out var version));
        return version;
    }

    private static NanoCompileOptions Options => new() { LanguageVersion = ProjectLanguageVersion(), AssemblyName = "RoboClub.Firmware.Esp32" };

    [Fact]
    public void The_app_and_the_runtime_compile_against_the_referenced_nanoFramework_packages()
    {
        var sources = FirmwareSources.AllSourceFiles();
        Assert.Contains(sources, s => s.EndsWith("Program.cs", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.EndsWith("BoardRuntime.cs", StringComparison.Ordinal));

        var watch = Stopwatch.StartNew();
        var result = NanoFrameworkCompiler.Compile(sources, ReferencedListings(), Options);
        _output.WriteLine($"{sources.Count} files; stubs: {string.Join(", ", result.ReferencedListings)}; {watch.ElapsedMilliseconds} ms");
        _output.WriteLine(result.Format(FirmwareSources.Repository));

        Assert.True(result.Success,
            $"the ESP32 app does not compile for nanoFramework 1.x ({result.Errors.Count} errors):\n" + result.Format(FirmwareSources.Repository, errorsOnly: true));
        Assert.Equal(LanguageVersion.CSharp9, Options.LanguageVersion);
        Assert.True(!result.Diagnostics.Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning), "warnings in the nanoFramework build:\n" + result.Format(FirmwareSources.Repository));
    }

    public static TheoryData<string, string, string> NotInNanoFramework => new()
    {
        {
            // The M2Mqtt README shows this overload; the 5.x library does not have it (nanoframework.md, MQTT pitfall).
            "Publish(topic, bytes, qos, retain)",
            "using nanoFramework.M2Mqtt; using nanoFramework.M2Mqtt.Messages; class C { void M(MqttClient c) { c.Publish(\"t\", new byte[0], MqttQoSLevel.AtLeastOnce, false); } }",
            "CS1503"
        },
        {
            "new MqttClient(IPAddress)",
            "using nanoFramework.M2Mqtt; class C { object M() { return new MqttClient(System.Net.IPAddress.Parse(\"1.2.3.4\")); } }",
            "CS1503"
        },
        {
            "a WifiNetworkHelper.ConnectDhcp timeout argument",
            "using nanoFramework.Networking; class C { bool M() { return WifiNetworkHelper.ConnectDhcp(\"s\", \"p\", 60000); } }",
            "CS1503"
        },
        {
            "Encoding.UTF8.GetString(byte[])",
            "class C { string M(byte[] b) { return System.Text.Encoding.UTF8.GetString(b); } }",
            "CS7036"
        },
        {
            "a generic List<T>",
            "class C { object M() { return new System.Collections.Generic.List<int>(); } }",
            "CS0234"
        },
    };

    [Theory]
    [MemberData(nameof(NotInNanoFramework))]
    public void The_check_catches_what_nanoFramework_does_not_have(string what, string source, string expectedError)
    {
        var result = NanoFrameworkCompiler.CompileSource(source, ReferencedListings(), Options);
        Assert.False(result.Success, what + " compiled, but nanoFramework does not have it");
        Assert.Contains(result.Errors, e => e.Id == expectedError);
    }

    [Fact]
    public void A_package_the_project_does_not_reference_is_an_error()
    {
        // nanoFramework.Json is in the listings but not referenced by the app.
        Assert.DoesNotContain("nanoFramework.Json", ReferencedListings());
        var result = NanoFrameworkCompiler.CompileSource(
            "class C { object M() { return nanoFramework.Json.JsonConvert.DeserializeObject(\"{}\", typeof(object)); } }",
            ReferencedListings(), Options);
        Assert.False(result.Success);
    }

    [Fact]
    public void The_same_use_of_the_real_api_compiles()
    {
        // The positive twin of the theory: the overloads the app really uses.
        var result = NanoFrameworkCompiler.CompileSource(
            "using nanoFramework.M2Mqtt; using nanoFramework.M2Mqtt.Messages; using nanoFramework.Networking; using System.Threading;" +
            "class C { void M(MqttClient c) { c.Publish(\"t\", new byte[0], null, null, MqttQoSLevel.AtLeastOnce, false);" +
            " WifiNetworkHelper.ConnectDhcp(\"s\", \"p\", System.Device.Wifi.WifiReconnectionKind.Automatic, false, 0, new CancellationTokenSource(60000).Token); } }",
            ReferencedListings(), Options);
        Assert.True(result.Success, result.Format());
    }
}
