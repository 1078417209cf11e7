using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace RoboClub.Hub.Security;

/// <summary>
/// Sign-in sessions as cookies: <c>rc_librarian</c> (8 hours) and <c>rc_child</c> (12 hours, one
/// club day). The cookie holds a random 256-bit token; the hub keeps only its SHA-256, in memory
/// and in <see cref="SecurityStore"/>, so children stay signed in across a hub restart. Cookies are
/// HttpOnly (no script reads them) and SameSite=Strict (another site cannot make a browser use them).
/// </summary>
public sealed class HubSessions
{
    public const string LibrarianCookie = "rc_librarian", ChildCookie = "rc_child";
    public static readonly TimeSpan LibrarianLifetime = TimeSpan.FromHours(8), ChildLifetime = TimeSpan.FromHours(12);

    readonly SecurityStore _store;
    readonly TimeProvider _time;
    readonly ConcurrentDictionary<string, SecurityStore.StoredSession> _sessions = new(StringComparer.Ordinal);

    public HubSessions(SecurityStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        foreach (var s in store.Sessions(Now)) _sessions[s.TokenHash] = s;
    }

    long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Reads the request's cookies (set as <see cref="VisitorExtensions.Visitor"/>).</summary>
    public Visitor Resolve(HttpRequest request)
    {
        bool librarian = Find(request.Cookies[LibrarianCookie], "librarian") is not null;
        long? child = Find(request.Cookies[ChildCookie], "child")?.ChildId;
        return librarian || child is not null ? new Visitor(librarian, child) : Visitor.Nobody;
    }

    public void SignInLibrarian(HttpResponse response) => Start(response, LibrarianCookie, "librarian", null, LibrarianLifetime);

    public void SignInChild(HttpResponse response, long childId) => Start(response, ChildCookie, "child", childId, ChildLifetime);

    public void SignOut(HttpRequest request, HttpResponse response, string cookie)
    {
        if (request.Cookies[cookie] is { } token && _sessions.TryRemove(Hash(token), out var s)) _store.RemoveSession(s.TokenHash);
        response.Cookies.Delete(cookie, Options(TimeSpan.Zero));
    }

    /// <summary>Signs every librarian out (the password changed) or one child out everywhere (their code was cleared).</summary>
    public void EndAll(string kind, long? childId = null)
    {
        foreach (var (hash, s) in _sessions)
            if (s.Kind == kind && (childId is null || s.ChildId == childId)) _sessions.TryRemove(hash, out _);
        _store.RemoveSessions(kind, childId);
    }

    void Start(HttpResponse response, string cookie, string kind, long? childId, TimeSpan lifetime)
    {
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var session = new SecurityStore.StoredSession(Hash(token), kind, childId, Now + (long)lifetime.TotalMilliseconds);
        _store.AddSession(session);
        _sessions[session.TokenHash] = session;
        response.Cookies.Append(cookie, token, Options(lifetime));
    }

    SecurityStore.StoredSession? Find(string? token, string kind)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        if (!_sessions.TryGetValue(Hash(token), out var s) || s.Kind != kind) return null;
        if (s.ExpiresAtMs > Now) return s;
        _sessions.TryRemove(s.TokenHash, out _);
        return null;
    }

    static CookieOptions Options(TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };

    static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
