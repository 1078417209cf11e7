using RoboClub.Board.Hardware;

namespace RoboClub.VirtualBoard.Simulation;

// Simulated parts that need no arena: used by both the robot and the weather station.
// All are thread-safe (the board program and the web view use them from different threads).
// Out-of-range arguments are clamped, as the hardware would (a servo cannot go to 200°).

/// <summary>An RGB colour, each channel 0..255.</summary>
public readonly record struct LedColor(int Red, int Green, int Blue)
{
    public static LedColor Off => default;
}

/// <summary>An RGB LED that remembers its colour and how many times it was set.</summary>
public sealed class SimulatedLed : ILed
{
    private readonly object _gate = new();
    private LedColor _color;
    private long _changes;

    public void SetColor(int red, int green, int blue)
    {
        lock (_gate)
        {
            _color = new LedColor(Math.Clamp(red, 0, 255), Math.Clamp(green, 0, 255), Math.Clamp(blue, 0, 255));
            _changes++;
        }
    }

    public LedColor Color
    {
        get
        {
            lock (_gate)
            {
                return _color;
            }
        }
    }

    /// <summary>How many times <see cref="SetColor"/> was called.</summary>
    public long Changes
    {
        get
        {
            lock (_gate)
            {
                return _changes;
            }
        }
    }
}

/// <summary>A push button pressed from outside (the web view, a test).</summary>
public sealed class SimulatedButton : IButton
{
    private readonly object _gate = new();
    private readonly IClock _clock;
    private bool _pressed;
    private long? _releaseAtMs;

    public SimulatedButton(IClock clock)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public bool Pressed
    {
        get
        {
            lock (_gate)
            {
                return _pressed && (_releaseAtMs is not long at || _clock.Milliseconds < at);
            }
        }
    }

    /// <summary>Holds the button down until <see cref="Release"/>.</summary>
    public void Press()
    {
        lock (_gate)
        {
            _pressed = true;
            _releaseAtMs = null;
        }
    }

    /// <summary>Holds the button down for this much simulated time (a click), then lets go by itself.</summary>
    public void PressFor(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(milliseconds);
        lock (_gate)
        {
            _pressed = true;
            _releaseAtMs = _clock.Milliseconds + milliseconds;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _pressed = false;
            _releaseAtMs = null;
        }
    }
}

/// <summary>One thing the buzzer was told: a tone (frequency, duration; 0 = until stopped) or a stop (frequency 0).</summary>
public readonly record struct ToneRecord(long AtMs, int FrequencyHz, int DurationMs);

/// <summary>What the buzzer is doing now and what it did recently (oldest first).</summary>
public sealed record BuzzerState(int FrequencyHz, IReadOnlyList<ToneRecord> History);

/// <summary>A buzzer: the current tone (ending by itself after its duration) and a bounded history.</summary>
public sealed class SimulatedBuzzer : IBuzzer
{
    public const int MaxFrequencyHz = 20_000;

    private readonly object _gate = new();
    private readonly IClock _clock;
    private readonly Queue<ToneRecord> _history = new();
    private readonly int _historyCapacity;
    private int _frequency;
    private long? _endsAtMs;

    public SimulatedBuzzer(IClock clock, int historyCapacity = 32)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(historyCapacity);
        _historyCapacity = historyCapacity;
    }

    /// <summary>Starts a tone. A frequency of 0 or less is silence (like <see cref="Stop"/>); negative durations count as 0 (until stopped).</summary>
    public void Tone(int frequencyHz, int durationMs)
    {
        lock (_gate)
        {
            long now = _clock.Milliseconds;
            if (frequencyHz <= 0)
            {
                StopLocked(now);
                return;
            }

            _frequency = Math.Min(frequencyHz, MaxFrequencyHz);
            int duration = Math.Max(durationMs, 0);
            _endsAtMs = duration == 0 ? null : now + duration;
            Remember(new ToneRecord(now, _frequency, duration));
        }
    }

    public void Stop()
    {
        lock (_gate)
        {
            StopLocked(_clock.Milliseconds);
        }
    }

    /// <summary>The tone sounding now, Hz; 0 when silent.</summary>
    public int FrequencyHz
    {
        get
        {
            lock (_gate)
            {
                return CurrentLocked(_clock.Milliseconds);
            }
        }
    }

    public BuzzerState State
    {
        get
        {
            lock (_gate)
            {
                return new BuzzerState(CurrentLocked(_clock.Milliseconds), [.. _history]);
            }
        }
    }

    private int CurrentLocked(long now) => _endsAtMs is long end && now >= end ? 0 : _frequency;

    private void StopLocked(long now)
    {
        _frequency = 0;
        _endsAtMs = null;
        Remember(new ToneRecord(now, 0, 0));
    }

    private void Remember(ToneRecord record)
    {
        _history.Enqueue(record);
        while (_history.Count > _historyCapacity)
        {
            _history.Dequeue();
        }
    }
}

/// <summary>A hobby servo: the horn turns towards the commanded angle at a limited speed (SG90: about 600°/s).</summary>
public sealed class SimulatedServo : IServo
{
    private readonly object _gate = new();
    private readonly IClock _clock;
    private readonly double _degreesPerMs;
    private double _fromAngle;
    private int _target;
    private long _commandAtMs;

    public SimulatedServo(IClock clock, int initialDegrees = 90, double degreesPerSecond = 600)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        if (!(degreesPerSecond > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesPerSecond), "must be more than 0");
        }

        _degreesPerMs = degreesPerSecond / 1000.0;
        _target = Math.Clamp(initialDegrees, 0, 180);
        _fromAngle = _target;
        _commandAtMs = clock.Milliseconds;
    }

    /// <summary>Commands an angle; values outside 0..180 are clamped.</summary>
    public void SetAngle(int degrees)
    {
        lock (_gate)
        {
            long now = _clock.Milliseconds;
            _fromAngle = AngleLocked(now);
            _target = Math.Clamp(degrees, 0, 180);
            _commandAtMs = now;
        }
    }

    /// <summary>The last commanded angle.</summary>
    public int TargetDegrees
    {
        get
        {
            lock (_gate)
            {
                return _target;
            }
        }
    }

    /// <summary>Where the horn is now (it may still be moving towards <see cref="TargetDegrees"/>).</summary>
    public double Degrees
    {
        get
        {
            lock (_gate)
            {
                return AngleLocked(_clock.Milliseconds);
            }
        }
    }

    private double AngleLocked(long now)
    {
        double travel = (now - _commandAtMs) * _degreesPerMs;
        double gap = _target - _fromAngle;
        return Math.Abs(gap) <= travel ? _target : _fromAngle + Math.Sign(gap) * travel;
    }
}
