using System.Diagnostics;
using System.Net;
using System.Text;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Mqtt.Tests.Config;

public class MqttBrokerConfigFileTests
{
    const int Fast = PasswordHasher.MinimumIterations;
    static readonly string BoardHash = PasswordHasher.Hash("board-secret", Fast).ToString();
    static readonly string LibrarianHash = PasswordHasher.Hash("librarian-secret", Fast).ToString();

    static MqttClientIdentity Client(string? user, string clientId = "c1") =>
        new(clientId, user, new IPEndPoint(IPAddress.Loopback, 50000), MqttProtocolVersion.V311);

    static ValueTask<MqttReasonCode> Auth(MqttBrokerConfigFile config, string? user, string password, string clientId = "c1") =>
        config.AuthenticateAsync(Client(user, clientId), Encoding.UTF8.GetBytes(password), CancellationToken.None);

    static string Example => $"""
        # RoboClub broker config
        allow_anonymous false

        user board-01 {BoardHash}
        user librarian {LibrarianHash}

        # Every client may read the club's status topics.
        topic read roboclub/club1/+/status
        # Each board owns its own subtree.
        pattern readwrite roboclub/club1/%u/#
        pattern write roboclub/clients/%c/online
        user_topic librarian readwrite #
        user_topic librarian deny roboclub/secrets/#
        topic deny roboclub/club1/+/firmware/#
        """;

    [Fact]
    public void ParsesTheExample()
    {
        var config = MqttBrokerConfigFile.Parse(Example);
        Assert.False(config.AllowAnonymous);
        Assert.Equal(["board-01", "librarian"], config.UserNames.Order());
        Assert.Equal(6, config.Rules.Count);
        Assert.Equal(new AclRule(AclScope.Everyone, null, AclAccess.Read, "roboclub/club1/+/status", 8), config.Rules[0]);
        Assert.Equal(new AclRule(AclScope.Pattern, null, AclAccess.ReadWrite, "roboclub/club1/%u/#", 10), config.Rules[1]);
        Assert.Equal(new AclRule(AclScope.User, "librarian", AclAccess.ReadWrite, "#", 12), config.Rules[3]);
        Assert.Null(config.FilePath);
    }

    [Fact]
    public void DocumentationExample_Parses()
    {
        string doc = FindRepoFile("docs/mqtt-broker-config.md");
        string text = File.ReadAllText(doc);
        int start = text.IndexOf("```text\n# /etc/roboclub/broker.conf", StringComparison.Ordinal);
        Assert.True(start >= 0, "the full example is missing from the doc");
        start = text.IndexOf('\n', start) + 1;
        string example = text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
        var config = MqttBrokerConfigFile.Parse(example, "doc example");
        Assert.NotEmpty(config.Rules);
    }

