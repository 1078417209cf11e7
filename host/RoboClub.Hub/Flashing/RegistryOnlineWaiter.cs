using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Flashing;

/// <summary>Step 4 inside the hub: a flashed board is online when the board registry hears its status.</summary>
public sealed class RegistryOnlineWaiter(BoardRegistry registry) : IBoardOnlineWaiter
{
    public async Task<bool> WaitOnlineAsync(string board, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var online = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChange(BoardView b) { if (b.Board == board && b.Online) online.TrySetResult(); }
        registry.BoardChanged += OnChange;
        try
        {
            if (registry.Find(board) is { Online: true }) return true;
            try
            {
                await online.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TimeoutException) { return false; }
        }
        finally { registry.BoardChanged -= OnChange; }
    }
}
