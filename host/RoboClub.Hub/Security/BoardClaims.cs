using System.Collections.Concurrent;
using RoboClub.Hub.Projects;

namespace RoboClub.Hub.Security;

/// <summary>
/// "No child drives another child's robot": the first child who sends a program or a command to a
/// board uses it until they have left it alone for 15 minutes (or the librarian frees it). Meanwhile
/// other children are told who uses it. The librarian may always act on any board. A request with no
/// child signed in (scripts, `roboclub run`) may use only a board nobody is using. The lessons'
/// shared virtual robots (robot-lesson-NN) are not claimed.
/// </summary>
public sealed class BoardClaims(TimeProvider time)
{
    public static readonly TimeSpan IdleRelease = TimeSpan.FromMinutes(15);

    public sealed record Claim(long ChildId, string ChildName, string Colour, DateTimeOffset LastUsed);

    readonly ConcurrentDictionary<string, Claim> _claims = new(StringComparer.Ordinal);

    /// <summary>The child using this board now, or null.</summary>
    public Claim? UsedBy(string board) =>
        _claims.TryGetValue(board, out var c) && time.GetUtcNow() - c.LastUsed < IdleRelease ? c : null;

    /// <summary>Null when the visitor may use the board (and a child now holds it); otherwise who uses it.</summary>
    public async Task<Claim?> TryUseAsync(string board, Visitor visitor, IProjectStore children, CancellationToken ct)
    {
        if (board.StartsWith("robot-lesson-", StringComparison.Ordinal)) return null;
        var holder = UsedBy(board);
        if (visitor.ChildId is { } child)
        {
            if (holder is not null && holder.ChildId != child && !visitor.Librarian) return holder;
            if (holder?.ChildId == child) _claims[board] = holder with { LastUsed = time.GetUtcNow() };
            else
            {
                Child who;
                try
                {
                    who = await children.GetChildAsync(child, ct);
                }
                catch (ProjectException)
                {
                    return null; // a session of a child no longer known: acts like nobody below
                }
                _claims[board] = new Claim(child, who.Name, who.Colour, time.GetUtcNow());
            }
            return null;
        }
        return visitor.Librarian || holder is null ? null : holder;
    }

    public void Release(string board) => _claims.TryRemove(board, out _);

    /// <summary>Every board in use now (for the board list).</summary>
    public IReadOnlyDictionary<string, Claim> All() =>
        _claims.Where(c => time.GetUtcNow() - c.Value.LastUsed < IdleRelease).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
}
