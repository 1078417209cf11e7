namespace RoboClub.Mqtt.Broker;

public sealed partial class MqttBroker
{
    [ThreadStatic] static Dictionary<Subscriber, int>? t_byOwner;
    [ThreadStatic] static List<(Subscriber Owner, MqttQualityOfServiceLevel Qos, bool Retain, List<uint>? Ids)>? t_deliveries;

    /// <summary>
    /// Stores a retained message and delivers a message to every matching subscriber: once per
    /// subscriber, at the highest QoS of its matching subscriptions (MQTT-3.3.5-1), with all their
    /// subscription identifiers. Returns how many subscribers got it. When <paramref name="handled"/> is
    /// given (a client's QoS 1/2 PUBLISH), acknowledging subscribers add the task to wait for before the ack.
    /// </summary>
    internal int Route(BrokerMessage message, List<Subscription> scratch, List<Task>? handled = null)
    {
        if (message.Retain)
        {
            _retained.Set(message);
            if (!message.Topic.StartsWith("$SYS/", StringComparison.Ordinal)) MarkDirty(); // $SYS is not saved
        }
        scratch.Clear();
        _tree.Match(message.Topic, scratch);
        if (scratch.Count == 0) return 0;
        if (_hasPersistentSessions) MarkDirty();

        if (scratch.Count == 1)
        {
            var s = scratch[0];
            if (s.NoLocal && s.Owner.Id == message.SenderClientId) return 0;
            var one = new OutgoingMessage(message, Min(message.QualityOfServiceLevel, s.QualityOfServiceLevel),
                s.RetainAsPublished && message.Retain, s.SubscriptionIdentifier != 0 ? [s.SubscriptionIdentifier] : null);
            if (handled is not null && s.Owner is AcknowledgingSubscriber acknowledging) handled.Add(acknowledging.Handle(one));
            else s.Owner.Deliver(one, writeNow: true);
            return 1;
        }

        var byOwner = t_byOwner ??= new Dictionary<Subscriber, int>();
        var deliveries = t_deliveries ??= new();
        byOwner.Clear();
        deliveries.Clear();
        foreach (var s in scratch)
        {
            if (s.NoLocal && s.Owner.Id == message.SenderClientId) continue;
            var qos = Min(message.QualityOfServiceLevel, s.QualityOfServiceLevel);
            bool retain = s.RetainAsPublished && message.Retain;
            if (byOwner.TryGetValue(s.Owner, out int i))
            {
                var d = deliveries[i];
                if (qos > d.Qos) d.Qos = qos;
                d.Retain |= retain;
                if (s.SubscriptionIdentifier != 0) (d.Ids ??= new List<uint>()).Add(s.SubscriptionIdentifier);
                deliveries[i] = d;
            }
            else
            {
                byOwner[s.Owner] = deliveries.Count;
                deliveries.Add((s.Owner, qos, retain, s.SubscriptionIdentifier != 0 ? [s.SubscriptionIdentifier] : null));
            }
        }
        foreach (var d in deliveries)
        {
            var m = new OutgoingMessage(message, d.Qos, d.Retain, d.Ids);
            if (handled is not null && d.Owner is AcknowledgingSubscriber acknowledging) handled.Add(acknowledging.Handle(m));
            else d.Owner.Deliver(m);
        }
        int count = deliveries.Count;
        deliveries.Clear();
        byOwner.Clear();
        return count;
    }

    static MqttQualityOfServiceLevel Min(MqttQualityOfServiceLevel a, MqttQualityOfServiceLevel b) => a < b ? a : b;

