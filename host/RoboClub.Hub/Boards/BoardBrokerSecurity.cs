using System.Collections.Concurrent;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Boards;

/// <summary>
/// The embedded broker's authentication and authorization hook (docs/security.md, "Boards and the
/// broker"): a client logs in as a board (user = board name, <see cref="BoardLogins"/>) and may then
/// publish and subscribe only what <see cref="BoardAcl"/> allows that board. The hub itself talks to
/// the broker in-process (EmbeddedBrokerBus) and never passes through here.
/// </summary>
/// <remarks>
/// The client id must be the board name or <c>roboclub-{club}-{board}</c> (what the firmware and the
/// virtual boards use): the client id names the broker session, so a board free to choose another
/// board's id could take over that board's session and its subscriptions.
/// Denials are counted, and logged once per client and topic (a board retrying in a loop must not
/// flood the librarian's terminal); the broker drops a denied PUBLISH (MQTT 3.1.1 cannot refuse it,
/// MQTT 5 gets NotAuthorized) and answers a denied SUBSCRIBE with a failure code.
/// </remarks>
public sealed class BoardBrokerSecurity(BoardLogins logins, BoardAcl acl, BoardLoginMode mode, ILogger<BoardBrokerSecurity> logger) : IMqttBrokerSecurity
{
    /// <summary>How many (client, topic) pairs are remembered as already logged; past that, denials are only counted.</summary>
    public const int MaxLoggedDenials = 10_000;

    readonly ConcurrentDictionary<string, byte> _logged = new(StringComparer.Ordinal);
    long _refusedLogins, _deniedPublishes, _deniedSubscriptions;

    public BoardLoginMode Mode => mode;
    public long RefusedLogins => Interlocked.Read(ref _refusedLogins);
    public long DeniedPublishes => Interlocked.Read(ref _deniedPublishes);
    public long DeniedSubscriptions => Interlocked.Read(ref _deniedSubscriptions);

    public async ValueTask<MqttReasonCode> AuthenticateAsync(MqttClientIdentity client, ReadOnlyMemory<byte> password, CancellationToken cancellationToken)
    {
        MqttReasonCode result;
        if (client.UserName is not { } user)
        {
            result = mode == BoardLoginMode.Open ? MqttReasonCode.Success : MqttReasonCode.NotAuthorized;
        }
        else
        {
            var check = await logins.CheckAsync(user, password, cancellationToken).ConfigureAwait(false);
            result = check != BoardLoginCheck.Valid ? MqttReasonCode.BadUserNameOrPassword
                : IsBoardsClientId(client.ClientId, user) ? MqttReasonCode.Success
                : MqttReasonCode.ClientIdentifierNotValid;
        }
        if (result != MqttReasonCode.Success)
        {
            Interlocked.Increment(ref _refusedLogins);
            if (FirstTime("login", client.ClientId, client.UserName ?? ""))
                logger.LogWarning("MQTT login refused ({Reason}): client '{Client}', user '{User}', from {Address}. {Hint}",
                    result, client.ClientId, client.UserName ?? "(none)", client.RemoteEndPoint, Hint(result, client));
        }
        return result;
    }

    /// <summary>The client ids a board may use: its name, or roboclub-{club}-{name} (the firmware's and
    /// the virtual boards'). Unambiguous, as no board name starts with "roboclub-" (BoardLogins).</summary>
    public bool IsBoardsClientId(string clientId, string board) =>
        clientId == board || clientId == $"roboclub-{acl.Club}-{board}";

    string Hint(MqttReasonCode result, MqttClientIdentity client) => result switch
    {
        MqttReasonCode.NotAuthorized => "Boards log in with their name and password (flash them, or `roboclub boards add-login NAME`); `--board-logins open` lets boards without a login in.",
        MqttReasonCode.ClientIdentifierNotValid => $"A board's client id must be its name or roboclub-{acl.Club}-{client.UserName}.",
        _ => "Unknown board or wrong password.",
    };

    public bool CanPublish(MqttClientIdentity client, string topic)
    {
        if (client.UserName is not { } board) return mode == BoardLoginMode.Open; // only Open lets anonymous clients in
        if (acl.CanPublish(board, topic)) return true;
        Interlocked.Increment(ref _deniedPublishes);
        if (FirstTime("publish", client.ClientId, topic))
            logger.LogWarning("Board '{Board}' (client '{Client}', {Address}) may not publish to '{Topic}': dropped (further attempts are counted, not logged).",
                board, client.ClientId, client.RemoteEndPoint, topic);
        return false;
    }

    public bool CanSubscribe(MqttClientIdentity client, string topicFilter)
    {
        if (client.UserName is not { } board) return mode == BoardLoginMode.Open;
        if (acl.CanSubscribe(board, topicFilter)) return true;
        Interlocked.Increment(ref _deniedSubscriptions);
        if (FirstTime("subscribe", client.ClientId, topicFilter))
            logger.LogWarning("Board '{Board}' (client '{Client}', {Address}) may not subscribe to '{Filter}': refused.",
                board, client.ClientId, client.RemoteEndPoint, topicFilter);
        return false;
    }

    bool FirstTime(string what, string client, string topic) =>
        _logged.Count < MaxLoggedDenials && _logged.TryAdd($"{what}\0{client}\0{topic}", 0);
}
