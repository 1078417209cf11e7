using System.Text.Json;
using Microsoft.Extensions.Options;
using RoboClub.Hub.Projects;
using RoboClub.Hub.Security;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Api;

/// <summary>
/// `/api/children` and `/api/projects`: children (name + colour), their projects, autosave with
/// history, the librarian's bin, export and import. Bodies are read by <see cref="RequestBody"/>;
/// every refusal is <c>{"error":{"en","ro"}}</c> with 400 (bad input), 404 (unknown id),
/// 409 (name and colour taken, project in the bin) or 413 (too large).
/// </summary>
public static class ProjectsApi
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddSingleton<IProjectStore>(sp => new SqliteProjectStore(
            Path.Combine(sp.GetRequiredService<IOptions<HubSettings>>().Value.DataDirectory, "projects.db"),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    public static void MapProjectsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        // ---- children ----
        api.MapGet("/children/colours", () => ChildColours.All);
        api.MapGet("/children", (IProjectStore s, CancellationToken ct) => Run(async () => Results.Ok(await s.ListChildrenAsync(ct))));
        // A new child chooses a 4-digit secret code with their name and colour, and is signed in.
        api.MapPost("/children", (HttpRequest r, IProjectStore s, ChildCodes codes, HubSessions sessions, CancellationToken ct) => Run(async () =>
        {
            var body = await RequestBody.ObjectAsync(r, ct);
            string? code = JsonFields.Text(body, "code");
            if (!ChildCodes.IsValid(code)) throw new AccessException(StatusCodes.Status400BadRequest, SecurityText.CodeFormat, null);
            var child = await s.AddChildAsync(JsonFields.Text(body, "name"), JsonFields.Text(body, "colour"), ct);
            codes.Set(child.Id, code!);
            sessions.SignInChild(r.HttpContext.Response, child.Id);
            return Results.Created($"/api/children/{child.Id}", child);
        }));
        api.MapGet("/children/{id}", (string id, IProjectStore s, CancellationToken ct) => Run(async () =>
            Results.Ok(await s.GetChildAsync(ChildId(id), ct))));
        api.MapPut("/children/{id}", (string id, HttpRequest r, IProjectStore s, CancellationToken ct) => Run(async () =>
        {
            long child = ChildId(id);
            Access.ChildOrLibrarian(r.HttpContext, child);
            var body = await RequestBody.ObjectAsync(r, ct);
            return Results.Ok(await s.UpdateChildAsync(child, JsonFields.Text(body, "name"), JsonFields.Text(body, "colour"), ct));
        }));
        api.MapGet("/children/{id}/projects", (string id, HttpContext http, IProjectStore s, CancellationToken ct) => Run(async () =>
            Results.Ok(await s.ListProjectsAsync(Own(http, ChildId(id)), ct))));
        api.MapPost("/children/{id}/projects", (string id, HttpRequest r, IProjectStore s, CancellationToken ct) => Run(async () =>
            await Create(Own(r.HttpContext, ChildId(id)), await RequestBody.ObjectAsync(r, ct), s, ct)));
        api.MapPost("/children/{id}/projects/import", (string id, HttpRequest r, IProjectStore s, CancellationToken ct) => Run(async () =>
        {
            long child = Own(r.HttpContext, ChildId(id));
            var file = ProjectFile.Import(await FileBytesAsync(r, ct));
            var project = await s.ImportAsync(child, file, ct);
            return Results.Created($"/api/projects/{project.Id}", project);
        }));

        // ---- projects ----
        api.MapPost("/projects", (HttpRequest r, IProjectStore s, CancellationToken ct) => Run(async () =>
        {
            var body = await RequestBody.ObjectAsync(r, ct);
            long child = JsonFields.Whole(body, "childId") ?? throw new ProjectException(ProjectFailure.Invalid, ProjectText.WrongField("childId", "a whole number"));
            return await Create(Own(r.HttpContext, child), body, s, ct);
        }));
        api.MapGet("/projects/deleted", (IProjectStore s, CancellationToken ct) => Run(async () => Results.Ok(await s.ListDeletedAsync(ct)))).RequireLibrarian();
        api.MapGet("/projects/{id}", (string id, HttpContext http, IProjectStore s, CancellationToken ct) => Run(async () =>
            Results.Ok(await s.GetProjectAsync(await OwnProject(http, s, id, ct), ct))));
        api.MapPut("/projects/{id}", (string id, HttpContext http, HttpRequest r, IProjectStore s, CancellationToken ct) => Run(async () =>
        {
            long project = await OwnProject(http, s, id, ct);
            var body = await RequestBody.ObjectAsync(r, ct);
            var content = new ProjectContent(JsonFields.Text(body, "mode"), JsonFields.Json(body, "workspace"), JsonFields.Text(body, "source"),
                JsonFields.Whole(body, "baseRevision"));
            return Results.Ok(await s.SaveAsync(project, content, ct));
        }));
        api.MapPost("/projects/{id}/rename", (string id, HttpContext http, HttpRequest r, IProjectStore s, CancellationToken ct) => Run(async () =>
        {
            long project = await OwnProject(http, s, id, ct);
            var body = await RequestBody.ObjectAsync(r, ct);
            return Results.Ok(await s.RenameProjectAsync(project, JsonFields.Text(body, "name"), ct));
        }));
        api.MapPost("/projects/{id}/duplicate", (string id, HttpContext http, HttpRequest r, IProjectStore s, IOptions<HubSettings> settings, CancellationToken ct) => Run(async () =>
        {
            long project = await OwnProject(http, s, id, ct);
            var body = await RequestBody.ObjectAsync(r, ct);
            string language = (JsonFields.Text(body, "lang") ?? r.Query["lang"].FirstOrDefault() ?? settings.Value.Lang) == "en" ? "en" : "ro";
            var copy = await s.DuplicateAsync(project, JsonFields.Text(body, "name"), language, ct);
            return Results.Created($"/api/projects/{copy.Id}", copy);
        }));
        api.MapDelete("/projects/{id}", (string id, HttpContext http, IProjectStore s, CancellationToken ct) => Run(async () =>
        {
            await s.DeleteAsync(await OwnProject(http, s, id, ct), ct);
            return Results.NoContent();
        }));
        api.MapPost("/projects/{id}/restore", (string id, IProjectStore s, CancellationToken ct) => Run(async () =>
            Results.Ok(await s.RestoreAsync(ProjectId(id), ct)))).RequireLibrarian();

        // ---- history ----
        api.MapGet("/projects/{id}/versions", (string id, HttpContext http, IProjectStore s, CancellationToken ct) => Run(async () =>
            Results.Ok(await s.ListVersionsAsync(await OwnProject(http, s, id, ct), ct))));
        api.MapGet("/projects/{id}/versions/{n}", (string id, HttpContext http, string n, IProjectStore s, CancellationToken ct) => Run(async () =>
            Results.Ok(await s.GetVersionAsync(await OwnProject(http, s, id, ct), VersionNumber(n), ct))));
        api.MapPost("/projects/{id}/versions/{n}/restore", (string id, HttpContext http, string n, IProjectStore s, CancellationToken ct) => Run(async () =>
            Results.Ok(await s.RestoreVersionAsync(await OwnProject(http, s, id, ct), VersionNumber(n), ct))));

        // ---- export ----
        api.MapGet("/projects/{id}/export", (string id, HttpContext http, HttpResponse response, IProjectStore s, TimeProvider time, CancellationToken ct) => Run(async () =>
        {
            var project = await s.GetProjectAsync(await OwnProject(http, s, id, ct), ct);
            response.Headers.ContentDisposition = ExportFileName.ContentDisposition(project.Name);
            return Results.Bytes(ProjectFile.Export(project, time.GetUtcNow()), "application/json; charset=utf-8");
        }));
    }

    /// <summary>The child id, if the visitor is that child or the librarian (<see cref="Access.ChildOrLibrarian"/>).</summary>
    static long Own(HttpContext http, long childId)
    {
        Access.ChildOrLibrarian(http, childId);
        return childId;
    }

    /// <summary>The project id, if the project is the visitor's (404 for an unknown one, 403 for another child's).</summary>
    static async Task<long> OwnProject(HttpContext http, IProjectStore s, string id, CancellationToken ct)
    {
        long project = ProjectId(id);
        await Access.OwnProjectAsync(http, s, project, ct);
        return project;
    }

    static async Task<IResult> Create(long child, JsonElement body, IProjectStore s, CancellationToken ct)
    {
        var project = await s.CreateProjectAsync(child, new NewProject(
            JsonFields.Text(body, "name"), JsonFields.Text(body, "boardKind"), JsonFields.Text(body, "mode"),
            JsonFields.Json(body, "workspace"), JsonFields.Text(body, "source")), ct);
        return Results.Created($"/api/projects/{project.Id}", project);
    }

    /// <summary>The project file: the body itself, or the first file of a form upload.</summary>
    static async Task<ReadOnlyMemory<byte>> FileBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return await RequestBody.BytesAsync(request, ct);
        if (request.ContentLength > ProjectLimits.MaxBodyBytes) throw new ProjectException(ProjectFailure.TooLarge, ProjectText.BodyTooLarge);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            throw new ProjectException(ProjectFailure.Invalid, ProjectText.NoFile);
        }
        var file = form.Files.FirstOrDefault() ?? throw new ProjectException(ProjectFailure.Invalid, ProjectText.NoFile);
        if (file.Length > ProjectLimits.MaxBodyBytes) throw new ProjectException(ProjectFailure.TooLarge, ProjectText.BodyTooLarge);
        using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        return stream.ToArray();
    }

    static async Task<IResult> Run(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (AccessException e)
        {
            return e.ToResult();
        }
        catch (ProjectException e)
        {
            return ApiError.Of(e.Text, e.Failure switch
            {
                ProjectFailure.Invalid => StatusCodes.Status400BadRequest,
                ProjectFailure.NotFound => StatusCodes.Status404NotFound,
                ProjectFailure.TooLarge => StatusCodes.Status413PayloadTooLarge,
                _ => StatusCodes.Status409Conflict,
            });
        }
    }

    // Ids in the address are parsed here so "abc" gets the same clear 404 as an id that does not exist.
    static long ChildId(string id) => long.TryParse(id, out long v) && v > 0 ? v : throw new ProjectException(ProjectFailure.NotFound, ProjectText.UnknownChild(id));
    static long ProjectId(string id) => long.TryParse(id, out long v) && v > 0 ? v : throw new ProjectException(ProjectFailure.NotFound, ProjectText.UnknownProject(id));
    static int VersionNumber(string n) => int.TryParse(n, out int v) && v > 0 ? v : throw new ProjectException(ProjectFailure.NotFound, ProjectText.UnknownVersion(n));
}
