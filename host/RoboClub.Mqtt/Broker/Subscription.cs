namespace RoboClub.Mqtt.Broker;

/// <summary>One subscription of one subscriber (a client session or an in-process handler).</summary>
internal sealed class Subscription
{
    public required Subscriber Owner { get; init; }
    /// <summary>The filter as the client sent it (with any $share/ prefix): the session's key.</summary>
    public required string FullFilter { get; init; }
    /// <summary>The filter used for matching (without the $share/group/ prefix).</summary>
    public required string Filter { get; init; }
    /// <summary>Shared subscription group, or null.</summary>
    public string? ShareGroup { get; init; }
    public MqttQualityOfServiceLevel QualityOfServiceLevel { get; init; }
    public bool NoLocal { get; init; }
    public bool RetainAsPublished { get; init; }
    public byte RetainHandling { get; init; }
    public uint SubscriptionIdentifier { get; init; }
}

/// <summary>Something messages can be delivered to: a client session or an in-process subscriber.</summary>
internal abstract class Subscriber
{
    public abstract string Id { get; }
    /// <summary>Online subscribers are preferred when a shared subscription picks a member.</summary>
    public abstract bool IsOnline { get; }
    /// <summary>Queues a message; must not block (it runs on the publisher's thread).</summary>
    public abstract void Deliver(in OutgoingMessage message);

    /// <summary>As <see cref="Deliver(in OutgoingMessage)"/>; <paramref name="writeNow"/> allows sending it
    /// on the caller's thread when this is the only recipient.</summary>
    public virtual void Deliver(in OutgoingMessage message, bool writeNow) => Deliver(message);
}
