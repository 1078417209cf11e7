using System.Diagnostics;

namespace RoboClub.Hub.Tests.Load;

/// <summary>
/// Club time running <see cref="Speed"/> times faster than real time, for the hub's TimeProvider (DI):
/// the clock, the timestamps and every timer it creates (PeriodicTimer, Task.Delay, ITimer) are scaled,
/// so the hub's telemetry pushes, retention pass, time publisher and rate limits see an hour go by in
/// 60/<see cref="Speed"/> minutes. Real sockets stay real: what the hub does not ask this clock
/// (broker keep-alive, acknowledgement timeouts) keeps real time.
/// </summary>
public sealed class AcceleratedClock : TimeProvider
{
    readonly DateTimeOffset _start;
    readonly long _startTimestamp = Stopwatch.GetTimestamp();

    public AcceleratedClock(double speed, DateTimeOffset start)
    {
        if (speed < 1) throw new ArgumentOutOfRangeException(nameof(speed), speed, "club time may not run slower than real time");
        Speed = speed;
        _start = start;
    }

    public double Speed { get; }

    /// <summary>Club time elapsed since the clock was made.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks((long)(Stopwatch.GetElapsedTime(_startTimestamp).Ticks * Speed));

    public override DateTimeOffset GetUtcNow() => _start + Elapsed;

    public override long GetTimestamp() => _startTimestamp + (long)((Stopwatch.GetTimestamp() - _startTimestamp) * Speed);

    public override long TimestampFrequency => Stopwatch.Frequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    /// <summary>A club-time span in real time (infinite stays infinite).</summary>
    TimeSpan Scale(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Speed)));

    sealed class ScaledTimer(ITimer inner, AcceleratedClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));
        public void Dispose() => inner.Dispose();
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
