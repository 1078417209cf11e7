using System.Net;

namespace RoboClub.Hub.Security;

/// <summary>
/// Who sent a request: the librarian (signed in with the password), a child (signed in with their
/// name and secret code), both on the librarian's own tablet, or nobody yet. Set by
/// <see cref="HubSessions"/> for every request.
/// </summary>
public sealed record Visitor(bool Librarian, long? ChildId)
{
    public static readonly Visitor Nobody = new(false, null);

    public bool IsChild(long childId) => ChildId == childId;
}

public static class VisitorExtensions
{
    const string Key = "roboclub.visitor";

    public static Visitor Visitor(this HttpContext context) => context.Items[Key] as Visitor ?? Security.Visitor.Nobody;

    internal static void SetVisitor(this HttpContext context, Visitor visitor) => context.Items[Key] = visitor;

    /// <summary>The request came from the hub's own computer (the librarian's PC). The test server has no address: also local.</summary>
    public static bool IsFromHubComputer(this HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip);

    /// <summary>The key that slows down password guesses from one computer.</summary>
    public static string ComputerKey(this HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");
}
