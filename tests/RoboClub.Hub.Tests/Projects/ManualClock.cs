namespace RoboClub.Hub.Tests.Projects;

/// <summary>A clock the test moves by hand (the store takes TimeProvider from DI for exactly this).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public ManualClock() : this(new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
