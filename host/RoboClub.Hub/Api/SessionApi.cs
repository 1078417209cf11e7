using Microsoft.AspNetCore.SignalR;
using RoboClub.Hub.Live;
using RoboClub.Hub.Projects;
using RoboClub.Hub.Security;

namespace RoboClub.Hub.Api;

/// <summary>
/// Signing in: the librarian's password (`/api/librarian/...`), a child's secret code
/// (`/api/children/{id}/sign-in`), who is signed in (`/api/session`), releasing STOP ALL and freeing
/// a board. See docs/security.md.
/// </summary>
public static class SessionApi
{
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SecurityStore(Path.Combine(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Serve.HubSettings>>().Value.DataDirectory, "security.db")));
        services.AddSingleton<HubSessions>();
        services.AddSingleton<LibrarianPassword>();
        services.AddSingleton<ChildCodes>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<BoardClaims>();
        services.AddSingleton<EmergencyStop>();
        return services;
    }

    /// <summary>Reads the sign-in cookies of every request (before any endpoint runs).</summary>
    public static IApplicationBuilder UseSessions(this IApplicationBuilder app)
    {
        var sessions = app.ApplicationServices.GetRequiredService<HubSessions>();
        var hub = app.ApplicationServices.GetRequiredService<IHubContext<LiveHub>>();
        // Every page shows the STOP ALL banner at once, and hides it when the librarian releases it.
        app.ApplicationServices.GetRequiredService<EmergencyStop>().Changed += engaged => _ = hub.Clients.All.SendAsync("emergencyStop", engaged);
        return app.Use((context, next) =>
        {
            context.SetVisitor(sessions.Resolve(context.Request));
            return next(context);
        });
    }

    sealed record PasswordRequest(string? Password, string? Current);
    sealed record CodeRequest(string? Code);

    public static void MapSessionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/session", async (HttpContext http, LibrarianPassword password, EmergencyStop stop, IProjectStore store, CancellationToken ct) =>
        {
            var v = http.Visitor();
            Child? child = null;
            if (v.ChildId is { } id)
            {
                try { child = await store.GetChildAsync(id, ct); } catch (ProjectException) { }
            }
            bool set = password.IsSet;
            return Results.Ok(new
            {
                librarian = v.Librarian,
                child,
                passwordSet = set,
                canSetUpHere = !set && http.IsFromHubComputer(),
                emergencyStop = stop.Since,
            });
        });

        // ---- the librarian ----
        api.MapPost("/librarian/setup", (PasswordRequest body, HttpContext http, LibrarianPassword password, HubSessions sessions) =>
        {
            if (password.IsSet) return ApiError.Of(SecurityText.AlreadySet);
            if (!http.IsFromHubComputer()) return ApiError.Of(SecurityText.SetUpOnHubComputer, StatusCodes.Status403Forbidden);
            if (LibrarianPassword.Problem(body.Password) is { } problem) return ApiError.Of(problem, StatusCodes.Status400BadRequest);
            password.Set(body.Password!);
            sessions.SignInLibrarian(http.Response);
            return Results.Ok(new { librarian = true });
        });

        api.MapPost("/librarian/sign-in", async (PasswordRequest body, HttpContext http, LibrarianPassword password, HubSessions sessions, SignInThrottle throttle) =>
        {
            if (!password.IsSet) return Access.LibrarianRefusal(http);
            string key = http.ComputerKey();
            if (throttle.WaitSeconds(key) is > 0 and var wait) return ApiError.Of(SecurityText.LockedOut(wait), StatusCodes.Status429TooManyRequests);
            // The slow hash takes a quarter of a second of CPU: off the request thread.
            if (!await Task.Run(() => password.Verify(body.Password)))
            {
                throttle.Failed(key);
                return ApiError.Of(SecurityText.WrongPassword, StatusCodes.Status401Unauthorized);
            }
            throttle.Succeeded(key);
            sessions.SignInLibrarian(http.Response);
            return Results.Ok(new { librarian = true });
        });

        api.MapPost("/librarian/sign-out", (HttpContext http, HubSessions sessions) =>
        {
            sessions.SignOut(http.Request, http.Response, HubSessions.LibrarianCookie);
            return Results.Ok(new { librarian = false });
        });

        // Changing it signs the librarian out everywhere else (a tablet left signed in loses its power).
        api.MapPost("/librarian/password", async (PasswordRequest body, HttpContext http, LibrarianPassword password, HubSessions sessions) =>
        {
            if (!await Task.Run(() => password.Verify(body.Current))) return ApiError.Of(SecurityText.WrongPassword, StatusCodes.Status400BadRequest);
            if (LibrarianPassword.Problem(body.Password) is { } problem) return ApiError.Of(problem, StatusCodes.Status400BadRequest);
            password.Set(body.Password!);
            sessions.EndAll("librarian");
            sessions.SignInLibrarian(http.Response);
            return Results.Ok(new { librarian = true });
        }).RequireLibrarian();

        // ---- children ----
        // A child with no code yet (made before codes existed, or cleared by the librarian) chooses it now.
        api.MapPost("/children/{id}/sign-in", async (string id, CodeRequest body, HttpContext http, IProjectStore store, ChildCodes codes,
            SignInThrottle throttle, HubSessions sessions, CancellationToken ct) =>
        {
            var child = await ChildAsync(store, id, ct);
            if (child is null) return ApiError.NotFound(ProjectText.UnknownChild(id));
            if (!ChildCodes.IsValid(body.Code)) return ApiError.Of(SecurityText.CodeFormat, StatusCodes.Status400BadRequest);
            string key = "child:" + child.Id;
            if (throttle.WaitSeconds(key) is > 0 and var wait) return ApiError.Of(SecurityText.LockedOut(wait), StatusCodes.Status429TooManyRequests);
            bool chosenNow = !codes.HasCode(child.Id);
            if (chosenNow) codes.Set(child.Id, body.Code!);
            else if (!codes.Verify(child.Id, body.Code!))
            {
                throttle.Failed(key);
                return ApiError.Of(SecurityText.WrongCode, StatusCodes.Status401Unauthorized);
            }
            throttle.Succeeded(key);
            sessions.SignInChild(http.Response, child.Id);
            return Results.Ok(new { child, codeChosenNow = chosenNow });
        });

        api.MapPost("/children/sign-out", (HttpContext http, HubSessions sessions) =>
        {
            sessions.SignOut(http.Request, http.Response, HubSessions.ChildCookie);
            return Results.Ok(new { child = (Child?)null });
        });

        // A child forgot their code: the librarian clears it; the child chooses a new one at the next sign-in.
        api.MapPost("/children/{id}/code/clear", async (string id, IProjectStore store, ChildCodes codes, SignInThrottle throttle, HubSessions sessions, CancellationToken ct) =>
        {
            var child = await ChildAsync(store, id, ct);
            if (child is null) return ApiError.NotFound(ProjectText.UnknownChild(id));
            codes.Clear(child.Id);
            throttle.Succeeded("child:" + child.Id);
            sessions.EndAll("child", child.Id);
            return Results.Ok(new { child });
        }).RequireLibrarian();

        // ---- boards ----
        api.MapGet("/boards/in-use", (BoardClaims claims) =>
            claims.All().ToDictionary(c => c.Key, c => new { childId = c.Value.ChildId, name = c.Value.ChildName, colour = c.Value.Colour }));

        api.MapDelete("/boards/{board}/claim", (string board, HttpContext http, BoardClaims claims) =>
        {
            var v = http.Visitor();
            var holder = claims.UsedBy(board);
            if (holder is not null && !v.Librarian && holder.ChildId != v.ChildId) return Access.LibrarianRefusal(http);
            claims.Release(board);
            return Results.NoContent();
        });

        api.MapPost("/stop-all/reset", (EmergencyStop stop) =>
        {
            stop.Reset();
            return Results.Ok(new { emergencyStop = stop.Since });
        }).RequireLibrarian();
    }

    static async Task<Child?> ChildAsync(IProjectStore store, string id, CancellationToken ct)
    {
        if (!long.TryParse(id, out long childId) || childId <= 0) return null;
        try
        {
            return await store.GetChildAsync(childId, ct);
        }
        catch (ProjectException e) when (e.Failure == ProjectFailure.NotFound)
        {
            return null;
        }
    }
}
