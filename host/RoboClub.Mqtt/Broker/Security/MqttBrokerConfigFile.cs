using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace RoboClub.Mqtt.Broker;

/// <summary>A config file line that cannot be used; the message starts with "FILE:LINE: ".</summary>
public sealed class MqttBrokerConfigException(string source, int lineNumber, string problem)
    : Exception(lineNumber > 0 ? $"{source}:{lineNumber}: {problem}" : $"{source}: {problem}")
{
    /// <summary>The file (or source name) with the problem.</summary>
    public string FileName => source;
    /// <summary>1-based; 0 when the problem is not on one line (e.g. the file cannot be read).</summary>
    public int LineNumber => lineNumber;
    public string Problem => problem;
}

/// <summary>
/// Users, hashed passwords and per-topic access rules of the standalone broker, read from a text file
/// (format: docs/mqtt-broker-config.md). Thread-safe; <see cref="Reload"/> swaps the whole
/// configuration at once, or nothing when the new file has an error.
/// </summary>
/// <remarks>
/// Authorization: a client may publish to a topic when a write rule's filter matches it and no deny
/// rule matches it; it may subscribe to a filter when a read rule's filter covers it
/// (<see cref="TopicFilterRelation.Covers"/>) and no deny rule overlaps it
/// (<see cref="TopicFilterRelation.Overlaps"/>).
/// </remarks>
public sealed class MqttBrokerConfigFile : IMqttBrokerSecurity
{
    /// <summary>How long a verified password is remembered, so reconnecting boards cost no PBKDF2.</summary>
    public static readonly TimeSpan VerifiedPasswordLifetime = TimeSpan.FromMinutes(10);

    static readonly string[] Directives = ["allow_anonymous", "user", "topic", "user_topic", "anonymous_topic", "pattern"];

    Snapshot _snapshot;
    readonly ConcurrentDictionary<string, VerifiedPassword> _verified = new(StringComparer.Ordinal);
    readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    // PBKDF2 is CPU work: a connect storm must not take every thread-pool thread.
    readonly SemaphoreSlim _hashing = new(Math.Max(1, Environment.ProcessorCount));

    MqttBrokerConfigFile(Snapshot snapshot, string? path)
    {
        _snapshot = snapshot;
        FilePath = path;
    }

