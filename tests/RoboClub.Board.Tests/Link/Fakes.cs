using System.Text;
using RoboClub.Board.Hardware;
using RoboClub.Board.Link;

namespace RoboClub.Board.Tests.Link;

internal sealed class FakeClock : IClock
{
    public long Now;

    public long Milliseconds => Now;
}

internal sealed record Published(string Topic, byte[] Payload, bool Retain, int Qos)
{
    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>A transport whose link can be taken down and up; records what was published.</summary>
internal sealed class FakeTransport : IHubTransport
{
    public readonly List<Published> Sent = new();
    public readonly List<(string Filter, int Qos)> Subscriptions = new();
    public IHubMessageHandler? Handler;
    public bool Connected;

    /// <summary>When set, Publish refuses topics for which this returns true (even while connected).</summary>
    public Func<string, bool>? FailWhen;

    public bool ThrowOnPublish;

    public bool IsConnected => Connected;

    public bool Publish(string topic, byte[] payload, bool retain, int qualityOfService)
    {
        if (ThrowOnPublish)
        {
            throw new InvalidOperationException("socket closed");
        }

        if (!Connected || (FailWhen != null && FailWhen(topic)))
        {
            return false;
        }

        Sent.Add(new Published(topic, payload, retain, qualityOfService));
        return true;
    }

    public void Subscribe(string topicFilter, int qualityOfService)
    {
        Subscriptions.Add((topicFilter, qualityOfService));
    }

    public void Up()
    {
        Connected = true;
        Handler?.OnConnectionChanged(true);
    }

    public void Down()
    {
        Connected = false;
        Handler?.OnConnectionChanged(false);
    }

    public void Deliver(string topic, string json) => Handler!.OnMessage(topic, Encoding.UTF8.GetBytes(json));

    public void Deliver(string topic, byte[] payload) => Handler!.OnMessage(topic, payload);

    public IEnumerable<Published> On(string leaf) => Sent.Where(p => p.Topic.EndsWith("/" + leaf, StringComparison.Ordinal));
}

/// <summary>Records every call; answers with <see cref="Refuse"/> (null = accept).</summary>
internal sealed class FakeCommands : IBoardCommands
{
    public readonly List<string> Calls = new();
    public string? Refuse;
    public bool Throw;
    public byte[]? LastImage;
    public LinkValue? LastValue;
    public JsonNode? LastConfig;

    private string? Answer(string call)
    {
        Calls.Add(call);
        if (Throw)
        {
            throw new InvalidOperationException("boom");
        }

        return Refuse;
    }

    public string? OnProgram(byte[] image)
    {
        LastImage = image;
        return Answer("program " + image.Length);
    }

    public string? OnRun() => Answer("run");

    public string? OnStop() => Answer("stop");

    public string? OnStopAll() => Answer("stop-all");

    public string? OnEval(int script, byte[] image) => Answer("eval " + script + " " + (image == null ? "-" : image.Length.ToString()));

    public string? OnSet(int variable, string name, LinkValue value)
    {
        LastValue = value;
        return Answer("set " + variable + " " + (name ?? "-") + " " + value);
    }

    public string? OnIdentify() => Answer("identify");

    public string? OnWatch(bool on, int periodMs) => Answer("watch " + on + " " + periodMs);

    public void OnBroadcast(string name, string fromBoard) => Calls.Add("broadcast " + name + " " + (fromBoard ?? "-"));

    public void OnConfig(JsonNode config)
    {
        LastConfig = config;
        Calls.Add("config " + config.Count);
    }
}
