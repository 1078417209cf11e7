using Microsoft.Extensions.Options;
using RoboClub.Hub.Security;
using RoboClub.Hub.Flashing;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Api;

/// <summary>
/// The librarian's flashing wizard (`/api/flashing/...`, docs/flashing.md). Progress is polled
/// (GET /api/flashing/batch, a whole snapshot with a version number) rather than pushed: one page
/// watches one batch, a snapshot survives reconnects and page reloads without replay logic, and the
/// shared live hub stays for the children's pages. Librarian-only access is a later issue (9).
/// </summary>
public static class FlashingApi
{
    public static IServiceCollection AddFlashing(this IServiceCollection services)
    {
        services.AddOptions<FlashingSettings>().BindConfiguration(FlashingSettings.Section);
        services.AddSingleton(sp => new BoardInventory(Path.Combine(sp.GetRequiredService<IOptions<HubSettings>>().Value.DataDirectory, "inventory.db")));
        services.AddSingleton<FlashingService>();
        services.AddHostedService<FlashingLifecycle>();
        return services;
    }

    public static void MapFlashingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/flashing").RequireLibrarian(); // flashing and the inventory are the librarian's
        api.MapGet("/status", (FlashingService f) => f.Status());
        api.MapPost("/nanoff/install", async (FlashingService f, CancellationToken ct) =>
        {
            var s = await f.InstallNanoffAsync(ct);
            return s.Found ? Results.Ok(new { ok = true, message = s.Message }) : ApiError.Of(new Boards.HubMessage(s.Message.En, s.Message.Ro), StatusCodes.Status503ServiceUnavailable);
        });
        api.MapPost("/archive", async (FlashingService f, CancellationToken ct) =>
        {
            var (ok, message) = await f.UpdateArchiveAsync(ct);
            return ok ? Results.Ok(new { ok, message }) : ApiError.Of(new Boards.HubMessage(message.En, message.Ro), StatusCodes.Status503ServiceUnavailable);
        });
        api.MapGet("/ports", (FlashingService f, bool? all) => f.Ports(all == true));
        api.MapGet("/batch", (FlashingService f) => f.View);
        api.MapPost("/batch", (FlashingService f, BatchRequest request) =>
            f.Start(request) is { } refusal ? ApiError.BadRequest(refusal.En, refusal.Ro) : Results.Ok(f.View));
        api.MapPost("/batch/{action}", async (FlashingService f, string action) =>
        {
            switch (action)
            {
                case "stop": await f.StopAsync(); break;
                case "retry" or "skip" or "help": f.Act(action); break;
                default: return ApiError.BadRequest("Unknown action: use retry, skip, help or stop.", "Acțiune necunoscută: folosește retry, skip, help sau stop.");
            }
            return Results.Ok(f.View);
        });
        api.MapGet("/inventory", (BoardInventory inventory) => inventory.All());
        api.MapGet("/labels", (BoardInventory inventory, HubConsole console, IOptions<HubSettings> hub, HttpRequest request, string? boards, string? lang) =>
        {
            var names = (boards ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var chosen = inventory.All().Where(b => names.Count == 0 || names.Contains(b.Name)).ToArray();
            string url = console.LanUrl ?? $"{request.Scheme}://{request.Host}/";
            return Results.Content(LabelSheet.Html(chosen, url, lang ?? hub.Value.Lang ?? "ro"), "text/html; charset=utf-8");
        });
    }
}

/// <summary>Marks an inventory board online the first time the hub hears it (also after its batch gave up
/// waiting), and stops a running batch (killing nanoff) when the hub stops.</summary>
sealed class FlashingLifecycle(FlashingService flashing, Boards.BoardRegistry registry, BoardInventory inventory, TimeProvider time) : IHostedService
{
    readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.BoardChanged += OnBoard;
        return Task.CompletedTask;
    }

    void OnBoard(Boards.BoardView b)
    {
        if (!b.Online || b.Virtual) return;
        lock (_seen) if (!_seen.Add(b.Board)) return;
        inventory.MarkOnline(b.Board, time.GetUtcNow()); // only rows still waiting for their first time
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        registry.BoardChanged -= OnBoard;
        return flashing.StopAsync();
    }
}
