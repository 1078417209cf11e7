using System.Net;

namespace RoboClub.Mqtt.Broker;

// Placeholder until the WebSocket listener lands (same shape).
internal sealed class WebSocketListener
{
    public WebSocketListener(IPAddress address, int port, string path, Func<Stream, EndPoint?, CancellationToken, Task> onConnection, Action<MqttLogLevel, string> log) => throw new NotSupportedException("WebSocket listener not built yet");
    public int Port => 0;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync() => Task.CompletedTask;
}
