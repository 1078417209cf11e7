namespace RoboClub.Mqtt.Client;

/// <summary>
/// Packet identifiers in use and the requests they belong to. An identifier is free again only
/// when its final ack arrived or the request was abandoned, so none is reused while in flight.
/// Not thread-safe: <see cref="MqttClient"/> calls it under its own lock.
/// </summary>
internal sealed class InflightTracker
{
    readonly Dictionary<ushort, PendingRequest> _pending = new();
    ushort _last;

    public int Count => _pending.Count;

    /// <summary>Gives <paramref name="request"/> the next free identifier (1..65535) and tracks it.</summary>
    public ushort Add(PendingRequest request)
    {
        if (_pending.Count >= ushort.MaxValue) throw new InvalidOperationException("all 65,535 packet identifiers are in use");
        do { _last = _last == ushort.MaxValue ? (ushort)1 : (ushort)(_last + 1); }
        while (_pending.ContainsKey(_last));
        request.PacketId = _last;
        _pending.Add(_last, request);
        return _last;
    }

    public PendingRequest? Get(ushort packetId) => _pending.GetValueOrDefault(packetId);

    /// <summary>Removes <paramref name="request"/> if it still owns its identifier.</summary>
    public bool Remove(PendingRequest request)
    {
        if (!_pending.TryGetValue(request.PacketId, out var current) || !ReferenceEquals(current, request)) return false;
        _pending.Remove(request.PacketId);
        return true;
    }

    /// <summary>Outgoing publishes in the order they were published.</summary>
    public List<PendingPublish> Publishes()
    {
        var list = new List<PendingPublish>();
        foreach (var r in _pending.Values) if (r is PendingPublish p) list.Add(p);
        list.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return list;
    }

    /// <summary>Removes and returns every request (publishes too when <paramref name="includePublishes"/>).</summary>
    public List<PendingRequest> RemoveAll(bool includePublishes)
    {
        var removed = new List<PendingRequest>();
        foreach (var r in _pending.Values) if (includePublishes || r is not PendingPublish) removed.Add(r);
        foreach (var r in removed) _pending.Remove(r.PacketId);
        return removed;
    }
}
