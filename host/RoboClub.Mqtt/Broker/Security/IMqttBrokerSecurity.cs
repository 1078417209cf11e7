using System.Net;

namespace RoboClub.Mqtt.Broker;

/// <summary>Who is connected: passed to the security hook and to connection events.</summary>
public sealed record MqttClientIdentity(string ClientId, string? UserName, EndPoint? RemoteEndPoint, MqttProtocolVersion ProtocolVersion);

/// <summary>
/// The broker's authentication and authorization hook. The standalone broker implements it from a
/// config file (<see cref="MqttBrokerConfigFile"/>); the hub implements it from board credentials.
/// Calls may come from many connections at once.
/// </summary>
public interface IMqttBrokerSecurity
{
    /// <summary>Success, BadUserNameOrPassword, NotAuthorized or Banned. Called once per CONNECT.</summary>
    ValueTask<MqttReasonCode> AuthenticateAsync(MqttClientIdentity client, ReadOnlyMemory<byte> password, CancellationToken cancellationToken);

    /// <summary>May this client publish (including its will) to this topic name?</summary>
    bool CanPublish(MqttClientIdentity client, string topic);

    /// <summary>May this client subscribe to this topic filter (shared prefix already removed)?</summary>
    bool CanSubscribe(MqttClientIdentity client, string topicFilter);
}
