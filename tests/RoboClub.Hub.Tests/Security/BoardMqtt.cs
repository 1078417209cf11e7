using System.Collections.Concurrent;
using System.Text;
using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Tests.Security;

/// <summary>A board's login as a test uses it with the real mosquitto_pub and mosquitto_sub.</summary>
internal sealed record BoardLogin(string Board, string Password)
{
    public string ClientId => $"roboclub-club1-{Board}";

    /// <summary>Connection arguments: host, port, client id, user and password (3.1.1 unless <paramref name="v5"/>).</summary>
    public string[] Args(int port, bool v5 = false) =>
        ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", ClientId, "-u", Board, "-P", Password, .. v5 ? new[] { "-V", "5" } : []];
}

/// <summary>mosquitto_pub and mosquitto_sub (Debian mosquitto-clients) with a time limit.</summary>
internal static class MosquittoClients
{
    public static Task<Tool.Result> PubAsync(IEnumerable<string> connection, string topic, string message, params string[] more) =>
        Tool.RunAsync("mosquitto_pub", [.. connection, "-q", "1", "-t", topic, "-m", message, .. more], TimeSpan.FromSeconds(30));

    public static Task<Tool.Result> SubAsync(IEnumerable<string> connection, string[] filters, params string[] more) =>
        Tool.RunAsync("mosquitto_sub", [.. connection, .. filters.SelectMany(f => new[] { "-t", f }), "-v", .. more], TimeSpan.FromSeconds(30));

    public static string[] Anonymous(int port, string clientId) =>
        ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", clientId];
}

/// <summary>Every message the hub sees on its own broker (in-process, as the hub's registry and ingest see them).</summary>
internal sealed class BusRecorder : IDisposable
{
    readonly ConcurrentQueue<(string Topic, string Payload)> _messages = new();
    readonly IDisposable _subscription;

    public BusRecorder(IHubBus bus, string filter = "roboclub/#") =>
        _subscription = bus.Subscribe(filter, m => { _messages.Enqueue((m.Topic, Encoding.UTF8.GetString(m.Payload.Span))); return ValueTask.CompletedTask; }, includeRetained: false);

    public IReadOnlyList<(string Topic, string Payload)> Messages => _messages.ToArray();

    public bool Saw(string payloadPart) => _messages.Any(m => m.Payload.Contains(payloadPart, StringComparison.Ordinal));

    /// <summary>Waits until a message containing <paramref name="payloadPart"/> arrived (generous deadline: the machine is shared).</summary>
    public async Task WaitForAsync(string payloadPart)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !Saw(payloadPart); await Task.Delay(20))
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{payloadPart}' never reached the hub; it saw: {string.Join(", ", Messages.Select(m => m.Topic))}");
    }

    public void Dispose() => _subscription.Dispose();
}
