using System.Globalization;
using Microsoft.Extensions.Options;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Security;
using RoboClub.Hub.Serve;
using RoboClub.Hub.Telemetry;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Api;

/// <summary>
/// `/api/telemetry`: the club's telemetry history (series per board, ranges as raw points or
/// min/max/avg buckets, latest values, CSV export) and the club's settings (retention, sample interval).
/// </summary>
public static class TelemetryApi
{
    public sealed record SettingsRequest(int? RetentionDays, int? SampleIntervalMs);

    /// <summary>The store (SQLite at {data}/telemetry.db, or PostgreSQL with --db) and the service that fills it from the boards.</summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services)
    {
        services.AddSingleton(sp => TelemetryDatabase.Open(sp.GetRequiredService<IOptions<HubSettings>>().Value));
        services.AddSingleton(sp => new BoardRateLimit(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TelemetryIngest>();
        services.AddHostedService(sp => sp.GetRequiredService<TelemetryIngest>());
        return services;
    }

    public static void MapTelemetryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/telemetry");

        // Every board with telemetry (online boards and those heard since start) and its series.
        // A regional hub: ?club= another club lists that club's stations (every board with samples).
        api.MapGet("/series", async (HttpContext http, ITelemetryStore store, TelemetryIngest ingest, BoardRegistry registry, IOptions<HubSettings> options, CancellationToken ct) =>
        {
            if (ClubOf(http, ingest, options) is not { } club) return ClubError(http);
            IEnumerable<string> names = club == ingest.Club
                ? registry.Boards.Select(b => b.Board).Concat(ingest.BoardsSeen)
                : store is ITelemetryCatalog catalog ? await catalog.ListBoardsAsync(club, ct) : [];
            names = names.Where(TelemetryNames.IsValid).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var result = new List<object>();
            foreach (var board in names)
            {
                var series = await store.ListSeriesAsync(club, board, ct);
                if (series.Count > 0) result.Add(new { board, series });
            }
            return Results.Ok(result);
        });

        api.MapGet("/settings", async (ITelemetryStore store, TelemetryIngest ingest, CancellationToken ct) =>
            Results.Ok(Settings(await store.GetClubSettingsAsync(ingest.Club, ct))));

        api.MapPut("/settings", async (SettingsRequest request, ITelemetryStore store, TelemetryIngest ingest, BoardConfigPublisher boardConfig, CancellationToken ct) =>
        {
            if (request.RetentionDays is { } d && (d < 1 || d > ClubSettings.MaxRetentionDays))
                return ApiError.BadRequest($"Keep the data between 1 and {ClubSettings.MaxRetentionDays} days (or leave it empty to keep it forever).",
                    $"Datele se păstrează între 1 și {ClubSettings.MaxRetentionDays} de zile (sau lasă gol ca să rămână pentru totdeauna).");
            if (request.SampleIntervalMs is { } ms && (ms < ClubSettings.MinSampleIntervalMs || ms > ClubSettings.MaxSampleIntervalMs))
                return ApiError.BadRequest($"The sample interval must be between {ClubSettings.MinSampleIntervalMs} ms and {ClubSettings.MaxSampleIntervalMs} ms (one hour).",
                    $"Intervalul de măsurare trebuie să fie între {ClubSettings.MinSampleIntervalMs} ms și {ClubSettings.MaxSampleIntervalMs} ms (o oră).");
            var settings = new ClubSettings(request.RetentionDays, request.SampleIntervalMs);
            await store.SetClubSettingsAsync(ingest.Club, settings, ct);
            await boardConfig.SetSampleIntervalAsync(settings.SampleIntervalMs, ct); // boards record their sensors at this rate
            // A shorter retention takes effect now, not at the next hourly pass.
            await store.ApplyRetentionAsync(ct);
            return Results.Ok(Settings(settings));
        }).RequireLibrarian();

        // CSV of a range: ?from=&to= (ms), &boards=a,b (every series of them) and/or &series=board/name,...
        api.MapGet("/csv", async (HttpContext http, ITelemetryStore store, TelemetryIngest ingest, TimeProvider time, IOptions<HubSettings> options) =>
        {
            if (ClubOf(http, ingest, options) is not { } club) return ClubError(http);
            var q = http.Request.Query;
            if (Range(q, time) is not { } range) return BadRange();
            var boards = List(q["boards"]);
            var pairs = new List<(string, string)>();
            foreach (var s in List(q["series"]))
            {
                int slash = s.IndexOf('/');
                if (slash <= 0 || slash == s.Length - 1) return BadName(s);
                pairs.Add((s[..slash], s[(slash + 1)..]));
            }
            if (boards.Count == 0 && pairs.Count == 0)
                return ApiError.BadRequest("Choose at least one board or series to export.", "Alege cel puțin o plăcuță sau o serie de exportat.");
            foreach (var name in boards.Concat(pairs.SelectMany(p => new[] { p.Item1, p.Item2 })))
                if (!TelemetryNames.IsValid(name)) return BadName(name);
            if (pairs.Count > CsvExportRequest.MaxSeries)
                return ApiError.BadRequest($"At most {CsvExportRequest.MaxSeries} series at once.", $"Cel mult {CsvExportRequest.MaxSeries} de serii deodată.");
            var request = new CsvExportRequest(club, range) { Boards = boards, Series = pairs };
            string file = $"roboclub-{club}-{Stamp(range.FromMs)}-{Stamp(range.ToMs)}.csv";
            return Results.Stream(async body =>
            {
                await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(false), 64 * 1024);
                await store.ExportCsvAsync(request, writer, http.RequestAborted);
            }, "text/csv; charset=utf-8", file);
        });

        api.MapGet("/{board}/series", async (string board, HttpContext http, ITelemetryStore store, TelemetryIngest ingest, IOptions<HubSettings> options, CancellationToken ct) =>
            ClubOf(http, ingest, options) is not { } club ? ClubError(http)
            : TelemetryNames.IsValid(board) ? Results.Ok(await store.ListSeriesAsync(club, board, ct)) : BadName(board));

        api.MapGet("/{board}/latest", async (string board, HttpContext http, ITelemetryStore store, TelemetryIngest ingest, IOptions<HubSettings> options, CancellationToken ct) =>
            ClubOf(http, ingest, options) is not { } club ? ClubError(http)
            : TelemetryNames.IsValid(board) ? Results.Ok(await store.LatestAsync(club, board, ct)) : BadName(board));

        // ?from=&to= (ms since 1970, default: the last hour) &maxPoints= (1..10000, default 2000).
        api.MapGet("/{board}/{series}", async (string board, string series, HttpContext http, ITelemetryStore store, TelemetryIngest ingest, TimeProvider time, IOptions<HubSettings> options, CancellationToken ct) =>
        {
            if (ClubOf(http, ingest, options) is not { } club) return ClubError(http);
            if (!TelemetryNames.IsValid(board)) return BadName(board);
            if (!TelemetryNames.IsValid(series)) return BadName(series);
            if (Range(http.Request.Query, time) is not { } range) return BadRange();
            int maxPoints = 2000;
            if (http.Request.Query["maxPoints"].ToString() is { Length: > 0 } text
                && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxPoints) || maxPoints < 1 || maxPoints > ITelemetryStore.MaxPoints))
                return ApiError.BadRequest($"maxPoints must be between 1 and {ITelemetryStore.MaxPoints}.", $"maxPoints trebuie să fie între 1 și {ITelemetryStore.MaxPoints}.");
            var r = await store.QueryRangeAsync(new SeriesKey(club, board, series), range, maxPoints, ct);
            return Results.Ok(new
            {
                board,
                series,
                from = r.Range.FromMs,
                to = r.Range.ToMs,
                bucketMs = r.BucketWidthMs,
                points = r.Points.Select(p => new[] { p.TimeMs, p.Value }),
                buckets = r.Buckets.Select(b => new[] { b.StartMs, b.Min, b.Max, b.Avg, b.Count }),
            });
        });
    }

    /// <summary>
    /// The club a read asks for: the hub's own without ?club=; another club only on a regional hub
    /// (a shared PostgreSQL holds other clubs' data too, and a club hub shows only its own). Null: refused (see <see cref="ClubError"/>).
    /// </summary>
    static string? ClubOf(HttpContext http, TelemetryIngest ingest, IOptions<HubSettings> options)
    {
        string asked = http.Request.Query["club"].ToString();
        if (asked.Length == 0 || asked == ingest.Club) return ingest.Club;
        return TelemetryNames.IsValid(asked) && options.Value.Regional ? asked : null;
    }

    static IResult ClubError(HttpContext http)
    {
        string asked = http.Request.Query["club"].ToString();
        return TelemetryNames.IsValid(asked)
            ? ApiError.NotFound(new HubMessage($"This hub shows only its own club's data, not \"{Clip(asked)}\" (other clubs' stations are on a regional hub).",
                $"Acest hub arată doar datele clubului său, nu pe ale lui „{Clip(asked)}” (stațiile altor cluburi sunt pe un hub regional)."))
            : ApiError.BadRequest($"\"{Clip(asked)}\" is not a valid club name (1–32 letters, digits, '-', '_' or '.').",
                $"„{Clip(asked)}” nu e un nume valid de club (1–32 de litere, cifre, „-”, „_” sau „.”).");
    }

    static object Settings(ClubSettings s) => new
    {
        retentionDays = s.RetentionDays,
        sampleIntervalMs = s.SampleIntervalMs,
        minSampleIntervalMs = ClubSettings.MinSampleIntervalMs,
        maxSampleIntervalMs = ClubSettings.MaxSampleIntervalMs,
        maxRetentionDays = ClubSettings.MaxRetentionDays,
        boardsApplyInterval = true,
    };

    /// <summary>from/to in ms since 1970; missing: the last hour up to now. Null when not valid.</summary>
    static TimeRange? Range(IQueryCollection q, TimeProvider time)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds() + 1;
        long to = now, from;
        if (q["to"].ToString() is { Length: > 0 } t && !long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out to)) return null;
        if (q["from"].ToString() is { Length: > 0 } f) { if (!long.TryParse(f, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out from)) return null; }
        else from = Math.Max(0, to - 3_600_000);
        if (from < 0 || from > TimeRange.MaxTimeMs || to < from || to > TimeRange.MaxTimeMs + 1) return null;
        return new TimeRange(from, to);
    }

    static List<string> List(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();

    static string Stamp(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(ms, TimeRange.MaxTimeMs)).UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    static IResult BadRange() => ApiError.BadRequest(
        "The time range is not valid: from and to are milliseconds since 1970 and from must not be after to.",
        "Intervalul de timp nu e valid: from și to sunt milisecunde de la 1970, iar from nu poate fi după to.");

    static IResult BadName(string name) => ApiError.BadRequest(
        $"\"{Clip(name)}\" is not a valid board or series name (1–32 letters, digits, '-', '_' or '.').",
        $"„{Clip(name)}” nu e un nume valid de plăcuță sau serie (1–32 de litere, cifre, „-”, „_” sau „.”).");

    static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
