using RoboClub.Board.Link;
using RoboClub.Hub.Boards;

namespace RoboClub.Hub;

/// <summary>
/// Board-to-board messages (Scratch's broadcast): a board may publish only under its own subtree, so
/// it sends <c>roboclub/{club}/{board}/broadcast</c> {"name":"ploaie"}, and the hub republishes it to
/// every board of the club on <c>roboclub/{club}/messages/ploaie</c> {"from":"{board}"}
/// (docs/protocol.md). The sender is taken from the topic, which the broker's ACL ties to the board.
/// </summary>
public sealed class BroadcastRelay : IDisposable
{
    readonly IDisposable _subscription;

    public BroadcastRelay(IHubBus bus)
    {
        _subscription = bus.Subscribe("roboclub/+/+/broadcast", async message =>
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
            await bus.PublishAsync(Topics.Message(topic.Club, payload.Name), BroadcastPayload.EncodeRelay(topic.Board), retain: false).ConfigureAwait(false);
        }, includeRetained: false);
    }

    public void Dispose() => _subscription.Dispose();
}
