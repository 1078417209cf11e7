using RoboClub.Hub.Serve;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RoboClub.Compiler.Blocks;

namespace RoboClub.Hub.Api;

/// <summary>
/// `/api/blocks/...`: what the web editor's blocks need from the compiler (docs/blocks.md). The block
/// definitions and the toolbox per board kind, in English or Romanian; blocks → C# (with the block map, so
/// errors land on blocks) and C# → blocks (with notes for the code that stays as text). Bodies are read by
/// hand with a deep JSON limit: Blockly nests every next block one level deeper than the one before.
/// </summary>
public static class BlocksApi
{
    const int MaxBodyBytes = 2 * 1024 * 1024;
    static readonly JsonDocumentOptions Deep = new() { MaxDepth = 4096 };
    static readonly JsonSerializerOptions Out = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = BlocksToCSharp.MaxJsonDepth,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void MapBlocksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/blocks");

        api.MapGet("/definitions", (string? lang) => Json(BlockCatalog.ToBlocklyJson(Lang(lang))));

        api.MapGet("/toolbox", (string? kind, string? lang) =>
            kind is null or "robot" or "weather"
                ? Json(BlockCatalog.ToolboxJson(kind ?? "robot", Lang(lang)))
                : ApiError.BadRequest("The board kind must be \"robot\" or \"weather\".", "Tipul plăcuței trebuie să fie „robot” sau „weather”."));

        api.MapPost("/to-csharp", async (HttpRequest request, CancellationToken ct) =>
        {
            var (node, error) = await ReadAsync(request, ct);
            if (error is not null) return error;
            if (node is not JsonObject workspace)
                return ApiError.BadRequest("The body must be a Blockly workspace (a JSON object).", "Corpul cererii trebuie să fie un spațiu de lucru Blockly (un obiect JSON).");
            var result = await Task.Run(() => BlocksToCSharp.Convert(workspace), ct);
            return Results.Json(new
            {
                code = result.Code,
                map = result.Map.Spans.Select(s => new { s.BlockId, s.Type, s.StartLine, s.StartColumn, s.EndLine, s.EndColumn }),
                problems = result.Problems.Select(p => new { blockId = p.BlockId, en = p.MessageEn, ro = p.MessageRo }),
                variableNames = result.VariableNames,
                variableTypes = result.VariableTypes,
            }, Out);
        }).RequireRateLimiting(RequestRateLimits.Compile);

        api.MapPost("/from-csharp", async (HttpRequest request, CancellationToken ct) =>
        {
            var (node, error) = await ReadAsync(request, ct);
            if (error is not null) return error;
            if (node is not JsonObject body || body["source"] is not JsonValue value || !value.TryGetValue(out string? source))
                return ApiError.BadRequest("The program text is missing: send {\"source\": \"...\"}.", "Lipsește textul programului: trimite {\"source\": \"...\"}.");
            var result = await Task.Run(() => CSharpToBlocks.Convert(source), ct);
            return Results.Json(new
            {
                workspace = result.Workspace,
                notes = result.Notes.Select(n => new { n.Line, n.Column, n.Length, en = n.ReasonEn, ro = n.ReasonRo }),
            }, Out);
        }).RequireRateLimiting(RequestRateLimits.Compile);
    }

    static string Lang(string? lang) => lang == "en" ? "en" : "ro";

    static IResult Json(string json) => Results.Content(json, "application/json; charset=utf-8", Encoding.UTF8);

    /// <summary>The body as JSON, or the en/ro refusal (400 not JSON, 413 too large).</summary>
    static async Task<(JsonNode? Node, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        IResult TooLarge() => ApiError.Of(new("The request is too large (at most 2 MB).", "Cererea este prea mare (cel mult 2 MB)."), StatusCodes.Status413PayloadTooLarge);
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge());
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + n > MaxBodyBytes) return (null, TooLarge());
                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        try
        {
            var node = JsonNode.Parse(buffer.ToArray(), documentOptions: Deep);
            return (node, null);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return (null, ApiError.BadRequest("The body is not valid JSON.", "Corpul cererii nu este JSON valid."));
        }
    }
}
