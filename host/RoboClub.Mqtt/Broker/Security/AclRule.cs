namespace RoboClub.Mqtt.Broker;

/// <summary>What a rule grants (or, for <see cref="Deny"/>, takes away).</summary>
public enum AclAccess
{
    /// <summary>Subscribe to filters the rule's filter covers.</summary>
    Read,
    /// <summary>Publish to topics the rule's filter matches.</summary>
    Write,
    ReadWrite,
    /// <summary>No publishing to matching topics and no subscribing to overlapping filters, whatever other rules say.</summary>
    Deny,
}

/// <summary>Whom a rule applies to.</summary>
public enum AclScope
{
    /// <summary>Every client, with or without user name (<c>topic</c> lines).</summary>
    Everyone,
    /// <summary>Clients without user name (<c>anonymous_topic</c> lines).</summary>
    Anonymous,
    /// <summary>One user (<c>user_topic</c> lines).</summary>
    User,
    /// <summary>Every client, with %u and %c replaced by its user name and client id (<c>pattern</c> lines).</summary>
    Pattern,
}

/// <summary>One access rule of a <see cref="MqttBrokerConfigFile"/>.</summary>
public sealed record AclRule(AclScope Scope, string? UserName, AclAccess Access, string Filter, int LineNumber)
{
    public bool Grants(AclAccess wanted) => Access == wanted || (Access == AclAccess.ReadWrite && wanted is AclAccess.Read or AclAccess.Write);

    /// <summary>The rule's filter for this client, or null when the rule does not apply to it (another
    /// user; a pattern whose %u/%c value is missing, empty or contains '/', '+', '#' or U+0000, so that
    /// nobody can widen their own access with a crafted user name or client id).</summary>
    public string? FilterFor(MqttClientIdentity client)
    {
        switch (Scope)
        {
            case AclScope.Everyone:
                return Filter;
            case AclScope.Anonymous:
                return client.UserName is null ? Filter : null;
            case AclScope.User:
                return client.UserName is not null && string.Equals(client.UserName, UserName, StringComparison.Ordinal) ? Filter : null;
            default:
                return Substitute(Filter, client.UserName, client.ClientId);
        }
    }

    /// <summary>Replaces %u and %c; null when a needed value is unusable.</summary>
    internal static string? Substitute(string pattern, string? userName, string? clientId)
    {
        if (!pattern.Contains('%')) return pattern;
        var sb = new System.Text.StringBuilder(pattern.Length + 32);
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '%' && i + 1 < pattern.Length && pattern[i + 1] is 'u' or 'c')
            {
                string? value = pattern[i + 1] == 'u' ? userName : clientId;
                if (!IsSafeSubstitution(value)) return null;
                sb.Append(value);
                i++;
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    internal static bool IsSafeSubstitution(string? value) =>
        !string.IsNullOrEmpty(value) && value.AsSpan().IndexOfAny("/+#\0") < 0;
}

/// <summary>Relations between two topic filters, for access rules.</summary>
public static class TopicFilterRelation
{
    /// <summary>
    /// Does <paramref name="rule"/> match every topic that <paramref name="filter"/> can match? E.g.
    /// "a/+/c" covers "a/b/c" and "a/+/c" but not "a/#"; "a/#" covers "a", "a/+/c" and "a/#";
    /// "#" does not cover "$SYS/#" (wildcards at the first level never match '$' topics).
    /// </summary>
    public static bool Covers(string rule, string filter)
    {
        string[] r = rule.Split('/'), f = filter.Split('/');
        if (StartsWithWildcard(r) && IsDollar(f)) return false;
        for (int i = 0; ; i++)
        {
            if (i < r.Length && r[i] == "#") return true;        // the rest, whatever it is
            if (i == f.Length)
            {
                // filter ends: it matches a topic of exactly i levels; the rule must too (a rule
                // ending in "/#" was accepted above, as "a/#" matches "a").
                return i == r.Length;
            }
            if (i == r.Length) return false;                      // filter goes deeper than the rule
            if (f[i] == "#")
            {
                // The filter takes any remaining levels (none at all, unless '#' is its whole
                // first level). Only a rule ending in "#" takes them all — or "+/#" against the
                // filter "#", as both need at least one level ("+/#" matches "x").
                return i == 0 && r.Length == 2 && r[0] == "+" && r[1] == "#";
            }
            if (r[i] == "+") continue;                            // any single level, '+' included
            if (f[i] == "+" || f[i] != r[i]) return false;
        }
    }

    /// <summary>Is there a topic both filters match? E.g. "a/+" and "+/b" overlap (in "a/b");
    /// "a/#" and "a" overlap; "a/+" and "a/b/c" do not; "#" and "$SYS/x" do not.</summary>
    public static bool Overlaps(string a, string b)
    {
        string[] x = a.Split('/'), y = b.Split('/');
        if ((StartsWithWildcard(x) && IsDollar(y)) || (StartsWithWildcard(y) && IsDollar(x))) return false;
        for (int i = 0; ; i++)
        {
            if (i < x.Length && x[i] == "#") return true;
            if (i < y.Length && y[i] == "#") return true;
            // One ends here: the other must end here too (or go on with "/#", accepted above).
            if (i == x.Length || i == y.Length) return x.Length == y.Length;
            if (x[i] == "+" || y[i] == "+") continue;
            if (x[i] != y[i]) return false;
        }
    }

    static bool StartsWithWildcard(string[] levels) => levels[0] is "+" or "#";
    static bool IsDollar(string[] levels) => levels[0].StartsWith('$');
}
