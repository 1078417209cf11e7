namespace RoboClub.Mqtt.Broker;

/// <summary>
/// Subscriptions indexed by topic level, so a publish visits only the branches that can match
/// (exact level, '+', '#') instead of every subscription. Shared subscriptions sit in the same
/// nodes, grouped by share name; one member of each matching group is chosen per message.
/// Many publishers read at once; subscribe/unsubscribe take the write lock.
/// </summary>
internal sealed class SubscriptionTree
{
    sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public List<Subscription>? Subscriptions;
        public Dictionary<string, SharedGroup>? Shared;

        public bool IsEmpty => (Children is null || Children.Count == 0) && (Subscriptions is null || Subscriptions.Count == 0) && (Shared is null || Shared.Count == 0);
    }

    internal sealed class SharedGroup
    {
        public readonly List<Subscription> Members = new();
        public int Next; // round robin
    }

    readonly Node _root = new();
    readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Adds or replaces (same owner and full filter) a subscription. Returns true if it is new.</summary>
    public bool Add(Subscription s)
    {
        _lock.EnterWriteLock();
        try
        {
            var node = _root;
            foreach (var level in s.Filter.Split('/'))
            {
                node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(level, out var child)) node.Children[level] = child = new Node();
                node = child;
            }
            List<Subscription> list;
            if (s.ShareGroup is null) list = node.Subscriptions ??= new List<Subscription>(1);
            else
            {
                node.Shared ??= new Dictionary<string, SharedGroup>(StringComparer.Ordinal);
                if (!node.Shared.TryGetValue(s.ShareGroup, out var g)) node.Shared[s.ShareGroup] = g = new SharedGroup();
                list = g.Members;
            }
            for (int i = 0; i < list.Count; i++)
            {
                if (ReferenceEquals(list[i].Owner, s.Owner))
                {
                    list[i] = s;
                    return false;
                }
            }
            list.Add(s);
            _count++;
            return true;
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Removes the owner's subscription with this filter (and share group). True if it existed.</summary>
    public bool Remove(Subscriber owner, string filter, string? shareGroup)
    {
        _lock.EnterWriteLock();
        try
        {
            var path = new List<(Node parent, string level)>();
            var node = _root;
            foreach (var level in filter.Split('/'))
            {
                if (node.Children is null || !node.Children.TryGetValue(level, out var child)) return false;
                path.Add((node, level));
                node = child;
            }
            List<Subscription>? list = shareGroup is null ? node.Subscriptions : (node.Shared is not null && node.Shared.TryGetValue(shareGroup, out var g) ? g.Members : null);
            if (list is null) return false;
            int idx = list.FindIndex(x => ReferenceEquals(x.Owner, owner));
            if (idx < 0) return false;
            list.RemoveAt(idx);
            _count--;
            if (shareGroup is not null && list.Count == 0) node.Shared!.Remove(shareGroup);
            // prune empty branches so the tree does not grow without bound
            for (int i = path.Count - 1; i >= 0; i--)
            {
                var (parent, level) = path[i];
                if (!parent.Children![level].IsEmpty) break;
                parent.Children.Remove(level);
            }
            return true;
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Adds every subscription matching <paramref name="topic"/> to <paramref name="matches"/>
    /// and one chosen member of every matching shared group.</summary>
    public void Match(string topic, List<Subscription> matches)
    {
        _lock.EnterReadLock();
        try
        {
            bool dollar = topic.Length > 0 && topic[0] == '$';
            MatchLevel(_root, topic, 0, matches, dollar);
        }
        finally { _lock.ExitReadLock(); }
    }

    void MatchLevel(Node node, string topic, int start, List<Subscription> matches, bool skipWildcards)
    {
        var children = node.Children;
        if (children is null) return;
        int slash = topic.IndexOf('/', start);
        int end = slash < 0 ? topic.Length : slash;
        if (!skipWildcards && children.TryGetValue("#", out var hash)) Collect(hash, matches);
        if (!skipWildcards && children.TryGetValue("+", out var plus)) Descend(plus, topic, slash, matches);
        var lookup = children.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(topic.AsSpan(start, end - start), out var exact)) Descend(exact, topic, slash, matches);
    }

    void Descend(Node child, string topic, int slash, List<Subscription> matches)
    {
        if (slash < 0)
        {
            Collect(child, matches);
            // "a/#" also matches "a"
            if (child.Children is not null && child.Children.TryGetValue("#", out var hash)) Collect(hash, matches);
        }
        else
        {
            MatchLevel(child, topic, slash + 1, matches, false);
        }
    }

    static void Collect(Node node, List<Subscription> matches)
    {
        if (node.Subscriptions is { } subs) matches.AddRange(subs);
        if (node.Shared is { } shared)
        {
            foreach (var g in shared.Values)
            {
                if (g.Members.Count > 0) matches.Add(PickMember(g));
            }
        }
    }

    /// <summary>Round robin over the group, skipping offline members while an online one exists.</summary>
    static Subscription PickMember(SharedGroup g)
    {
        int n = g.Members.Count;
        int start = (int)((uint)Interlocked.Increment(ref g.Next) % (uint)n);
        for (int i = 0; i < n; i++)
        {
            var s = g.Members[(start + i) % n];
            if (s.Owner.IsOnline) return s;
        }
        return g.Members[start];
    }
}
