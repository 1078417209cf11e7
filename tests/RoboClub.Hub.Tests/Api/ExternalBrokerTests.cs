using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RoboClub.Hub.Boards;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Client;
using RoboClub.Mqtt.Tests.Peers;

namespace RoboClub.Hub.Tests.Api;

/// <summary>The hub on a real mosquitto it does not run (<c>--broker</c>), with a password, as a network of clubs would.</summary>
public sealed class ExternalBrokerTests : IAsyncLifetime
{
    const string Password = "parolă-ș3cretă";
    MosquittoFixture _mosquitto = null!;
    HubFactory _hub = null!;
    HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _mosquitto = await MosquittoFixture.StartAsync(new MosquittoConfig { Users = new() { ["hub-arad"] = Password, ["observer"] = "look" } });
        string url = $"mqtt://hub-arad:{Uri.EscapeDataString(Password)}@127.0.0.1:{_mosquitto.Port}";
        _hub = new HubFactory { Settings = { ["Hub:Broker"] = url } };
        _client = await _hub.ReadyClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _mosquitto.DisposeAsync();
    }

    async Task<MqttClient> ObserverAsync()
    {
        var c = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = _mosquitto.Port, ClientId = "observer-" + Guid.NewGuid().ToString("N")[..8] }.WithCredentials("observer", "look"));
        await c.ConnectAsync();
        return c;
    }

    async Task<int> LeftPowerAsync() =>
        (await _client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1/simulation")).GetProperty("state").GetProperty("leftPowerPercent").GetInt32();

    [Fact]
    public async Task Boards_programs_and_telemetry_go_through_the_external_broker_and_survive_its_restart()
    {
        Assert.Equal(_mosquitto.Port, (await _client.GetFromJsonAsync<JsonElement>("/api/hub")).GetProperty("mqttPort").GetInt32());
        Assert.True(_hub.Service<IHubBus>() is ExternalBrokerBus { IsConnected: true });

        // Run: the image is retained on mosquitto (an independent client reads it there) and the robot drives.
        var sent = await _client.PostAsJsonAsync("/api/boards/robot-1/program", new { source = "Robot.Forward(45);\nWait(100000);" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await using (var observer = await ObserverAsync())
        {
            var program = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            observer.ApplicationMessageReceivedAsync += e => { program.TrySetResult(e.ApplicationMessage.Payload.ToArray()); return Task.CompletedTask; };
            await observer.SubscribeAsync("roboclub/club1/robot-1/program", MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.Equal((byte)'R', (await program.Task.WaitAsync(TimeSpan.FromSeconds(10)))[0]);
        }
        int power = 0;
        for (int i = 0; i < 100 && power != 45; i++) { await Task.Delay(50); power = await LeftPowerAsync(); }
        Assert.Equal(45, power);

        // Telemetry from the weather station is stored.
        await BrokerChecks.StationPlotsAndTheHubStoresAsync(_client);

        // mosquitto restarts (no persistence: it forgets everything): the hub and the boards come back by themselves.
        await _mosquitto.RestartAsync();
        for (int i = 0; i < 200; i++)
        {
            await Task.Delay(100);
            var boards = await _client.GetFromJsonAsync<JsonElement>("/api/boards");
            if (_hub.Service<IHubBus>() is ExternalBrokerBus { IsConnected: true } && boards.EnumerateArray().Count(b => b.GetProperty("online").GetBoolean()) >= 2) break;
        }
        Assert.True(_hub.Service<IHubBus>() is ExternalBrokerBus { IsConnected: true });
        var again = await _client.PostAsJsonAsync("/api/boards/robot-1/program", new { source = "Robot.Backward(30);\nWait(100000);" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        for (int i = 0; i < 100 && power != -30; i++) { await Task.Delay(50); power = await LeftPowerAsync(); }
        Assert.Equal(-30, power);
    }
}

/// <summary>--broker addresses as an admin types them.</summary>
public sealed class BrokerAddressTests
{
    [Theory]
    [InlineData("mqtt://broker.club:1884", "broker.club", 1884, null, null)]
    [InlineData("mqtt://10.0.0.2", "10.0.0.2", 1883, null, null)]
    [InlineData("mqtt://hub:p%40ss%3Aw@mq.local:1883", "mq.local", 1883, "hub", "p@ss:w")]
    public void Broker_addresses_are_read_with_their_credentials(string text, string host, int port, string? user, string? password)
    {
        var a = BrokerAddress.Parse(text);
        Assert.Equal((host, port, user, password), (a.Host, a.Port, a.UserName, a.Password));
        Assert.DoesNotContain(password ?? "\0", a.ToString());
    }

    [Theory]
    [InlineData("http://broker:1883")]
    [InlineData("broker:1883")]
    [InlineData("mqtt://broker:1883/extra")]
    [InlineData("mqtt://hub:secret@")]
    public void A_wrong_broker_address_is_refused_in_both_languages_without_showing_the_password(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => BrokerAddress.Parse(text));
        Assert.Contains("mqtt://host:1883", e.Message);
        Assert.Contains("gazdă", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }
}

/// <summary>The hub on RabbitMQ's MQTT plugin: a broker family clubs can grow into (clustering).</summary>
public sealed class RabbitMqBrokerTests(RabbitMqFixture rabbit) : IClassFixture<RabbitMqFixture>, IAsyncLifetime
{
    HubFactory _hub = null!;
    HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _hub = new HubFactory { Settings = { ["Hub:Broker"] = $"mqtt://127.0.0.1:{rabbit.MqttPort}" } };
        _client = await _hub.ReadyClientAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Boards_come_online_run_programs_and_send_telemetry_through_rabbitmq()
    {
        var sent = await _client.PostAsJsonAsync("/api/boards/robot-1/program", new { source = "Robot.Forward(55);\nWait(100000);" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        int power = 0;
        for (int i = 0; i < 100 && power != 55; i++)
        {
            await Task.Delay(50);
            power = (await _client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1/simulation")).GetProperty("state").GetProperty("leftPowerPercent").GetInt32();
        }
        Assert.Equal(55, power);

        await BrokerChecks.StationPlotsAndTheHubStoresAsync(_client);

        // STOP ALL reaches every board through RabbitMQ too.
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/stop-all", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/api/stop-all/reset", new { })).StatusCode); // STOP ALL holds until released
        for (int i = 0; i < 100 && power != 0; i++)
        {
            await Task.Delay(50);
            power = (await _client.GetFromJsonAsync<JsonElement>("/api/boards/robot-1/simulation")).GetProperty("state").GetProperty("leftPowerPercent").GetInt32();
        }
        Assert.Equal(0, power);
    }
}

/// <summary>What every broker test checks the same way.</summary>
static class BrokerChecks
{
    /// <summary>The weather station plots 10 times a second and the hub stores at least 3 samples within 10 s.</summary>
    public static async Task StationPlotsAndTheHubStoresAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/boards/station-1/program", new { source = "Every(100, () => { Plot(\"t\", Weather.Temperature); });" })).StatusCode);
        long count = 0;
        for (int i = 0; i < 100 && count < 3; i++)
        {
            await Task.Delay(100);
            var series = await client.GetFromJsonAsync<JsonElement>("/api/telemetry/station-1/series");
            count = series.EnumerateArray().Where(s => s.GetProperty("series").GetString() == "t").Select(s => s.GetProperty("count").GetInt64()).FirstOrDefault();
        }
        Assert.True(count >= 3, $"{count} samples");
    }
}