    static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(relative);
    }

    [Fact]
    public void EmptyFile_RefusesAnonymous_AndGrantsNothing()
    {
        var config = MqttBrokerConfigFile.Parse("");
        Assert.False(config.AllowAnonymous);
        Assert.False(config.CanPublish(Client(null), "a"));
        Assert.False(config.CanSubscribe(Client(null), "#"));
    }

    [Theory]
    [InlineData("allow_anonymous maybe", 1, "allow_anonymous true")]
    [InlineData("allow_anonymous true\nallow_anonymous false", 2, "already set on line 1")]
    [InlineData("# fine\n\nfrobnicate on", 3, "unknown directive 'frobnicate'")]
    [InlineData("Topic read a", 1, "unknown directive 'Topic'")]
    [InlineData("topic read", 1, "expected `topic read|write|readwrite|deny FILTER`")]
    [InlineData("topic readonly a/b", 1, "unknown access 'readonly'")]
    [InlineData("topic read a/#/b", 1, "not a valid topic filter")]
    [InlineData("topic read a+/b", 1, "not a valid topic filter")]
    [InlineData("topic read $share/g/a", 1, "$share/")]
    [InlineData("topic read a/%u/b", 1, "only replaced in `pattern` lines")]
    [InlineData("pattern read a/%x", 1, "'%' must be followed by u")]
    [InlineData("pattern read a/%", 1, "'%' must be followed by u")]
    [InlineData("user_topic ghost read a", 1, "user 'ghost', who has no `user` line")]
    [InlineData("user_topic", 1, "expected `user_topic USER ACCESS FILTER`")]
    [InlineData("user board plaintext-password", 1, "a password hash looks like")]
    [InlineData("user board", 1, "expected `user NAME PASSWORD-HASH`")]
    [InlineData("user a/b pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 1, "may not contain")]
    [InlineData("user x pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\nuser x pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 2, "already defined on line 1")]
    public void Errors_NameTheLine(string text, int line, string expected)
    {
        var e = Assert.Throws<MqttBrokerConfigException>(() => MqttBrokerConfigFile.Parse(text, "broker.conf"));
        Assert.Equal(line, e.LineNumber);
        Assert.StartsWith($"broker.conf:{line}: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal(e.Message, MqttBrokerConfigFile.Validate(text, "broker.conf"));
    }

    [Fact]
    public void CrLf_Tabs_AndFiltersWithSpaces_AreAccepted()
    {
        var config = MqttBrokerConfigFile.Parse("allow_anonymous true\r\n\ttopic\treadwrite  my topic/with spaces  \r\n");
        Assert.True(config.AllowAnonymous);
        Assert.Equal("my topic/with spaces", config.Rules[0].Filter);
        Assert.True(config.CanPublish(Client(null), "my topic/with spaces"));
    }

    [Fact]
    public async Task Authentication()
    {
        var config = MqttBrokerConfigFile.Parse(Example);
        Assert.Equal(MqttReasonCode.Success, await Auth(config, "board-01", "board-secret"));
        Assert.Equal(MqttReasonCode.Success, await Auth(config, "board-01", "board-secret")); // from the cache
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await Auth(config, "board-01", "board-secreT"));
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await Auth(config, "board-01", ""));
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await Auth(config, "board-02", "board-secret"));
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await Auth(config, "Board-01", "board-secret"));
        Assert.Equal(MqttReasonCode.NotAuthorized, await Auth(config, null, ""));
        Assert.Equal(MqttReasonCode.Success, await Auth(config, "librarian", "librarian-secret"));
    }

    [Fact]
    public async Task Anonymous_WhenAllowed()
    {
        var config = MqttBrokerConfigFile.Parse("allow_anonymous true\nanonymous_topic read public/#");
        Assert.Equal(MqttReasonCode.Success, await Auth(config, null, ""));
        Assert.True(config.CanSubscribe(Client(null), "public/+"));
        Assert.False(config.CanPublish(Client(null), "public/x"));
    }

    [Fact]
    public async Task UnknownUser_CostsTheSameHashingWorkAsAKnownOne()
    {
        // Not timed (timings swing on a shared machine): the unknown name is checked against a dummy
        // hash with the iteration count most users have, so it costs the same PBKDF2 work.
        var custom = MqttBrokerConfigFile.Parse($"""
            user a {PasswordHasher.Hash("x", Fast)}
            user b {PasswordHasher.Hash("y", Fast)}
            user c {PasswordHasher.Hash("z", Fast + 1)}
            """);
        Assert.Equal(Fast, custom.UnknownUserIterations);
        Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await Auth(custom, "nobody", "x"));
        Assert.Equal(PasswordHasher.DefaultIterations, MqttBrokerConfigFile.Parse("allow_anonymous true").UnknownUserIterations);
    }

    [Fact]
    public void Publish_NeedsAWriteRule_AndNoDeny()
    {
        var config = MqttBrokerConfigFile.Parse(Example);
        var board = Client("board-01", "esp32-aa");
        var librarian = Client("librarian");
        // pattern readwrite roboclub/club1/%u/#
        Assert.True(config.CanPublish(board, "roboclub/club1/board-01/status"));
        Assert.True(config.CanPublish(board, "roboclub/club1/board-01"));
        Assert.False(config.CanPublish(board, "roboclub/club1/board-02/status"));
        // topic read: reading does not allow writing
        Assert.False(config.CanPublish(Client("guest"), "roboclub/club1/board-01/status"));
        // pattern write with %c
        Assert.True(config.CanPublish(board, "roboclub/clients/esp32-aa/online"));
        Assert.False(config.CanPublish(board, "roboclub/clients/esp32-bb/online"));
        // topic deny beats the pattern
        Assert.False(config.CanPublish(board, "roboclub/club1/board-01/firmware/image"));
        // user rules
        Assert.True(config.CanPublish(librarian, "anything/at/all"));
        Assert.False(config.CanPublish(librarian, "roboclub/secrets/pin"));
        Assert.False(config.CanPublish(librarian, "roboclub/club1/board-01/firmware/x"));
        // '#' rule does not reach $ topics
        Assert.False(config.CanPublish(librarian, "$SYS/broker/uptime"));
        Assert.False(config.CanPublish(librarian, "a/+"));
    }

    [Fact]
    public void Subscribe_NeedsACoveringReadRule_AndNoOverlappingDeny()
    {
        var config = MqttBrokerConfigFile.Parse(Example);
        var board = Client("board-01");
        var librarian = Client("librarian");
        Assert.True(config.CanSubscribe(board, "roboclub/club1/+/status"));
        Assert.True(config.CanSubscribe(board, "roboclub/club1/board-02/status"));
        Assert.False(config.CanSubscribe(board, "roboclub/club1/#"));     // wider than any rule
        Assert.False(config.CanSubscribe(board, "roboclub/club1/+/+"));
        Assert.False(config.CanSubscribe(board, "roboclub/club1/board-01/#"));  // overlaps the firmware deny
        Assert.True(config.CanSubscribe(board, "roboclub/club1/board-01/cmd/#"));
        Assert.True(config.CanSubscribe(board, "roboclub/club1/board-01/cmd/+"));
        Assert.False(config.CanSubscribe(board, "roboclub/clients/c1/online")); // write-only pattern
        Assert.False(config.CanSubscribe(board, "roboclub/club1/board-01/firmware/#")); // denied
        // the librarian reads everything except where a deny rule overlaps
        Assert.True(config.CanSubscribe(librarian, "roboclub/club1/board-01/status"));
        Assert.False(config.CanSubscribe(librarian, "#"));                // overlaps roboclub/secrets/#
        Assert.False(config.CanSubscribe(librarian, "roboclub/+/pin"));   // overlaps roboclub/secrets/pin
        Assert.True(config.CanSubscribe(librarian, "school/#"));
        Assert.False(config.CanSubscribe(librarian, "$SYS/#"));
        Assert.False(config.CanSubscribe(librarian, "a/#/b"));            // invalid filter
    }

    [Theory]
    [InlineData("evil/+", "c1")]
    [InlineData("evil/#", "c1")]
    [InlineData("a/b", "c1")]
    [InlineData("#", "c1")]
    public void UserNameCannotWidenItsOwnAccess(string userName, string clientId)
    {
        var config = MqttBrokerConfigFile.Parse("pattern readwrite robots/%u/#");
        var client = Client(userName, clientId);
        Assert.False(config.CanPublish(client, "robots/x/y"));
        Assert.False(config.CanSubscribe(client, "robots/#"));
        Assert.False(config.CanSubscribe(client, "robots/x/#"));
    }

    [Theory]
    [InlineData("x/+")]
    [InlineData("x/#")]
    [InlineData("a/b")]
    [InlineData("")]
    public void ClientIdCannotWidenItsOwnAccess(string clientId)
    {
        var config = MqttBrokerConfigFile.Parse("pattern readwrite robots/%c/#");
        var client = Client("u", clientId);
        Assert.False(config.CanPublish(client, "robots/x/y"));
        Assert.False(config.CanSubscribe(client, "robots/+/#"));
    }

    [Fact]
    public void PatternWithUserName_DoesNotApplyToAnonymousClients()
    {
        var config = MqttBrokerConfigFile.Parse("allow_anonymous true\npattern readwrite robots/%u/#\npattern read clients/%c");
        Assert.False(config.CanPublish(Client(null), "robots/x"));
        Assert.True(config.CanSubscribe(Client(null, "board-9"), "clients/board-9"));
        Assert.False(config.CanSubscribe(Client(null, "board-9"), "clients/board-8"));
    }

    [Fact]
    public void DenyApplies_WhateverItsPositionInTheFile()
    {
        var config = MqttBrokerConfigFile.Parse("topic deny a/secret\ntopic readwrite a/#");
        Assert.False(config.CanPublish(Client(null), "a/secret"));
        Assert.True(config.CanPublish(Client(null), "a/public"));
        Assert.False(config.CanSubscribe(Client(null), "a/+"));
        Assert.True(config.CanSubscribe(Client(null), "a/public/#"));
    }

    [Fact]
    public void UserTopicRules_OnlyForThatUser()
    {
        string hash = BoardHash;
        var config = MqttBrokerConfigFile.Parse($"user alice {hash}\nuser bob {hash}\nuser_topic alice readwrite alice/#\nanonymous_topic read lobby");
        Assert.True(config.CanPublish(Client("alice"), "alice/x"));
        Assert.False(config.CanPublish(Client("bob"), "alice/x"));
        Assert.False(config.CanPublish(Client(null), "alice/x"));
        Assert.True(config.CanSubscribe(Client(null), "lobby"));
        Assert.False(config.CanSubscribe(Client("alice"), "lobby"));
    }

    [Fact]
    public async Task Reload_AppliesAGoodFile_AndKeepsTheOldOneOnError()
    {
        string path = Path.Combine(Path.GetTempPath(), $"roboclub-config-{Guid.NewGuid():N}.conf");
        try
        {
            File.WriteAllText(path, $"user board-01 {BoardHash}\ntopic readwrite old/#\n");
            var config = MqttBrokerConfigFile.Load(path);
            Assert.Equal(Path.GetFullPath(path), config.FilePath);
            Assert.Equal(MqttReasonCode.Success, await Auth(config, "board-01", "board-secret"));

            // A broken file: nothing of it is used.
            File.WriteAllText(path, $"allow_anonymous true\nuser board-01 {LibrarianHash}\ntopic readwrite new/#\ntopic bogus x\n");
            var e = Assert.Throws<MqttBrokerConfigException>(config.Reload);
            Assert.Equal(4, e.LineNumber);
            Assert.Contains(path, e.Message);
            Assert.False(config.AllowAnonymous);
            Assert.True(config.CanPublish(Client(null), "old/x"));
            Assert.False(config.CanPublish(Client(null), "new/x"));
            Assert.Equal(MqttReasonCode.Success, await Auth(config, "board-01", "board-secret"));

            // A good file replaces everything, including remembered passwords.
            File.WriteAllText(path, $"allow_anonymous true\nuser board-01 {LibrarianHash}\ntopic readwrite new/#\n");
            config.Reload();
            Assert.True(config.AllowAnonymous);
            Assert.False(config.CanPublish(Client(null), "old/x"));
            Assert.True(config.CanPublish(Client(null), "new/x"));
            Assert.Equal(MqttReasonCode.BadUserNameOrPassword, await Auth(config, "board-01", "board-secret"));
            Assert.Equal(MqttReasonCode.Success, await Auth(config, "board-01", "librarian-secret"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingFile_IsAClearError()
    {
        var e = Assert.Throws<MqttBrokerConfigException>(() => MqttBrokerConfigFile.Load("/nonexistent/roboclub.conf"));
        Assert.Equal(0, e.LineNumber);
        Assert.StartsWith("/nonexistent/roboclub.conf: cannot read the file", e.Message);
    }

    [Fact]
    public void ParsedConfig_CannotReload() =>
        Assert.Throws<InvalidOperationException>(MqttBrokerConfigFile.Parse("").Reload);
}