    /// <summary>Reads and checks a config file.</summary>
    /// <exception cref="MqttBrokerConfigException">The file cannot be read or has an error (message with line number).</exception>
    public static MqttBrokerConfigFile Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        return new MqttBrokerConfigFile(ParseSnapshot(ReadFile(full), full), full);
    }

    /// <summary>Parses config text (no file; <see cref="Reload"/> is not available).</summary>
    /// <exception cref="MqttBrokerConfigException">The text has an error.</exception>
    public static MqttBrokerConfigFile Parse(string text, string sourceName = "config") =>
        new(ParseSnapshot(text, sourceName), null);

    /// <summary>Checks config text without using it; null when it is fine, otherwise the error message.</summary>
    public static string? Validate(string text, string sourceName = "config")
    {
        try
        {
            ParseSnapshot(text, sourceName);
            return null;
        }
        catch (MqttBrokerConfigException e)
        {
            return e.Message;
        }
    }

    /// <summary>The file this came from (full path), or null for <see cref="Parse"/>.</summary>
    public string? FilePath { get; }
    /// <summary>May clients connect without user name? (<c>allow_anonymous</c>, false unless set.)</summary>
    public bool AllowAnonymous => _snapshot.AllowAnonymous;
    public IReadOnlyCollection<string> UserNames => _snapshot.Users.Keys;
    public IReadOnlyList<AclRule> Rules => _snapshot.Rules;

    /// <summary>Reads the file again and uses it; on error throws and keeps the current configuration.</summary>
    /// <exception cref="MqttBrokerConfigException">The file cannot be read or has an error.</exception>
    public void Reload()
    {
        if (FilePath is null) throw new InvalidOperationException("this configuration was not loaded from a file");
        var snapshot = ParseSnapshot(ReadFile(FilePath), FilePath);
        Volatile.Write(ref _snapshot, snapshot);
        _verified.Clear();
    }

    static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MqttBrokerConfigException(path, 0, $"cannot read the file: {e.Message}");
        }
    }

    // ---- authentication ----

    /// <summary>PBKDF2 iterations an unknown user name costs (the dummy hash): tests check it equals what users cost.</summary>
    internal int UnknownUserIterations => Volatile.Read(ref _snapshot).DummyHash.Iterations;

    public async ValueTask<MqttReasonCode> AuthenticateAsync(MqttClientIdentity client, ReadOnlyMemory<byte> password, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (client.UserName is null)
        {
            return snapshot.AllowAnonymous ? MqttReasonCode.Success : MqttReasonCode.NotAuthorized;
        }
        bool known = snapshot.Users.TryGetValue(client.UserName, out var hash);
        if (known && IsRecentlyVerified(client.UserName, hash!, password.Span)) return MqttReasonCode.Success;

        // An unknown user costs the same PBKDF2 work as a known one, so timing does not tell which names exist.
        var target = known ? hash! : snapshot.DummyHash;
        bool ok;
        await _hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ok = PasswordHasher.Verify(password.Span, target);
        }
        finally
        {
            _hashing.Release();
        }
        if (!known || !ok) return MqttReasonCode.BadUserNameOrPassword;
        _verified[client.UserName] = new VerifiedPassword(hash!, CacheDigest(client.UserName, password.Span), Environment.TickCount64 + (long)VerifiedPasswordLifetime.TotalMilliseconds);
        return MqttReasonCode.Success;
    }

    bool IsRecentlyVerified(string userName, PasswordHash hash, ReadOnlySpan<byte> password)
    {
        if (!_verified.TryGetValue(userName, out var entry)) return false;
        if (!ReferenceEquals(entry.Hash, hash) || Environment.TickCount64 > entry.ExpiresAt)
        {
            _verified.TryRemove(new KeyValuePair<string, VerifiedPassword>(userName, entry));
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(entry.Digest, CacheDigest(userName, password));
    }

    byte[] CacheDigest(string userName, ReadOnlySpan<byte> password)
    {
        byte[] name = Encoding.UTF8.GetBytes(userName);
        byte[] data = new byte[name.Length + 1 + password.Length];
        name.CopyTo(data, 0);
        password.CopyTo(data.AsSpan(name.Length + 1));
        try
        {
            return HMACSHA256.HashData(_cacheKey, data);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }

    sealed record VerifiedPassword(PasswordHash Hash, byte[] Digest, long ExpiresAt);

    // ---- authorization ----

    public bool CanPublish(MqttClientIdentity client, string topic)
    {
        if (!MqttTopic.IsValidTopicName(topic)) return false;
        bool allowed = false;
        foreach (var rule in Volatile.Read(ref _snapshot).Rules)
        {
            if (rule.Access is AclAccess.Read) continue;
            string? filter = rule.FilterFor(client);
            if (filter is null || !MqttTopic.Matches(filter, topic)) continue;
            if (rule.Access == AclAccess.Deny) return false;
            allowed = true;
        }
        return allowed;
    }

    public bool CanSubscribe(MqttClientIdentity client, string topicFilter)
    {
        if (!MqttTopic.IsValidTopicFilter(topicFilter) || topicFilter.StartsWith(MqttTopic.SharePrefix, StringComparison.Ordinal)) return false;
        bool allowed = false;
        foreach (var rule in Volatile.Read(ref _snapshot).Rules)
        {
            if (rule.Access is AclAccess.Write) continue;
            string? filter = rule.FilterFor(client);
            if (filter is null) continue;
            if (rule.Access == AclAccess.Deny)
            {
                if (TopicFilterRelation.Overlaps(filter, topicFilter)) return false;
            }
            else if (!allowed && TopicFilterRelation.Covers(filter, topicFilter))
            {
                allowed = true;
            }
        }
        return allowed;
    }

    // ---- parsing ----

    sealed class Snapshot
    {
        public required bool AllowAnonymous { get; init; }
        public required Dictionary<string, PasswordHash> Users { get; init; }
        public required AclRule[] Rules { get; init; }
        public required PasswordHash DummyHash { get; init; }
    }

    /// <summary>Is this usable as a user name in the file? Non-empty, no whitespace or control
    /// characters, and no '/', '+' or '#' (so %u substitutes it safely).</summary>
    public static bool IsValidUserName(string name) =>
        name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '/' or '+' or '#');

    static Snapshot ParseSnapshot(string text, string source)
    {
        bool? allowAnonymous = null;
        int allowAnonymousLine = 0;
        var users = new Dictionary<string, PasswordHash>(StringComparer.Ordinal);
        var userLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var rules = new List<AclRule>();

        string[] lines = text.Split('\n');
        for (int index = 0; index < lines.Length; index++)
        {
            int lineNumber = index + 1;
            string line = lines[index].TrimEnd('\r').Trim(' ', '\t');
            if (line.Length == 0 || line[0] == '#') continue;
            MqttBrokerConfigException Error(string problem) => new(source, lineNumber, problem);

            string directive = NextToken(ref line);
            switch (directive)
            {
                case "allow_anonymous":
                {
                    if (allowAnonymous is not null) throw Error($"allow_anonymous is already set on line {allowAnonymousLine}");
                    string value = NextToken(ref line);
                    if (value is not ("true" or "false") || line.Length > 0) throw Error("expected `allow_anonymous true` or `allow_anonymous false`");
                    allowAnonymous = value == "true";
                    allowAnonymousLine = lineNumber;
                    break;
                }
                case "user":
                {
                    string name = NextToken(ref line);
                    string encoded = NextToken(ref line);
                    if (name.Length == 0 || encoded.Length == 0 || line.Length > 0) throw Error("expected `user NAME PASSWORD-HASH`");
                    if (!IsValidUserName(name)) throw Error($"user name '{name}' may not contain '/', '+', '#', spaces or control characters");
                    if (userLines.TryGetValue(name, out int previous)) throw Error($"user '{name}' is already defined on line {previous}");
                    if (!PasswordHasher.TryParse(encoded, out var hash, out string problem)) throw Error(problem);
                    users[name] = hash!;
                    userLines[name] = lineNumber;
                    break;
                }
                case "topic":
                case "anonymous_topic":
                case "pattern":
                case "user_topic":
                {
                    string? user = null;
                    if (directive == "user_topic")
                    {
                        user = NextToken(ref line);
                        if (user.Length == 0) throw Error("expected `user_topic USER ACCESS FILTER`");
                    }
                    string accessWord = NextToken(ref line);
                    string filter = line; // the rest of the line: filters may contain spaces
                    if (accessWord.Length == 0 || filter.Length == 0)
                    {
                        throw Error($"expected `{directive}{(user is null ? "" : " USER")} read|write|readwrite|deny FILTER`");
                    }
                    AclAccess access = accessWord switch
                    {
                        "read" => AclAccess.Read,
                        "write" => AclAccess.Write,
                        "readwrite" => AclAccess.ReadWrite,
                        "deny" => AclAccess.Deny,
                        _ => throw Error($"unknown access '{accessWord}'; expected read, write, readwrite or deny"),
                    };
                    var scope = directive switch
                    {
                        "topic" => AclScope.Everyone,
                        "anonymous_topic" => AclScope.Anonymous,
                        "user_topic" => AclScope.User,
                        _ => AclScope.Pattern,
                    };
                    CheckFilter(filter, scope, Error);
                    rules.Add(new AclRule(scope, user, access, filter, lineNumber));
                    break;
                }
                default:
                    throw Error($"unknown directive '{directive}'; expected one of: {string.Join(", ", Directives)}");
            }
        }

        foreach (var rule in rules)
        {
            if (rule.Scope == AclScope.User && !users.ContainsKey(rule.UserName!))
            {
                throw new MqttBrokerConfigException(source, rule.LineNumber, $"user_topic names user '{rule.UserName}', who has no `user` line");
            }
        }

        // The dummy hash for unknown users costs what most users' hashes cost.
        int iterations = users.Count == 0
            ? PasswordHasher.DefaultIterations
            : users.Values.GroupBy(h => h.Iterations).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        return new Snapshot
        {
            AllowAnonymous = allowAnonymous ?? false,
            Users = users,
            Rules = rules.ToArray(),
            DummyHash = PasswordHasher.Hash("no such user", iterations),
        };
    }

    static void CheckFilter(string filter, AclScope scope, Func<string, MqttBrokerConfigException> error)
    {
        string plain = filter;
        if (scope == AclScope.Pattern)
        {
            for (int i = 0; i < filter.Length; i++)
            {
                if (filter[i] == '%' && (i + 1 == filter.Length || filter[i + 1] is not ('u' or 'c')))
                {
                    throw error("in a pattern, '%' must be followed by u (user name) or c (client id)");
                }
            }
            plain = filter.Replace("%u", "u").Replace("%c", "c");
        }
        else if (filter.Contains("%u", StringComparison.Ordinal) || filter.Contains("%c", StringComparison.Ordinal))
        {
            throw error("%u and %c are only replaced in `pattern` lines");
        }
        if (filter.StartsWith(MqttTopic.SharePrefix, StringComparison.Ordinal))
        {
            throw error("rules are about topics, not $share/ subscriptions: write the filter without the $share/GROUP/ prefix");
        }
        if (!MqttTopic.IsValidTopicFilter(plain))
        {
            throw error($"'{filter}' is not a valid topic filter ('+' and '#' must fill a whole level; '#' must come last)");
        }
    }

    /// <summary>Removes and returns the first whitespace-separated token; <paramref name="rest"/> keeps the remainder, trimmed.</summary>
    static string NextToken(ref string rest)
    {
        int end = rest.IndexOfAny([' ', '\t']);
        string token = end < 0 ? rest : rest[..end];
        rest = end < 0 ? "" : rest[end..].TrimStart(' ', '\t');
        return token;
    }
}
