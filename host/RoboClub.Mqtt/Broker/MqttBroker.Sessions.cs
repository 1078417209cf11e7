namespace RoboClub.Mqtt.Broker;

public sealed partial class MqttBroker
{
    readonly object _sessionsLock = new();
    readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    /// <summary>Wills waiting for their Will Delay Interval, by client id.</summary>
    readonly Dictionary<string, PendingWill> _pendingWills = new(StringComparer.Ordinal);
    volatile bool _hasPersistentSessions;

    sealed record PendingWill(MqttApplicationMessage Will, string ClientId, long DueUtcTicks);

    /// <summary>Binds a connection to its session: resumes it (clean start 0) or starts a new one, and
    /// takes the client id over from an older connection.</summary>
    internal Session Attach(ClientConnection connection, string clientId, bool cleanStart, uint expiry, out bool sessionPresent)
    {
        ClientConnection? previous = null;
        Session session;
        lock (_sessionsLock)
        {
            _pendingWills.Remove(clientId); // reconnected before the will delay ran out: no will
            if (_sessions.TryGetValue(clientId, out var existing))
            {
                previous = existing.Connection;
                if (cleanStart)
                {
                    EndSessionLocked(existing);
                    session = NewSessionLocked(clientId);
                    sessionPresent = false;
                }
                else
                {
                    session = existing;
                    sessionPresent = true;
                }
            }
            else
            {
                session = NewSessionLocked(clientId);
                sessionPresent = false;
            }
            lock (session.Lock)
            {
                session.Connection = connection;
                session.SessionExpiryInterval = expiry;
            }
            if (expiry > 0) _hasPersistentSessions = true;
        }
        previous?.TakeOver();
        MarkDirty();
        return session;
    }

    Session NewSessionLocked(string clientId)
    {
        var s = new Session(this, clientId);
        _sessions[clientId] = s;
        return s;
    }

    /// <summary>Removes a session and its subscriptions. Caller holds <see cref="_sessionsLock"/>.</summary>
    void EndSessionLocked(Session session)
    {
        if (_sessions.TryGetValue(session.ClientId, out var current) && ReferenceEquals(current, session)) _sessions.Remove(session.ClientId);
        List<Subscription> subs;
        lock (session.Lock)
        {
            subs = new List<Subscription>(session.Subscriptions.Values);
            session.Subscriptions.Clear();
            session.Pending.Clear();
            session.InflightMessages.Clear();
        }
        foreach (var s in subs) _tree.Remove(session, s.Filter, s.ShareGroup);
        MarkDirty();
    }

    /// <summary>A connection ended. The session lives on for its expiry interval; the will goes now,
    /// later (Will Delay), or not at all (normal DISCONNECT, or the client came back in time).</summary>
    internal void Detach(ClientConnection connection, Session session, MqttApplicationMessage? will, uint willDelay)
    {
        string clientId = session.ClientId;
        lock (_sessionsLock)
        {
            bool stillOurs;
            lock (session.Lock)
            {
                stillOurs = ReferenceEquals(session.Connection, connection);
                if (stillOurs)
                {
                    session.Connection = null;
                    session.DisconnectedAtUtcTicks = DateTime.UtcNow.Ticks;
                }
            }
            // A clean start by a newer connection may already have replaced this session.
            bool registered = _sessions.TryGetValue(clientId, out var current) && ReferenceEquals(current, session);
            bool sessionEnded = !registered || (stillOurs && session.SessionExpiryInterval == 0);
            if (registered && sessionEnded) EndSessionLocked(session);
            if (will is not null && willDelay > 0 && !sessionEnded)
            {
                if (!stillOurs)
                {
                    will = null; // the client came back and resumed its session before the delay ran out
                }
                else
                {
                    long due = DateTime.UtcNow.Ticks + Math.Min(willDelay, session.SessionExpiryInterval) * TimeSpan.TicksPerSecond;
                    _pendingWills[clientId] = new PendingWill(will, clientId, due);
                    will = null;
                }
            }
        }
        MarkDirty();
        if (will is not null) PublishWill(will, clientId);
    }

    void PublishWill(MqttApplicationMessage will, string clientId)
    {
        Log(MqttLogLevel.Debug, $"publishing the will of '{clientId}' to '{will.Topic}'");
        Route(BrokerMessage.FromApplicationMessage(will, clientId, DateTime.UtcNow.Ticks), new List<Subscription>());
    }

    /// <summary>Housekeeping: ends expired sessions and sends wills whose delay ran out.</summary>
    void ExpireSessionsAndWills()
    {
        long now = DateTime.UtcNow.Ticks;
        List<PendingWill>? due = null;
        lock (_sessionsLock)
        {
            List<Session>? expired = null;
            bool persistent = false;
            foreach (var s in _sessions.Values)
            {
                if (s.IsExpired(now)) (expired ??= new()).Add(s);
                else if (s.SessionExpiryInterval > 0) persistent = true;
            }
            _hasPersistentSessions = persistent;
            if (expired is not null)
            {
                foreach (var s in expired)
                {
                    EndSessionLocked(s);
                    // the session ended before the will delay: the will goes now
                    if (_pendingWills.Remove(s.ClientId, out var w)) (due ??= new()).Add(w);
                }
            }
            foreach (var w in _pendingWills.Values)
            {
                if (w.DueUtcTicks <= now) (due ??= new()).Add(w);
            }
            if (due is not null) foreach (var w in due) _pendingWills.Remove(w.ClientId);
        }
        if (due is not null) foreach (var w in due) PublishWill(w.Will, w.ClientId);
    }

    internal int SessionCount { get { lock (_sessionsLock) return _sessions.Count; } }
}
