using RoboClub.Mqtt.Broker;

namespace RoboClub.Mqtt.Tests.Peers;

/// <summary>A broker a client test can connect to, whoever implements it.</summary>
public interface IBrokerEndpoint
{
    string Host { get; }
    int Port { get; }
}

/// <summary>RoboClub's own broker on a free loopback port, for tests written against any broker.</summary>
public sealed class OurBrokerFixture : IAsyncLifetime, IBrokerEndpoint
{
    MqttBroker? _broker;

    public string Host => "127.0.0.1";
    public int Port => _broker?.Port ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _broker = new MqttBroker(new MqttBrokerOptions { Port = 0, SysInterval = TimeSpan.Zero });
        await _broker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null) await _broker.DisposeAsync();
    }
}
