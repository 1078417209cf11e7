using System.Collections.Concurrent;

namespace RoboClub.Hub.Security;

/// <summary>
/// Slows down guessing: after 5 wrong tries in a row for one key (a computer for the librarian's
/// password, a child for their 4-digit code) that key waits 30 s, and the wait doubles with each
/// further wrong try, up to 15 minutes. A right answer clears it. At most 10,000 codes and about 5
/// tries an hour after the first lockouts, so guessing a child's code would take weeks.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FreeTries = 5;
    static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(30), LongestWait = TimeSpan.FromMinutes(15);

    readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Until)> _keys = new(StringComparer.Ordinal);

    /// <summary>Seconds to wait before this key may try again (0: it may try now).</summary>
    public int WaitSeconds(string key) =>
        _keys.TryGetValue(key, out var s) && s.Until > time.GetUtcNow() ? (int)Math.Ceiling((s.Until - time.GetUtcNow()).TotalSeconds) : 0;

    public void Failed(string key) => _keys.AddOrUpdate(key, _ => (1, DateTimeOffset.MinValue), (_, s) =>
    {
        int failures = s.Failures + 1;
        if (failures < FreeTries) return (failures, DateTimeOffset.MinValue);
        var wait = TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstWait.Ticks << Math.Min(10, failures - FreeTries)));
        return (failures, time.GetUtcNow() + wait);
    });

    public void Succeeded(string key) => _keys.TryRemove(key, out _);
}
