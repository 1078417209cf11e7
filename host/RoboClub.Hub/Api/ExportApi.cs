using System.IO.Compression;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Projects;
using RoboClub.Hub.Security;
using RoboClub.Hub.Telemetry;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Api;

/// <summary>
/// `GET /api/export/everything` (the librarian's): one zip with every child's projects as project
/// files (`projects/{child} ({colour})/{project}.roboclub.json`, the same files a child downloads;
/// projects in the bin are left out: restore them first) and all the club's telemetry as one CSV (`telemetry.csv`). For a
/// backup, or moving the club to another computer. Written as it is read: nothing is held in memory.
/// </summary>
public static class ExportApi
{
    public static void MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/export/everything", (HttpContext http, IProjectStore projects, ITelemetryStore store, TelemetryIngest ingest, BoardRegistry registry, TimeProvider time) =>
        {
            var now = time.GetUtcNow();
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"roboclub-{ingest.Club}-{now:yyyy-MM-dd}.zip\"";
            return Results.Stream(async body =>
            {
                var ct = http.RequestAborted;
                // Built in a temporary file (ZipArchive writes synchronously, which the web server refuses), then sent.
                await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
                await WriteZipAsync(file, projects, store, ingest, registry, now, ct);
                file.Position = 0;
                await file.CopyToAsync(body, ct);
            }, "application/zip");
        }).RequireLibrarian();
    }

    static async Task WriteZipAsync(Stream file, IProjectStore projects, ITelemetryStore store, TelemetryIngest ingest, BoardRegistry registry, DateTimeOffset now, CancellationToken ct)
    {
        using var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var child in await projects.ListChildrenAsync(ct))
        {
            string folder = $"projects/{ExportFileName.Safe($"{child.Name} ({child.Colour})")}/";
            var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var summary in await projects.ListProjectsAsync(child.Id, ct))
                await AddAsync(zip, folder + Unique(used, summary.Name), ProjectFile.Export(await projects.GetProjectAsync(summary.Id, ct), now), ct);
        }
        var boards = registry.Boards.Select(b => b.Board).Concat(ingest.BoardsSeen).Where(TelemetryNames.IsValid).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var series = new List<(string, string)>();
        foreach (var board in boards)
            foreach (var s in await store.ListSeriesAsync(ingest.Club, board, ct)) series.Add((board, s.Series));
        var entry = zip.CreateEntry("telemetry.csv", CompressionLevel.Fastest);
        using var stream = entry.Open();
        await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 64 * 1024);
        if (series.Count > 0)
            await store.ExportCsvAsync(new CsvExportRequest(ingest.Club, new TimeRange(0, now.ToUnixTimeMilliseconds() + 1)) { Series = series.Take(CsvExportRequest.MaxSeries).ToList() }, writer, ct);
    }

    static string Unique(HashSet<string> used, string name)
    {
        string safe = ExportFileName.Safe(name), candidate = safe;
        for (int n = 2; !used.Add(candidate); n++) candidate = $"{safe} ({n})";
        return candidate + ".roboclub.json";
    }

    static async Task AddAsync(ZipArchive zip, string path, byte[] content, CancellationToken ct)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        using var stream = entry.Open();
        await stream.WriteAsync(content, ct);
    }
}