    /// <summary>Adds one subscription of a SUBSCRIBE; returns the SUBACK reason code and collects the
    /// retained messages it should receive.</summary>
    internal MqttReasonCode Subscribe(Session session, MqttClientIdentity identity, MqttTopicFilter f, uint subscriptionId, bool v5, List<OutgoingMessage> retainedOut)
    {
        if (!MqttTopic.IsValidTopicFilter(f.Topic))
        {
            Log(MqttLogLevel.Information, $"client '{identity.ClientId}': invalid topic filter '{f.Topic}'");
            return v5 ? MqttReasonCode.TopicFilterInvalid : MqttReasonCode.UnspecifiedError;
        }
        var sub = NewSubscription(session, f, subscriptionId);
        if (Options.Security is { } security && !security.CanSubscribe(identity, sub.Filter))
        {
            Log(MqttLogLevel.Information, $"client '{identity.ClientId}' may not subscribe to '{f.Topic}'");
            return MqttReasonCode.NotAuthorized;
        }
        bool isNew;
        lock (session.Lock)
        {
            isNew = !session.Subscriptions.ContainsKey(f.Topic);
            session.Subscriptions[f.Topic] = sub;
        }
        _tree.Add(sub);
        MarkDirty();
        // Retained messages: never for shared subscriptions (MQTT-3.8.4-4); per Retain Handling otherwise.
        if (sub.ShareGroup is null && (f.RetainHandling == 0 || (f.RetainHandling == 1 && isNew)))
        {
            long now = DateTime.UtcNow.Ticks;
            foreach (var m in _retained.Match(sub.Filter, now))
            {
                retainedOut.Add(new OutgoingMessage(m, Min(m.QualityOfServiceLevel, f.QualityOfServiceLevel), true, subscriptionId != 0 ? [subscriptionId] : null));
            }
        }
        return (MqttReasonCode)f.QualityOfServiceLevel;
    }

    internal bool Unsubscribe(Session session, string fullFilter)
    {
        Subscription? sub;
        lock (session.Lock)
        {
            if (!session.Subscriptions.Remove(fullFilter, out sub)) return false;
        }
        _tree.Remove(session, sub.Filter, sub.ShareGroup);
        MarkDirty();
        return true;
    }

    long _lastDropLogTicks;
    long _dropsSinceLog;

    /// <summary>A message could not be queued or sent: counted (visible in $SYS) and logged, at most once a second.</summary>
    internal void OnMessageDropped(Session session, BrokerMessage message, string why)
    {
        Interlocked.Increment(ref Statistics._publishDropped);
        long n = Interlocked.Increment(ref _dropsSinceLog);
        long now = Environment.TickCount64;
        long last = Interlocked.Read(ref _lastDropLogTicks);
        if (now - last >= 1000 && Interlocked.CompareExchange(ref _lastDropLogTicks, now, last) == last)
        {
            Interlocked.Exchange(ref _dropsSinceLog, 0);
            Log(MqttLogLevel.Warning, $"dropped a message on '{message.Topic}' for client '{session.ClientId}' ({why}); {n} dropped since the last report, {Statistics.PublishDropped} in total");
        }
    }

    internal void OnMessageExpired() => Interlocked.Increment(ref Statistics._publishExpired);
}

public sealed partial class MqttBroker
{
    /// <summary>Puts a persisted subscription back in the tree (no ACL check: it passed when made).</summary>
    internal void RestoreSubscription(Session session, MqttTopicFilter f, uint subscriptionId)
    {
        if (!MqttTopic.IsValidTopicFilter(f.Topic)) return;
        var sub = NewSubscription(session, f, subscriptionId);
        lock (session.Lock) session.Subscriptions[f.Topic] = sub;
        _tree.Add(sub);
    }

    /// <summary>A subscription as the tree keeps it: a "$share/group/filter" is split into group and filter.</summary>
    static Subscription NewSubscription(Subscriber owner, MqttTopicFilter f, uint subscriptionId)
    {
        bool shared = MqttTopic.TrySplitShared(f.Topic, out var group, out var inner);
        return new Subscription
        {
            Owner = owner,
            FullFilter = f.Topic,
            Filter = shared ? inner : f.Topic,
            ShareGroup = shared ? group : null,
            QualityOfServiceLevel = f.QualityOfServiceLevel,
            NoLocal = f.NoLocal,
            RetainAsPublished = f.RetainAsPublished,
            RetainHandling = f.RetainHandling,
            SubscriptionIdentifier = subscriptionId,
        };
    }
}
