using RoboClub.Board.Link;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Security;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Api;

/// <summary>`/api/boards`: the club's boards, sending programs, commands, names, STOP ALL.</summary>
public static class BoardsApi
{
    public sealed record ProgramRequest(string? Source);
    public sealed record NameRequest(string? Name);
    public sealed record WatchRequest(bool On, int? Period);

    public static void MapBoardsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/boards", (BoardRegistry registry) => registry.Boards);
        api.MapGet("/boards/{board}", (string board, BoardRegistry registry) =>
            registry.Find(board) is { } b ? Results.Ok(b) : ApiError.NotFound(HubText.UnknownBoard(board)));

        api.MapPost("/boards/{board}/program", async (string board, ProgramRequest request, ProgramSender sender, CancellationToken ct) =>
        {
            if (request.Source is null) return ApiError.BadRequest("The program text is missing.", "Lipsește textul programului.");
            var result = await sender.SendAsync(board, request.Source, ct);
            return Results.Json(result, statusCode: result.Failure switch
            {
                SendFailure.None => StatusCodes.Status200OK,
                SendFailure.CompileErrors => StatusCodes.Status422UnprocessableEntity,
                SendFailure.UnknownBoard => StatusCodes.Status404NotFound,
                SendFailure.NoAnswer => StatusCodes.Status504GatewayTimeout,
                _ => StatusCodes.Status409Conflict,
            });
        }).RequireRateLimiting(RequestRateLimits.Compile).RequireBoardAccess(startsProgram: true);

        api.MapPost("/boards/{board}/run", (string board, BoardCommands c, CancellationToken ct) => Command(board, c, CommandPayload.Run, ct)).RequireBoardAccess(startsProgram: true);
        api.MapPost("/boards/{board}/stop", (string board, BoardCommands c, CancellationToken ct) => Command(board, c, CommandPayload.Stop, ct)).RequireBoardAccess(startsProgram: false);
        api.MapPost("/boards/{board}/identify", (string board, BoardCommands c, CancellationToken ct) => Command(board, c, CommandPayload.Identify, ct)).RequireBoardAccess(startsProgram: false);
        api.MapPost("/boards/{board}/watch", (string board, WatchRequest request, BoardCommands c, CancellationToken ct) =>
        {
            int period = request.Period ?? CommandPayload.DefaultWatchPeriodMs;
            if (period is < CommandPayload.MinWatchPeriodMs or > CommandPayload.MaxWatchPeriodMs)
                return Task.FromResult(ApiError.BadRequest($"The watch period must be {CommandPayload.MinWatchPeriodMs}..{CommandPayload.MaxWatchPeriodMs} ms.", $"Perioada trebuie să fie între {CommandPayload.MinWatchPeriodMs} și {CommandPayload.MaxWatchPeriodMs} ms."));
            return Command(board, c, seq => CommandPayload.Watch(seq, request.On, period), ct);
        }).RequireBoardAccess(startsProgram: false);

        api.MapPut("/boards/{board}/name", (string board, NameRequest request, BoardRegistry registry) =>
        {
            try
            {
                return registry.Rename(board, request.Name ?? "") is { } b ? Results.Ok(b) : ApiError.NotFound(HubText.UnknownBoard(board));
            }
            catch (ArgumentException)
            {
                return ApiError.BadRequest($"A board name has at most {BoardNames.MaxLength} characters and no control characters.", $"Numele unei plăcuțe are cel mult {BoardNames.MaxLength} de caractere, fără caractere de control.");
            }
        }).RequireLibrarian();

        // Live mode: a block stack clicked in the editor runs once, at once, beside the board's program.
        api.MapPost("/boards/{board}/eval", async (string board, ProgramRequest request, BoardCommands c, CancellationToken ct) =>
        {
            if (request.Source is null) return ApiError.BadRequest("The program text is missing.", "Lipsește textul programului.");
            var compiled = await Task.Run(() => RoboClub.Compiler.ChildCompiler.Compile(request.Source, "live.cs"), ct);
            if (!compiled.Success) return Results.Json(new { ok = false, diagnostics = compiled.Diagnostics }, statusCode: StatusCodes.Status422UnprocessableEntity);
            if (compiled.Image!.Length > CommandPayload.MaxEvalImageBytes)
                return ApiError.BadRequest($"Too big to run at once ({compiled.Image.Length} bytes; at most {CommandPayload.MaxEvalImageBytes}). Press Run instead.",
                    $"Prea mare ca să ruleze pe loc ({compiled.Image.Length} octeți; cel mult {CommandPayload.MaxEvalImageBytes}). Apasă Pornește.");
            return await Command(board, c, seq => CommandPayload.EvalImage(seq, compiled.Image), ct);
        }).RequireRateLimiting(RequestRateLimits.Compile).RequireBoardAccess(startsProgram: true);

        // Anyone may press STOP ALL; it holds until the librarian releases it (POST /api/stop-all/reset, SessionApi).
        api.MapPost("/stop-all", async (BoardCommands c, EmergencyStop stop, CancellationToken ct) =>
        {
            stop.Engage();
            return Results.Ok(new { boards = await c.StopAllAsync(ct), emergencyStop = stop.Since });
        });

        api.MapGet("/boards/{board}/simulation", (string board, VirtualBoards virtualBoards) =>
            virtualBoards.Find(board) is { } v ? Results.Ok(new { board, state = v.Snapshot() }) : ApiError.NotFound(HubText.UnknownBoard(board)));
        // The walls, boxes, line and goal a virtual robot drives among (docs: firmware/RoboClub.VirtualBoard).
        api.MapGet("/boards/{board}/arena", (string board, VirtualBoards virtualBoards) =>
            virtualBoards.Find(board)?.Parts.ArenaJson is { } arena
                ? Results.Content(arena, "application/json")
                : ApiError.NotFound(HubText.UnknownBoard(board)));
    }

    static async Task<IResult> Command(string board, BoardCommands commands, Func<int, CommandPayload> command, CancellationToken ct)
    {
        var result = await commands.SendAsync(board, command, cancellationToken: ct);
        return result.Failure switch
        {
            CommandFailure.None => Results.Ok(new { ok = true }),
            CommandFailure.UnknownBoard => ApiError.NotFound(HubText.UnknownBoard(board)),
            CommandFailure.Offline => ApiError.Of(HubText.Offline(board)),
            CommandFailure.NoAnswer => ApiError.Of(HubText.NoAnswer(board), StatusCodes.Status504GatewayTimeout),
            _ => ApiError.Of(HubText.BoardSaid(board, result.Error ?? "")),
        };
    }
}
