using System.Text;
using RoboClub.Board.Hardware;
using RoboClub.Board.Link;
using RoboClub.Firmware.Parts;

namespace RoboClub.Firmware.Tests;

internal sealed class FakeClock : IClock
{
    public long Now;
    public long Milliseconds => Now;
}

/// <summary>I:\ in memory; can be made to fail.</summary>
internal sealed class MemoryFlash : IFlashFiles
{
    public readonly Dictionary<string, byte[]> Files = new(StringComparer.Ordinal);
    public bool FailWrites;

    public bool Exists(string path) => Files.ContainsKey(path);
    public byte[]? Read(string path) => Files.TryGetValue(path, out var b) ? b.ToArray() : null;

    public void Write(string path, byte[] data)
    {
        if (FailWrites) throw new IOException("flash full");
        Files[path] = data.ToArray();
    }

    public void Append(string path, byte[] data)
    {
        if (FailWrites) throw new IOException("flash full");
        Files[path] = (Files.TryGetValue(path, out var old) ? old : []).Concat(data).ToArray();
    }

    public void Delete(string path) => Files.Remove(path);
    public long Length(string path) => Files.TryGetValue(path, out var b) ? b.Length : 0;

    public string[] List(string folder, string prefix) =>
        Files.Keys.Where(k => k.StartsWith(folder + prefix, StringComparison.Ordinal)).ToArray();

    public string Text(string path) => Encoding.UTF8.GetString(Files[path]);
    public void PutText(string path, string text) => Files[path] = Encoding.UTF8.GetBytes(text);
}

internal sealed class FakeWifi : IWifi
{
    public readonly FakeClock Clock;
    public FakeWifi(FakeClock clock) { Clock = clock; }

    /// <summary>Answers of the next Connect calls (null = success); when empty, <see cref="Default"/>.</summary>
    public readonly Queue<string?> Answers = new();
    public string? Default = "no network";
    public int ConnectCalls;
    public string? LastSsid;
    public int Signal = StatusPayload.NoSignal;
    public bool IsConnected { get; set; }

    public string? Connect(string ssid, string password, int timeoutMs)
    {
        ConnectCalls++;
        LastSsid = ssid;
        var answer = Answers.Count > 0 ? Answers.Dequeue() : Default;
        // A failed attempt takes its whole timeout, like WifiNetworkHelper with a cancellation token.
        Clock.Now += answer == null ? 1500 : timeoutMs;
        IsConnected = answer == null;
        return answer;
    }

    public int ReadSignalDbm() => Signal;
}

internal sealed class FakeMqtt : IMqttSession
{
    public readonly Queue<string?> Answers = new();
    public string? Default;
    public int ConnectCalls;
    public int CloseCalls;
    public bool IsConnected { get; set; }

    public string? Connect()
    {
        ConnectCalls++;
        var answer = Answers.Count > 0 ? Answers.Dequeue() : Default;
        IsConnected = answer == null;
        return answer;
    }

    public void Close()
    {
        CloseCalls++;
        IsConnected = false;
    }
}

internal sealed class FakeActions : IFirmwareActions
{
    public readonly List<string> Reboots = new();
    public readonly List<(string Code, string Message)> Problems = new();
    public void Reboot(string reason) => Reboots.Add(reason);
    public void ReportProblem(string code, string message) => Problems.Add((code, message));
}

internal sealed class FakeSystemTime : ISystemTime
{
    public long UtcMs { get; set; }
    public int Sets;
    public void Set(long utcMs) { UtcMs = utcMs; Sets++; }
}

internal sealed class FakeSender : ITelemetrySender
{
    public readonly List<byte[]> Sent = new();
    public bool Fail;
    public bool Send(byte[] payload)
    {
        if (Fail) return false;
        Sent.Add(payload);
        return true;
    }
}

internal sealed class FakePulses : IPulseSource
{
    public long Count { get; set; }
}

internal sealed class FakeClimate : IClimateReader
{
    public bool Answers = true;
    public int Measures;
    public float Celsius { get; set; } = 21.5f;
    public float HumidityPercent { get; set; } = 48f;
    public float Hectopascals { get; set; } = 1013.2f;
    public bool Measure() { Measures++; return Answers; }
}

internal static class Configs
{
    public const string Weather =
        "{\"board\":\"meteo-1\",\"club\":\"biblioteca-turda\",\"hubHost\":\"192.168.1.20\",\"hubPort\":1883," +
        "\"mqttUser\":\"meteo-1\",\"mqttPassword\":\"parola-lunga\",\"profile\":\"weather-bme280\"}";

    public const string Robot =
        "{\"board\":\"robot-3\",\"club\":\"biblioteca-turda\",\"hubHost\":\"hub.local\",\"profile\":\"robot-tb6612\"," +
        "\"wifiSsid\":\"Biblioteca\",\"wifiPassword\":\"parola-wifi\"}";

    public static JsonNode Json(string text) => JsonReader.Parse(text);
}
