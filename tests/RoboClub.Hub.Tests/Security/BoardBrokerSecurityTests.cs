using System.Net;
using Microsoft.Extensions.Logging;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Flashing;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Tests.Security;

/// <summary>The hook's rules and its denial log, without a broker.</summary>
public sealed class BoardBrokerSecurityTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-sec-").FullName;
    readonly ListLogger _log = new();
    readonly BoardBrokerSecurity _security;
    static readonly MqttClientIdentity Meteo = new("roboclub-club1-meteo-01", "meteo-01", new IPEndPoint(IPAddress.Loopback, 50000), MqttProtocolVersion.V311);

    public BoardBrokerSecurityTests()
    {
        var inventory = new BoardInventory(Path.Combine(_dir, "inventory.db"));
        var logins = new BoardLogins(inventory, new ListLogger<BoardLogins>(_log));
        _security = new BoardBrokerSecurity(logins, new BoardAcl("club1"), BoardLoginMode.Required, new ListLogger<BoardBrokerSecurity>(_log));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("roboclub/club1/meteo-01/telemetry", true)]
    [InlineData("roboclub/club1/meteo-01/status", true)]
    [InlineData("roboclub/club1/meteo-01/broadcast", true)]
    [InlineData("roboclub/club1/meteo-01/program", false)]
    [InlineData("roboclub/club1/meteo-01/cmd", false)]
    [InlineData("roboclub/club1/meteo-01/config", false)]
    [InlineData("roboclub/club1/meteo-01/cmd/x", false)]
    [InlineData("roboclub/club1/meteo-01", false)]
    [InlineData("roboclub/club1/meteo-011/telemetry", false)]
    [InlineData("roboclub/club1/robot-1/telemetry", false)]
    [InlineData("roboclub/club1/messages/salut", false)]
    [InlineData("roboclub/club2/meteo-01/telemetry", false)]
    public void Publish_only_under_its_own_subtree_except_what_the_hub_sends(string topic, bool allowed) =>
        Assert.Equal(allowed, _security.CanPublish(Meteo, topic));

    [Theory]
    [InlineData("roboclub/club1/meteo-01/program", true)]
    [InlineData("roboclub/club1/meteo-01/cmd", true)]
    [InlineData("roboclub/club1/meteo-01/config", true)]
    [InlineData("roboclub/club1/all/cmd", true)]
    [InlineData("roboclub/club1/time", true)]
    [InlineData("roboclub/club1/messages/#", true)]
    [InlineData("roboclub/club1/messages/salut", true)]
    [InlineData("roboclub/club1/messages/+", true)]
    [InlineData("roboclub/club1/meteo-01/#", false)]
    [InlineData("roboclub/club1/meteo-01/telemetry", false)]
    [InlineData("roboclub/club1/robot-1/cmd", false)]
    [InlineData("roboclub/club1/+/cmd", false)]
    [InlineData("roboclub/+/messages/#", false)]
    [InlineData("#", false)]
    [InlineData("$SYS/#", false)]
    public void Subscribe_only_to_its_own_program_cmd_config_and_the_club_wide_topics(string filter, bool allowed) =>
        Assert.Equal(allowed, _security.CanSubscribe(Meteo, filter));

    [Fact]
    public void Anonymous_clients_may_do_nothing_when_logins_are_required() =>
        Assert.False(_security.CanPublish(Meteo with { UserName = null }, "roboclub/club1/meteo-01/telemetry"));

    [Fact]
    public void A_board_retrying_a_refused_publish_is_counted_every_time_and_logged_once()
    {
        for (int i = 0; i < 500; i++) Assert.False(_security.CanPublish(Meteo, "roboclub/club1/robot-1/cmd"));
        Assert.False(_security.CanPublish(Meteo, "roboclub/club1/robot-2/cmd"));
        for (int i = 0; i < 50; i++) Assert.False(_security.CanSubscribe(Meteo, "#"));
        Assert.Equal(501, _security.DeniedPublishes);
        Assert.Equal(50, _security.DeniedSubscriptions);
        Assert.Equal(3, _log.Lines.Count);
        Assert.Contains(_log.Lines, l => l.Contains("'roboclub/club1/robot-1/cmd'") && l.Contains("meteo-01"));
    }

    [Theory]
    [InlineData("meteo-01", true)]
    [InlineData("robot-lesson-05", true)]
    [InlineData("all", false)]
    [InlineData("messages", false)]
    [InlineData("time", false)]
    [InlineData("roboclub-club1-x", false)]
    [InlineData("Robot-1", false)]
    [InlineData("robot/1", false)]
    [InlineData("robot+1", false)]
    [InlineData("", false)]
    public void Board_logins_are_plain_board_names(string name, bool valid) => Assert.Equal(valid, BoardLogins.IsValidBoardName(name));

    [Fact]
    public void Stored_hashes_are_mosquittos_and_the_older_slow_ones_still_verify()
    {
        string hash = BoardPasswordHash.Hash("parolă-1");
        Assert.Matches(@"^\$7\$101\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$", hash);
        Assert.True(BoardPasswordHash.Verify("parolă-1"u8, hash));
        Assert.False(BoardPasswordHash.Verify("parola-1"u8, hash));
        string old = PasswordHasher.Hash("parolă-1").ToString();
        Assert.True(BoardPasswordHash.Verify("parolă-1"u8, old));
        Assert.True(BoardPasswordHash.IsSlow(old));
        Assert.False(BoardPasswordHash.IsMosquittoFormat(old));
        Assert.False(BoardPasswordHash.Verify("h"u8, "h"));
    }

    sealed class ListLogger
    {
        readonly List<string> _lines = [];
        public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToArray(); } }
        public void Add(string line) { lock (_lines) _lines.Add(line); }
    }

    sealed class ListLogger<T>(ListLogger sink) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => sink.Add(formatter(state, exception));
    }
}
