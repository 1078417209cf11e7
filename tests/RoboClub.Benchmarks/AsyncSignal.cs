using System.Threading.Tasks.Sources;

namespace RoboClub.Benchmarks;

/// <summary>
/// An allocation-free auto-reset event for exactly one waiter (a publisher loop) and any number of
/// signallers (its receive loop, subscribers, the monitor). A <see cref="Set"/> that happens while
/// nobody waits is remembered, so a waiter that checked a condition and then waits cannot miss it.
/// Spurious wake-ups are possible; waiters re-check their condition.
/// </summary>
sealed class AsyncSignal : IValueTaskSource
{
    const int Idle = 0, Signalled = 1, Waiting = 2;
    ManualResetValueTaskSourceCore<bool> _core; // RunContinuationsAsynchronously = false: the waiter runs inline in Set
    int _state;

    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signalled) == Signalled) return default;
        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Idle) return new ValueTask(this, _core.Version);
        // A Set arrived between the two exchanges: consume it.
        Volatile.Write(ref _state, Idle);
        return default;
    }

    public void Set()
    {
        while (true)
        {
            int s = Volatile.Read(ref _state);
            if (s == Signalled) return;
            if (s == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Signalled, Idle) == Idle) return;
            }
            else if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                _core.SetResult(true);
                return;
            }
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);
    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);
    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _core.OnCompleted(continuation, state, token, flags);
}
