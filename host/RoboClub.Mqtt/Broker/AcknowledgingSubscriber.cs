namespace RoboClub.Mqtt.Broker;

/// <summary>
/// An in-process subscriber whose handler decides when a publisher's QoS 1/2 message is
/// acknowledged (the hub's telemetry store: PUBACK only after the commit). The handler is called
/// on the publisher's reader task, in the order the publisher sent its messages, so its synchronous
/// part must be short (decode, queue); the task it returns may take long. The broker sends the
/// PUBACK/PUBREC when that task completed; if it failed, the broker closes the publisher's
/// connection without acknowledging, so the publisher sends the message again after reconnecting.
/// Messages that need no acknowledgement (QoS 0, the broker's own publishes, retained copies) are
/// handed over the same way, and a failure is only logged.
/// </summary>
internal sealed class AcknowledgingSubscriber : Subscriber, IDisposable
{
    static int s_next;
    readonly Func<MqttApplicationMessage, ValueTask> _handler;
    readonly Action<MqttLogLevel, string> _log;
    readonly Action<Subscriber> _onDispose;
    int _disposed;

    public AcknowledgingSubscriber(Func<MqttApplicationMessage, ValueTask> handler, Action<MqttLogLevel, string> log, Action<Subscriber> onDispose)
    {
        _handler = handler;
        _log = log;
        _onDispose = onDispose;
        Id = "$local-ack-" + Interlocked.Increment(ref s_next);
    }

    public override string Id { get; }
    public override bool IsOnline => true;

    /// <summary>Runs the handler; the returned task completes when the message may be acknowledged.</summary>
    public Task Handle(in OutgoingMessage m)
    {
        if (Volatile.Read(ref _disposed) == 1) return Task.CompletedTask;
        try
        {
            var handled = _handler(m.Message.ToApplicationMessage(m.QualityOfServiceLevel, m.Retain, DateTime.UtcNow.Ticks));
            return handled.IsCompletedSuccessfully ? Task.CompletedTask : handled.AsTask();
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>No one waits to acknowledge: a failure is logged.</summary>
    public override void Deliver(in OutgoingMessage message)
    {
        var topic = message.Message.Topic;
        var handled = Handle(message);
        if (!handled.IsCompleted || handled.IsFaulted)
            _ = handled.ContinueWith(t => _log(MqttLogLevel.Error, $"in-process subscriber {Id} failed on '{topic}': {t.Exception?.GetBaseException().Message}"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _onDispose(this);
    }
}
