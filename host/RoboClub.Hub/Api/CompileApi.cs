using RoboClub.Hub.Serve;
using RoboClub.Compiler;

namespace RoboClub.Hub.Api;

/// <summary>`/api/compile`: check a program without sending it (the editor underlines errors as the child types).</summary>
public static class CompileApi
{
    public sealed record CompileRequest(string? Source);

    public static void MapCompileApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/compile", async (CompileRequest request, CancellationToken ct) =>
        {
            if (request.Source is null) return ApiError.BadRequest("The program text is missing.", "Lipsește textul programului.");
            var result = await Task.Run(() => ChildCompiler.Compile(request.Source, "program.cs"), ct);
            return Results.Ok(new { ok = result.Success, size = result.Image?.Length ?? 0, diagnostics = result.Diagnostics });
        }).RequireRateLimiting(RequestRateLimits.Compile);
    }
}
