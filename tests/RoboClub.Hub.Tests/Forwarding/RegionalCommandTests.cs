using System.Security.Cryptography;
using System.Text;

namespace RoboClub.Hub.Tests.Forwarding;

/// <summary>`roboclub regional …` and the `--forward-*` checks, as the librarian types them (child process).</summary>
public sealed class RegionalCommandTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-regional-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        await using var p = RoboclubProcess.Start(args);
        int code = await p.WaitForExitAsync(TimeSpan.FromSeconds(90));
        return (code, p.Output);
    }

    [Fact]
    public async Task Add_club_prints_a_key_once_and_keeps_only_its_hash()
    {
        var (code, output) = await RunAsync("regional", "add-club", "arad", "--data", _dir);
        Assert.Equal(0, code);
        string key = output.Split('\n').Single(l => l.StartsWith("rck_", StringComparison.Ordinal)).Trim();
        Assert.True(key.Length > 40, key);
        string file = await File.ReadAllTextAsync(Path.Combine(_dir, "regional-keys.json"));
        Assert.DoesNotContain(key, file);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), file);
        Assert.Contains("Clubul „arad” a fost adăugat", output);

        Assert.Equal(0, (await RunAsync("regional", "add-club", "cluj", "--data", _dir)).Code);
        var list = await RunAsync("regional", "list", "--data", _dir);
        Assert.Equal(["arad", "cluj"], list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        Assert.Equal(0, (await RunAsync("regional", "remove-club", "cluj", "--data", _dir)).Code);
        var missing = await RunAsync("regional", "remove-club", "cluj", "--data", _dir);
        Assert.Equal(1, missing.Code);
        Assert.Contains("nu există clubul „cluj”", missing.Output);
    }

    [Fact]
    public async Task A_bad_club_name_is_refused()
    {
        var (code, output) = await RunAsync("regional", "add-club", "a/b", "--data", _dir);
        Assert.Equal(1, code);
        Assert.Contains("contains '/'", output);
        Assert.Contains("nu e un nume valid de club", output);
        Assert.False(File.Exists(Path.Combine(_dir, "regional-keys.json")));
    }

    [Theory]
    [InlineData(new[] { "--forward-to", "ftp://regional.example/", "--forward-key", "k" }, "--forward-to takes the regional hub's address", "--forward-to primește adresa")]
    [InlineData(new[] { "--forward-to", "https://regional.example/" }, "needs --forward-key", "are nevoie de --forward-key")]
    [InlineData(new[] { "--forward-key", "k" }, "need --forward-to", "au nevoie de --forward-to")]
    [InlineData(new[] { "--forward-to", "https://regional.example/", "--forward-key", "k", "--forward-series", "temperature,a b" }, "\"a b\" is not a valid name", "„a b” nu e un nume valid")]
    public async Task Wrong_forwarding_options_stop_the_hub_with_a_clear_message(string[] options, string english, string romanian)
    {
        var (code, output) = await RunAsync(["serve", "--port", "0", "--mqtt-port", "0", "--local-only", "--no-browser", "--virtual-boards", "0", "--data", _dir, .. options]);
        Assert.Equal(1, code);
        Assert.Contains(english, output);
        Assert.Contains(romanian, output);
    }
}
