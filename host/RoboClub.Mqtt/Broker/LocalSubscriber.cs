using System.Threading.Channels;

namespace RoboClub.Mqtt.Broker;

/// <summary>An in-process subscriber (the hub): messages go through its own queue to the handler, so a
/// slow handler never blocks a client connection.</summary>
internal sealed class LocalSubscriber : Subscriber, IDisposable
{
    static int s_next;
    readonly Channel<OutgoingMessage> _queue = Channel.CreateUnbounded<OutgoingMessage>(new UnboundedChannelOptions { SingleReader = true });
    readonly Func<MqttApplicationMessage, ValueTask> _handler;
    readonly Action<MqttLogLevel, string> _log;
    readonly Action<Subscriber> _onDispose;

    public LocalSubscriber(Func<MqttApplicationMessage, ValueTask> handler, Action<MqttLogLevel, string> log, Action<Subscriber> onDispose)
    {
        _handler = handler;
        _log = log;
        _onDispose = onDispose;
        Id = "$local-" + Interlocked.Increment(ref s_next);
        _ = Task.Run(RunAsync);
    }

    public override string Id { get; }
    public override bool IsOnline => true;

    public override void Deliver(in OutgoingMessage message) => _queue.Writer.TryWrite(message);

    async Task RunAsync()
    {
        await foreach (var m in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await _handler(m.Message.ToApplicationMessage(m.QualityOfServiceLevel, m.Retain, DateTime.UtcNow.Ticks)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _log(MqttLogLevel.Error, $"in-process subscriber {Id} failed on '{m.Message.Topic}': {ex.Message}");
            }
        }
    }

    public void Dispose()
    {
        if (_queue.Writer.TryComplete()) _onDispose(this);
    }
}
