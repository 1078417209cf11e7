namespace RoboClub.Mqtt.Broker;

/// <summary>Counters published under $SYS/broker/... and readable in-process. Thread-safe.</summary>
public sealed class MqttBrokerStatistics
{
    internal long _clientsConnected;
    internal long _clientsMaximum;
    internal long _connectionsTotal;
    internal long _messagesReceived;
    internal long _messagesSent;
    internal long _publishReceived;
    internal long _publishSent;
    internal long _publishDropped;
    internal long _publishExpired;
    internal long _bytesReceived;
    internal long _bytesSent;
    internal long _malformedPackets;
    internal long _authFailures;

    public DateTime StartedUtc { get; internal set; } = DateTime.UtcNow;
    public long ClientsConnected => Interlocked.Read(ref _clientsConnected);
    public long ClientsMaximum => Interlocked.Read(ref _clientsMaximum);
    public long ConnectionsTotal => Interlocked.Read(ref _connectionsTotal);
    /// <summary>All packets received.</summary>
    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);
    /// <summary>All packets sent.</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);
    public long PublishReceived => Interlocked.Read(ref _publishReceived);
    public long PublishSent => Interlocked.Read(ref _publishSent);
    /// <summary>PUBLISH messages dropped because a client's queue was full or they expired while queued.</summary>
    public long PublishDropped => Interlocked.Read(ref _publishDropped);
    /// <summary>Queued messages whose Message Expiry Interval ran out before they could be sent.</summary>
    public long PublishExpired => Interlocked.Read(ref _publishExpired);
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    /// <summary>Connections closed because they sent a malformed or forbidden packet.</summary>
    public long MalformedPackets => Interlocked.Read(ref _malformedPackets);
    public long AuthenticationFailures => Interlocked.Read(ref _authFailures);
    public int Subscriptions { get; internal set; }
    public int RetainedMessages { get; internal set; }
    public int Sessions { get; internal set; }
}
