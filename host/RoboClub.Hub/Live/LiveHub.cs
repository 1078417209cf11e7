using Microsoft.AspNetCore.SignalR;
using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Live;

/// <summary>
/// The page's live connection (SignalR, `/hubs/live`). Every page gets board changes ("board");
/// a page that follows a board also gets its console lines ("console"), runtime errors ("error"),
/// variable values ("watch") and, for a virtual board, its simulation ("arena").
/// </summary>
public sealed class LiveHub(BoardRegistry registry) : Microsoft.AspNetCore.SignalR.Hub
{
    public IReadOnlyList<BoardView> Boards() => registry.Boards;

    public Task Follow(string board) => Groups.AddToGroupAsync(Context.ConnectionId, Group(board));

    public Task Unfollow(string board) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(board));

    public static string Group(string board) => "board:" + board;

    /// <summary>Every board's new telemetry points ("telemetry" pushes, 5 a second at most): the Data tab and the kiosk.</summary>
    public Task FollowTelemetry() => Groups.AddToGroupAsync(Context.ConnectionId, TelemetryGroup);

    public Task UnfollowTelemetry() => Groups.RemoveFromGroupAsync(Context.ConnectionId, TelemetryGroup);

    public const string TelemetryGroup = "telemetry";
}
