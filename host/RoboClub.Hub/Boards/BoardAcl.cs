using RoboClub.Mqtt;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Boards;

/// <summary>
/// What one logged-in board may do on the club's broker (docs/protocol.md, "ACL a board needs"):
/// publish under its own subtree <c>roboclub/{club}/{board}/…</c> except its program, cmd and config
/// (only the hub sends those); subscribe to its own program, cmd and config, to <c>roboclub/{club}/all/cmd</c>,
/// <c>roboclub/{club}/time</c> and <c>roboclub/{club}/messages/#</c> (or narrower filters of it).
/// </summary>
public sealed class BoardAcl(string club)
{
    /// <summary>The levels under a board's subtree that only the hub publishes.</summary>
    static readonly string[] HubOnly = ["program", "cmd", "config"];

    /// <summary>Board names that would overlap the club's own topics (roboclub/{club}/messages/…
    /// is the relay's; all/cmd and time are the hub's), so no board may log in under them.</summary>
    public static readonly string[] ReservedNames = ["all", "messages", "time"];

    public string Club => club;

    public bool CanPublish(string board, string topic)
    {
        string prefix = $"roboclub/{club}/{board}/";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal) || topic.Length == prefix.Length) return false;
        string rest = topic[prefix.Length..];
        int slash = rest.IndexOf('/');
        string first = slash < 0 ? rest : rest[..slash];
        return !HubOnly.Contains(first) && MqttTopic.IsValidTopicName(topic);
    }

    public bool CanSubscribe(string board, string filter)
    {
        string own = $"roboclub/{club}/{board}/";
        foreach (var level in HubOnly)
            if (filter == own + level) return true;
        return filter == $"roboclub/{club}/all/cmd"
            || filter == $"roboclub/{club}/time"
            || (MqttTopic.IsValidTopicFilter(filter) && TopicFilterRelation.Covers($"roboclub/{club}/messages/#", filter));
    }
}
