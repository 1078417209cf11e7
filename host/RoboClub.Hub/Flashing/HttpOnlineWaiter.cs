using System.Net.Http.Json;
using System.Text.Json;
using RoboClub.Flashing.Provisioning;

namespace RoboClub.Hub.Flashing;

/// <summary>Step 4 from the command line: asks a running hub (GET /api/boards/{name}) until the board is online.
/// No hub answering means "not known" (false), never an error: the board is flashed either way.</summary>
public sealed class HttpOnlineWaiter(Uri hub) : IBoardOnlineWaiter
{
    public async Task<bool> WaitOnlineAsync(string board, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(3) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var response = await http.GetAsync($"/api/boards/{Uri.EscapeDataString(board)}", cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).TryGetProperty("online", out var online) && online.GetBoolean())
                    return true;
            }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(1000, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>Names the hub already uses (so a new board never takes one); empty when no hub answers.</summary>
    public static async Task<IReadOnlyList<string>> BoardNamesAsync(Uri hub)
    {
        try
        {
            using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(3) };
            var boards = await http.GetFromJsonAsync<JsonElement>("/api/boards").ConfigureAwait(false);
            return boards.EnumerateArray().Select(b => b.GetProperty("board").GetString() ?? "").ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException) { return []; }
    }
}
