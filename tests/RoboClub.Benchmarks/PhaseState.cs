using System.Diagnostics;

namespace RoboClub.Benchmarks;

/// <summary>What one measured phase does: who publishes what, at which QoS, how fast.</summary>
sealed record PhaseSpec
{
    public required string Name { get; init; }
    public int Publishers { get; init; } = 1;
    public int Subscribers { get; init; } = 1;
    /// <summary>Messages per publisher.</summary>
    public required int MessagesPerPublisher { get; init; }
    public int Qos { get; init; }
    public int PayloadSize { get; init; } = 64;
    /// <summary>QoS 1/2 publishes a publisher may have unacknowledged.</summary>
    public int Window { get; init; } = 100;
    /// <summary>How many messages a publisher may be ahead of the deliveries of its messages (per
    /// subscriber): keeps broker queues bounded so the run measures sustained throughput.</summary>
    public int Ahead { get; init; } = 10_000;
    /// <summary>0: as fast as possible (throughput); otherwise total messages/s over all publishers.</summary>
    public double Rate { get; init; }
    /// <summary>Connect every publisher at once, timed (the connect storm); otherwise they connect before the clock starts.</summary>
    public bool Storm { get; init; }
    public bool V5 { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    public long Expected => (long)Publishers * MessagesPerPublisher * Subscribers;
}

/// <summary>Shared, lock-free state of one running phase.</summary>
sealed class PhaseState
{
    public PhaseState(PhaseSpec spec)
    {
        Spec = spec;
        long perSubscriber = (long)spec.Publishers * spec.MessagesPerPublisher;
        if (perSubscriber > int.MaxValue / 2) throw new ArgumentException("too many messages for one phase");
        PerSubscriber = (int)perSubscriber;
    }

    public PhaseSpec Spec { get; }
    public int PerSubscriber { get; }
    /// <summary>Set by the monitor when deliveries stopped (lost messages): publishers ignore the
    /// Ahead limit from then on so the phase ends instead of waiting for messages that will never come.</summary>
    public volatile bool CreditDisabled;
    /// <summary>Set when the phase ends (or times out): loops stop.</summary>
    public volatile bool Stopped;
    /// <summary>Stopwatch ticks of the first publish of the phase.</summary>
    public long FirstPublish = long.MaxValue;

    public void NotePublishStart(long ts)
    {
        long cur;
        while (ts < (cur = Volatile.Read(ref FirstPublish)))
            if (Interlocked.CompareExchange(ref FirstPublish, ts, cur) == cur) break;
    }

    public static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
