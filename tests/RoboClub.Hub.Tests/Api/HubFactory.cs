using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RoboClub.Hub.Tests.Api;

/// <summary>
/// The real hub (Program's entry point) in-process with a test server: its embedded broker on a free
/// loopback port, two virtual boards, data in a temporary folder deleted afterwards.
/// </summary>
public sealed class HubFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; }
    readonly bool _deleteData;

    public HubFactory() : this(Directory.CreateTempSubdirectory("roboclub-api-").FullName, deleteData: true) { }

    /// <summary>A hub on an existing data folder (to test what survives a restart).</summary>
    public HubFactory(string dataDirectory, bool deleteData = false)
    {
        DataDirectory = dataDirectory;
        _deleteData = deleteData;
    }

    /// <summary>More "Hub:*" settings for one test's hub (e.g. tiny rate limits).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Hub:WebPort", "0");
        builder.UseSetting("Hub:MqttPort", "0");
        builder.UseSetting("Hub:Lan", "false");
        builder.UseSetting("Hub:Data", DataDirectory);
        builder.UseSetting("Hub:VirtualBoards", "2");
        builder.UseSetting("Hub:OpenBrowser", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Waits until both virtual boards are online (their retained status reached the registry).</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var boards = await client.GetFromJsonAsync<JsonElement>("/api/boards");
            if (boards.GetArrayLength() >= 2 && boards.EnumerateArray().All(b => b.GetProperty("online").GetBoolean() && b.GetProperty("kind").ValueKind == JsonValueKind.String))
                return client;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("virtual boards did not come online: " + boards);
            await Task.Delay(50);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_deleteData)
        {
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
