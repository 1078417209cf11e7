using RoboClub.Board.Link;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub;

/// <summary>
/// Board-to-board messages (Scratch's broadcast): a board may publish only under its own subtree, so
/// it sends <c>roboclub/{club}/{board}/broadcast</c> {"name":"ploaie"}, and the hub republishes it to
/// every board of the club on <c>roboclub/{club}/messages/ploaie</c> {"from":"{board}"}
/// (docs/protocol.md). The sender is taken from the topic, which the broker's ACL ties to the board.
/// </summary>
internal sealed class BroadcastRelay : IDisposable
{
    readonly IDisposable _subscription;

    public BroadcastRelay(MqttBroker broker)
    {
        _subscription = broker.Subscribe("roboclub/+/+/broadcast", async message =>
        {
            var topic = Topics.Parse(message.Topic);
            if (!topic.IsValid || topic.Leaf != TopicLeaf.Broadcast) return;
            BroadcastPayload payload;
            try
            {
                payload = BroadcastPayload.DecodeSend(message.Payload.ToArray());
            }
            catch (PayloadException)
            {
                return; // a malformed broadcast is dropped; the board's own link validated what it sent
            }
            await broker.PublishAsync(new MqttApplicationMessage
            {
                Topic = Topics.Message(topic.Club, payload.Name),
                Payload = BroadcastPayload.EncodeRelay(topic.Board),
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            }).ConfigureAwait(false);
        });
    }

    public void Dispose() => _subscription.Dispose();
}
