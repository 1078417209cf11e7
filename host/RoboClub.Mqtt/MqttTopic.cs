using System.Text;

namespace RoboClub.Mqtt;

/// <summary>Topic name and topic filter rules (spec 4.7) and matching.</summary>
public static class MqttTopic
{
    public const string SharePrefix = "$share/";

    /// <summary>A topic name a PUBLISH may carry: non-empty, no wildcards, no U+0000.</summary>
    public static bool IsValidTopicName(string topic)
    {
        if (topic.Length == 0 || Encoding.UTF8.GetByteCount(topic) > 65535) return false;
        foreach (char c in topic)
        {
            if (c == '+' || c == '#' || c == '\0') return false;
        }
        return true;
    }

    /// <summary>A topic filter a SUBSCRIBE may carry (shared-subscription prefix allowed).</summary>
    public static bool IsValidTopicFilter(string filter)
    {
        if (filter.Length == 0 || Encoding.UTF8.GetByteCount(filter) > 65535) return false;
        if (filter.StartsWith(SharePrefix, StringComparison.Ordinal))
        {
            return TrySplitShared(filter, out _, out var inner) && IsValidPlainFilter(inner);
        }
        return IsValidPlainFilter(filter);
    }

    static bool IsValidPlainFilter(string filter)
    {
        if (filter.Length == 0) return false;
        for (int i = 0; i < filter.Length; i++)
        {
            char c = filter[i];
            if (c == '\0') return false;
            if (c == '+')
            {
                // '+' must occupy a whole level.
                if ((i > 0 && filter[i - 1] != '/') || (i + 1 < filter.Length && filter[i + 1] != '/')) return false;
            }
            else if (c == '#')
            {
                // '#' must be the last character and occupy a whole level.
                if (i != filter.Length - 1 || (i > 0 && filter[i - 1] != '/')) return false;
            }
        }
        return true;
    }

    /// <summary>Splits "$share/{group}/{filter}". The group is non-empty and has no '/', '+', '#' or U+0000.</summary>
    public static bool TrySplitShared(string filter, out string group, out string innerFilter)
    {
        group = innerFilter = "";
        if (!filter.StartsWith(SharePrefix, StringComparison.Ordinal)) return false;
        int slash = filter.IndexOf('/', SharePrefix.Length);
        if (slash <= SharePrefix.Length) return false;
        group = filter.Substring(SharePrefix.Length, slash - SharePrefix.Length);
        if (group.IndexOfAny(['+', '#', '\0']) >= 0) return false; // U+0000 is not allowed in any string
        innerFilter = filter.Substring(slash + 1);
        return innerFilter.Length > 0;
    }

    public static bool HasWildcards(string filter) => filter.AsSpan().IndexOfAny('+', '#') >= 0;

    /// <summary>Does <paramref name="topic"/> match <paramref name="filter"/>? '$' topics never match a
    /// filter that starts with a wildcard (MQTT-4.7.2-1).</summary>
    public static bool Matches(string filter, string topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && (filter[0] == '+' || filter[0] == '#')) return false;
        ReadOnlySpan<char> f = filter, t = topic;
        while (true)
        {
            int fSlash = f.IndexOf('/');
            var fLevel = fSlash < 0 ? f : f[..fSlash];
            if (fLevel is "#") return true; // the rest, including the parent level
            int tSlash = t.IndexOf('/');
            var tLevel = tSlash < 0 ? t : t[..tSlash];
            if (fLevel is not "+" && !fLevel.SequenceEqual(tLevel)) return false;
            if (fSlash < 0) return tSlash < 0;
            if (tSlash < 0) return f[(fSlash + 1)..] is "#"; // "a/#" matches "a"
            f = f[(fSlash + 1)..];
            t = t[(tSlash + 1)..];
        }
    }
}
