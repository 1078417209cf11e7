namespace RoboClub.Mqtt.Client;

/// <summary>
/// Flow control for outgoing QoS 1/2 PUBLISH: at most the server's Receive Maximum may await their
/// acknowledgement (MQTT-4.9.0-2); a publisher waits for a slot. The limit changes with each CONNACK;
/// lowering it below the slots in use is paid back as those slots are released.
/// </summary>
internal sealed class SendQuota
{
    readonly SemaphoreSlim _slots;
    readonly object _gate = new();
    int _limit;
    int _debt; // slots to swallow on release after the limit was lowered
    int _inUse, _peakInUse;

    public SendQuota(int limit)
    {
        _limit = limit;
        _slots = new SemaphoreSlim(limit, int.MaxValue);
    }

    public int Limit { get { lock (_gate) return _limit; } }

    /// <summary>False when no slot became free within <paramref name="timeout"/>.</summary>
    public async Task<bool> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _slots.WaitAsync(timeout, cancellationToken).ConfigureAwait(false)) return false;
        int inUse = Interlocked.Increment(ref _inUse);
        int peak;
        while (inUse > (peak = Volatile.Read(ref _peakInUse)) && Interlocked.CompareExchange(ref _peakInUse, inUse, peak) != peak) { }
        return true;
    }

    /// <summary>Most slots ever held at once (tests check the Receive Maximum with it).</summary>
    public int PeakInUse => Volatile.Read(ref _peakInUse);

    public void Release()
    {
        Interlocked.Decrement(ref _inUse);
        lock (_gate)
        {
            if (_debt > 0) _debt--;
            else _slots.Release();
        }
    }

    public void SetLimit(int limit)
    {
        lock (_gate)
        {
            int delta = limit - _limit;
            _limit = limit;
            if (delta > 0)
            {
                int paid = Math.Min(_debt, delta);
                _debt -= paid;
                if (delta > paid) _slots.Release(delta - paid);
            }
            else
            {
                int owed = -delta;
                while (owed > 0 && _slots.Wait(0)) owed--;
                _debt += owed;
            }
        }
    }
}
