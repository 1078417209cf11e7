using Microsoft.Extensions.Options;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Forwarding;
using RoboClub.Hub.Serve;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Api;

/// <summary>
/// Forwarding between hubs (host/RoboClub.Hub/Forwarding/README.md): `POST /api/regional/batches`
/// where club hubs deliver (regional hub, `--regional`), `GET /api/regional/clubs` the participating
/// clubs and their stations, `GET /api/forwarding` the club hub's own forwarding status.
/// </summary>
public static class ForwardingApi
{
    public static IServiceCollection AddForwarding(this IServiceCollection services)
    {
        services.AddSingleton<RegionalReceiver>();
        services.AddSingleton<Forwarder>();
        services.AddHostedService(sp => sp.GetRequiredService<Forwarder>());
        return services;
    }

    static readonly HubMessage NotRegional = new(
        "This hub is not a regional hub: start it with --regional to accept data from other clubs.",
        "Acest hub nu e un hub regional: pornește-l cu --regional ca să primească date de la alte cluburi.");

    public static void MapForwardingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/regional/batches", async (HttpContext http, RegionalReceiver receiver, IOptions<HubSettings> options, CancellationToken ct) =>
        {
            if (!options.Value.Regional) return ApiError.NotFound(NotRegional);
            string? key = http.Request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..].Trim() : null;
            if (receiver.Keys.ClubOf(key) is not { } keyClub)
                return ApiError.Of(new HubMessage(
                    "Unknown or missing club key. The regional hub's librarian gives each club its key (roboclub regional add-club NAME); the club hub sends it with --forward-key.",
                    "Cheie de club necunoscută sau lipsă. Bibliotecarul hubului regional dă fiecărui club cheia lui (roboclub regional add-club NUME); hubul clubului o trimite cu --forward-key."),
                    StatusCodes.Status401Unauthorized);

            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, ct);
            ForwardBatch batch;
            try { batch = ForwardBatch.Parse(body.GetBuffer().AsSpan(0, (int)body.Length)); }
            catch (ForwardBatchException e) { return ApiError.BadRequest(e.Text.En, e.Text.Ro); }

            if (batch.Club != keyClub)
                return ApiError.Of(new HubMessage(
                    $"This key belongs to club \"{keyClub}\"; it cannot send data of club \"{batch.Club}\".",
                    $"Cheia aceasta e a clubului „{keyClub}”; nu poate trimite date ale clubului „{batch.Club}”."), StatusCodes.Status403Forbidden);
            if (batch.Club == options.Value.Club)
                return ApiError.Of(new HubMessage(
                    $"\"{batch.Club}\" is the regional hub's own club; give the forwarding club another name.",
                    $"„{batch.Club}” e chiar clubul hubului regional; dă clubului care trimite alt nume."), StatusCodes.Status403Forbidden);

            var outcome = await receiver.ApplyAsync(batch, ct);
            if (outcome == RegionalReceiver.Outcome.Busy)
            {
                http.Response.Headers.RetryAfter = "30";
                return ApiError.Of(new HubMessage("The regional hub is too busy to store the batch now; send it again later.",
                    "Hubul regional e prea ocupat ca să salveze lotul acum; trimite-l din nou mai târziu."), StatusCodes.Status503ServiceUnavailable);
            }
            return Results.Ok(new { club = batch.Club, sequence = batch.Sequence, samples = batch.PointCount, alreadyApplied = outcome == RegionalReceiver.Outcome.AlreadyApplied });
        });

        // The stations of the region: every club with data in this hub's store, its boards, and what its hub sent.
        app.MapGet("/api/regional/clubs", async (ITelemetryStore store, RegionalReceiver receiver, IOptions<HubSettings> options, CancellationToken ct) =>
        {
            if (!options.Value.Regional) return ApiError.NotFound(NotRegional);
            if (store is not ITelemetryCatalog catalog) return Results.Ok(Array.Empty<object>());
            var received = receiver.Ledger.Clubs().ToDictionary(c => c.Club, StringComparer.Ordinal);
            var result = new List<object>();
            foreach (var club in (await catalog.ListClubsAsync(ct)).Union(receiver.Keys.Clubs()).Append(options.Value.Club).Distinct().Order(StringComparer.Ordinal))
            {
                received.TryGetValue(club, out var r);
                result.Add(new
                {
                    club,
                    own = club == options.Value.Club,
                    boards = await catalog.ListBoardsAsync(club, ct),
                    batches = r.Batches,
                    samples = r.Samples,
                    lastBatch = r.Club is null ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeMilliseconds(r.LastMs),
                });
            }
            return Results.Ok(result);
        });

        app.MapGet("/api/forwarding", (IOptions<HubSettings> options, Forwarder forwarder) =>
        {
            var s = options.Value;
            var status = forwarder.Status;
            return Results.Ok(new
            {
                enabled = s.ForwardTo is not null,
                regional = s.Regional,
                to = status.Destination,
                selection = s.ForwardTo is null ? null : forwarder.Selection.Describe(),
                batches = status.Batches,
                samples = status.Samples,
                lastSuccess = status.LastSuccess,
                problem = status.Problem,
            });
        });
    }
}
