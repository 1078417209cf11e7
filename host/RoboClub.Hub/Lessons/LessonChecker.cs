using RoboClub.Lessons;
using RoboClub.Lessons.Checking;

namespace RoboClub.Hub.Lessons;

/// <summary>
/// Runs "Check my program" for the web: at most two checks at a time (the club PC may have two
/// cores, and a whole class may press the button together), each on a worker thread so a check
/// never holds up the hub's other requests.
/// </summary>
public sealed class LessonChecker
{
    readonly SemaphoreSlim _slots = new(2);

    public async Task<CheckResult> CheckAsync(Lesson lesson, string source, CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => CheckRunner.Check(lesson, source), ct).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
