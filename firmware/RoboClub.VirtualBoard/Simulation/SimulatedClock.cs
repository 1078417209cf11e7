using RoboClub.Board.Hardware;

namespace RoboClub.VirtualBoard.Simulation;

/// <summary>Something that integrates over simulated time: it is told each time the clock moves.</summary>
public interface IClockFollower
{
    /// <summary>Simulated time moves from <paramref name="fromMs"/> to <paramref name="toMs"/> (toMs &gt; fromMs).
    /// Called before <see cref="SimulatedClock.Milliseconds"/> changes.</summary>
    void OnAdvance(long fromMs, long toMs);
}

/// <summary>
/// Simulated time. It never moves by itself: <see cref="Advance"/> moves it, and every attached
/// simulation (robot, weather) integrates over the same interval before the new time is visible.
/// So a program that "sleeps" by advancing the clock sees physics that kept up, and a test can
/// run ten minutes of robot time in a fraction of a second. Thread-safe: readers on other threads
/// (the web view) see either the old or the new time.
/// </summary>
public sealed class SimulatedClock : IClock
{
    private readonly object _advanceGate = new();
    private readonly List<IClockFollower> _followers = [];
    private long _milliseconds;

    public SimulatedClock(long startMilliseconds = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startMilliseconds);
        _milliseconds = startMilliseconds;
    }

    /// <summary>Simulated milliseconds since the board started.</summary>
    public long Milliseconds => Interlocked.Read(ref _milliseconds);

    public double Seconds => Milliseconds / 1000.0;

    /// <summary>Moves simulated time forward; attached simulations integrate over the interval first.</summary>
    public void Advance(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        if (milliseconds == 0)
        {
            return;
        }

        lock (_advanceGate)
        {
            long from = _milliseconds;
            long to = checked(from + milliseconds);
            foreach (IClockFollower follower in _followers)
            {
                follower.OnAdvance(from, to);
            }

            Interlocked.Exchange(ref _milliseconds, to);
        }
    }

    /// <summary>Attaches a simulation so that it follows this clock from now on.</summary>
    public void Attach(IClockFollower follower)
    {
        ArgumentNullException.ThrowIfNull(follower);
        lock (_advanceGate)
        {
            if (!_followers.Contains(follower))
            {
                _followers.Add(follower);
            }
        }
    }

    public void Detach(IClockFollower follower)
    {
        lock (_advanceGate)
        {
            _followers.Remove(follower);
        }
    }
}

/// <summary>A simulation stepped by its clock: <c>Step(ms)</c> is <c>Clock.Advance(ms)</c>.</summary>
public interface ISimulation
{
    SimulatedClock Clock { get; }

    /// <summary>Advances simulated time (and so this simulation and any other on the same clock).</summary>
    void Step(long milliseconds);
}

/// <summary>
/// Real-time mode: each <see cref="Pump"/> advances a simulated clock by the real time elapsed since
/// the previous pump, times <see cref="Speed"/> (1 = real time, 60 = a minute per second). The board
/// loop calls it; fractions of a millisecond are carried over so the simulation does not drift.
/// </summary>
public sealed class RealTimePacer
{
    private readonly SimulatedClock _clock;
    private readonly TimeProvider _time;
    private long _lastTimestamp;
    private double _carryMs;
    private double _speed;

    public RealTimePacer(SimulatedClock clock, double speed = 1.0, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        _time = time ?? TimeProvider.System;
        Speed = speed;
        _lastTimestamp = _time.GetTimestamp();
    }

    /// <summary>Simulated seconds per real second; must be positive and at most 100 000.</summary>
    public double Speed
    {
        get => _speed;
        set
        {
            if (!(value > 0 && value <= 100_000))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Speed must be > 0 and <= 100000.");
            }

            _speed = value;
        }
    }

    /// <summary>Advances the clock by the scaled real time since the last call; returns the simulated milliseconds advanced.</summary>
    public long Pump()
    {
        long now = _time.GetTimestamp();
        double elapsedMs = _time.GetElapsedTime(_lastTimestamp, now).TotalMilliseconds * _speed + _carryMs;
        _lastTimestamp = now;
        long whole = (long)Math.Floor(elapsedMs);
        _carryMs = elapsedMs - whole;
        if (whole > 0)
        {
            _clock.Advance(whole);
        }

        return whole;
    }
}
