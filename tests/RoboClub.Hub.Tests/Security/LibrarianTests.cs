using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoboClub.Hub.Security;
using RoboClub.Hub.Tests.Api;

namespace RoboClub.Hub.Tests.Security;

/// <summary>The librarian's password: set once on the hub's PC, slow hash, sign-in with a cookie, guessing slowed down, and every admin action refused without it.</summary>
public sealed class LibrarianTests : IAsyncLifetime
{
    readonly HubFactory _hub = new();
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static async Task<JsonElement> Error(HttpResponseMessage r, HttpStatusCode expected)
    {
        Assert.Equal(expected, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
    }

    static HttpRequestMessage FromTablet(HttpMethod method, string url, object? body = null)
    {
        var m = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        m.Headers.Add("X-Test-Remote-Ip", "192.168.1.23");
        return m;
    }

    [Fact]
    public async Task The_password_is_set_first_on_the_hub_computer_only_and_only_once()
    {
        var tablet = _hub.CreateClient();
        var session = await tablet.SendAsync(FromTablet(HttpMethod.Get, "/api/session"));
        var s = await session.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(s.GetProperty("passwordSet").GetBoolean());
        Assert.False(s.GetProperty("canSetUpHere").GetBoolean());
        var refused = await Error(await tablet.SendAsync(FromTablet(HttpMethod.Post, "/api/librarian/setup", new { password = "o parolă lungă" })), HttpStatusCode.Forbidden);
        Assert.Contains("calculatorul pe care rulează hubul", refused.GetProperty("ro").GetString());

        var pc = _hub.CreateClient();
        Assert.True((await pc.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("canSetUpHere").GetBoolean());
        var tooShort = await Error(await pc.PostAsJsonAsync("/api/librarian/setup", new { password = "scurt" }), HttpStatusCode.BadRequest);
        Assert.Equal("Parola trebuie să aibă cel puțin 8 caractere.", tooShort.GetProperty("ro").GetString());
        Assert.Equal(HttpStatusCode.OK, (await pc.PostAsJsonAsync("/api/librarian/setup", new { password = "biblioteca-2026" })).StatusCode);
        Assert.True((await pc.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("librarian").GetBoolean());

        // Nobody can set it again, not even from the PC: it is changed by the signed-in librarian.
        Assert.Equal(HttpStatusCode.Conflict, (await _hub.CreateClient().PostAsJsonAsync("/api/librarian/setup", new { password = "alta-parola-buna" })).StatusCode);
        // Only a hash is stored.
        string file = await File.ReadAllTextAsync(LibrarianPassword.PathIn(_hub.DataDirectory));
        Assert.DoesNotContain("biblioteca-2026", file);
        Assert.Contains("pbkdf2-sha256$1000$", file);
    }

    [Fact]
    public async Task Admin_actions_need_the_librarian()
    {
        var pc = await _hub.LibrarianClientAsync();
        var child = await _hub.ChildClientAsync("Ana");
        var requests = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, "/api/flashing/status", null),
            (HttpMethod.Get, "/api/flashing/inventory", null),
            (HttpMethod.Post, "/api/flashing/batch", new { kit = "weather-bme280", count = 1 }),
            (HttpMethod.Get, "/api/projects/deleted", null),
            (HttpMethod.Post, "/api/projects/1/restore", null),
            (HttpMethod.Put, "/api/telemetry/settings", new { retentionDays = 1 }),
            (HttpMethod.Put, "/api/boards/robot-1/name", new { name = "al meu" }),
            (HttpMethod.Get, "/api/export/everything", null),
            (HttpMethod.Post, "/api/stop-all/reset", null),
            (HttpMethod.Get, "/api/lessons/progress", null),
            (HttpMethod.Post, $"/api/children/{child.Id}/code/clear", null),
            (HttpMethod.Post, "/api/librarian/password", new { current = HubFactory.LibrarianPassword, password = "parola-noua-2027" }),
        };
        foreach (var client in new[] { _hub.CreateClient(), child.Client })
            foreach (var (method, url, body) in requests)
            {
                var r = await client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) });
                Assert.True(r.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url}: {r.StatusCode}");
                Assert.Equal("librarian", r.Headers.GetValues(Access.SignInHeader).Single());
                Assert.Equal("Doar bibliotecarul poate face asta. Intră mai întâi ca bibliotecar.", (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("ro").GetString());
            }
        // The librarian may (each answers something other than 401).
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/api/flashing/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/api/projects/deleted")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pc.GetAsync("/api/lessons/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pc.PostAsJsonAsync("/api/stop-all/reset", new { })).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_guessing_is_slowed_down()
    {
        await _hub.LibrarianClientAsync();
        var tablet = _hub.CreateClient();
        for (int i = 0; i < SignInThrottle.FreeTries; i++)
        {
            var wrong = await Error(await tablet.SendAsync(FromTablet(HttpMethod.Post, "/api/librarian/sign-in", new { password = "ghicesc-" + i })), HttpStatusCode.Unauthorized);
            Assert.Equal("Parolă greșită.", wrong.GetProperty("ro").GetString());
        }
        // Now even the right password waits: the tablet is locked out for a while.
        var locked = await Error(await tablet.SendAsync(FromTablet(HttpMethod.Post, "/api/librarian/sign-in", new { password = HubFactory.LibrarianPassword })), HttpStatusCode.TooManyRequests);
        Assert.Matches(@"Așteaptă \d+ secunde", locked.GetProperty("ro").GetString());
        // Another computer (the hub's PC) is not locked out by the tablet's guesses.
        var pc = _hub.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await pc.PostAsJsonAsync("/api/librarian/sign-in", new { password = HubFactory.LibrarianPassword })).StatusCode);
        Assert.True((await pc.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("librarian").GetBoolean());
        var tabletSession = await (await tablet.SendAsync(FromTablet(HttpMethod.Get, "/api/session"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(tabletSession.GetProperty("librarian").GetBoolean());
    }

    [Fact]
    public async Task Changing_the_password_signs_out_the_other_tablets_and_sign_out_works()
    {
        var first = await _hub.LibrarianClientAsync();
        var second = await _hub.LibrarianClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/projects/deleted")).StatusCode);
        var bad = await Error(await first.PostAsJsonAsync("/api/librarian/password", new { current = "nu-e-asta", password = "parola-noua-2027" }), HttpStatusCode.BadRequest);
        Assert.Equal("Wrong password.", bad.GetProperty("en").GetString());
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsJsonAsync("/api/librarian/password", new { current = HubFactory.LibrarianPassword, password = "parola-noua-2027" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/projects/deleted")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/projects/deleted")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.PostAsJsonAsync("/api/librarian/sign-in", new { password = HubFactory.LibrarianPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.PostAsJsonAsync("/api/librarian/sign-in", new { password = "parola-noua-2027" })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await first.PostAsJsonAsync("/api/librarian/sign-out", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/projects/deleted")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/projects/deleted")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_survives_a_restart_of_the_hub()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-librarian-").FullName;
        try
        {
            string cookie;
            await using (var hub = new HubFactory(data))
            {
                await hub.LibrarianClientAsync();
                var setup = await hub.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false })
                    .PostAsJsonAsync("/api/librarian/sign-in", new { password = HubFactory.LibrarianPassword });
                cookie = setup.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(HubSessions.LibrarianCookie + "="));
                Assert.Contains("httponly", cookie.ToLowerInvariant());
                Assert.Contains("samesite=strict", cookie.ToLowerInvariant());
            }
            await using (var hub = new HubFactory(data))
            {
                var client = hub.CreateClient();
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/projects/deleted");
                request.Headers.Add("Cookie", cookie.Split(';')[0]);
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
                var forged = new HttpRequestMessage(HttpMethod.Get, "/api/projects/deleted");
                forged.Headers.Add("Cookie", HubSessions.LibrarianCookie + "=not-a-session");
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_real_default_is_600000_rounds_and_the_terminal_command_replaces_a_forgotten_password()
    {
        string data = Directory.CreateTempSubdirectory("roboclub-librarian-").FullName;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(1, LibrarianPasswordCommand.Execute(data, () => "scurt", output, error));
            Assert.Contains("at least 8", error.ToString());
            Assert.False(File.Exists(LibrarianPassword.PathIn(data)));
            Assert.Equal(0, LibrarianPasswordCommand.Execute(data, () => "uitasem-parola", output, error));
            Assert.Contains("pbkdf2-sha256$600000$", await File.ReadAllTextAsync(LibrarianPassword.PathIn(data)));
            await using var hub = new HubFactory(data);
            var client = hub.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/librarian/sign-in", new { password = "uitasem-parola" })).StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
