using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
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
        // 1,000 rounds instead of 600,000: tests sign in often. SecurityApiTests checks the real default.
        builder.UseSetting("Hub:LibrarianPasswordIterations", "1000");
        // Tests play "a tablet on the library's network" by naming its address (the test server has none).
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteAddressFromHeader>());
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public const string LibrarianPassword = "biblioteca-2026";

    /// <summary>A client signed in as the librarian (the password is set first, as on the hub's PC, if it is not yet).</summary>
    public Task<HttpClient> LibrarianClientAsync(HttpClient? client = null) => SignInLibrarianAsync(client ?? CreateClient());

    /// <summary>The same for a client of any hub (e.g. one made with WithWebHostBuilder).</summary>
    public static async Task<HttpClient> SignInLibrarianAsync(HttpClient client)
    {
        var setup = await client.PostAsJsonAsync("/api/librarian/setup", new { password = LibrarianPassword });
        if (setup.StatusCode == System.Net.HttpStatusCode.Conflict)
            (await client.PostAsJsonAsync("/api/librarian/sign-in", new { password = LibrarianPassword })).EnsureSuccessStatusCode();
        else setup.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A new child (name, colour, code) and a client signed in as them.</summary>
    public async Task<(HttpClient Client, long Id)> ChildClientAsync(string name, string colour = "red", string code = "1234")
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/children", new { name, colour, code });
        response.EnsureSuccessStatusCode();
        return (client, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    /// <summary>Sets the connection's remote address from <c>X-Test-Remote-Ip</c>, so a test can be "another computer".</summary>
    sealed class RemoteAddressFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, Func<Task> nextMiddleware) =>
            {
                if (context.Request.Headers["X-Test-Remote-Ip"].FirstOrDefault() is { } ip) context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(ip);
                await nextMiddleware();
            });
            next(app);
        };
    }

    /// <summary>Waits until both virtual boards are online (their retained status reached the registry).
    /// The client is signed in as the librarian, who may do everything (tests of who may do what are in Security/).</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = await LibrarianClientAsync();
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
