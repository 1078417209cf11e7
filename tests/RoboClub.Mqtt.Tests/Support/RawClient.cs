using System.Net;
using System.Net.Sockets;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Tests.Support;

/// <summary>A bare MQTT connection for broker tests: sends exactly the packets a test writes and
/// returns exactly what the broker sends, so protocol details can be asserted.</summary>
public sealed class RawClient : IAsyncDisposable
{
    readonly Socket _socket;
    public MqttPacketChannel Channel { get; }
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    RawClient(Socket socket, MqttProtocolVersion version)
    {
        _socket = socket;
        Channel = new MqttPacketChannel(new NetworkStream(socket, ownsSocket: true)) { ProtocolVersion = version };
    }

    public static async Task<RawClient> OpenAsync(int port, MqttProtocolVersion version = MqttProtocolVersion.V311)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return new RawClient(socket, version);
    }

    /// <summary>Opens a connection and completes CONNECT/CONNACK (asserting success).</summary>
    public static async Task<RawClient> ConnectAsync(int port, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V311,
        Action<ConnectPacket>? configure = null)
    {
        var c = await OpenAsync(port, version);
        var connect = new ConnectPacket { ClientId = clientId, ProtocolVersion = version, KeepAliveSeconds = 60 };
        configure?.Invoke(connect);
        await c.SendAsync(connect);
        var ack = await c.ExpectAsync<ConnAckPacket>();
        Assert.Equal(MqttReasonCode.Success, ack.ReasonCode);
        c.LastConnAck = ack;
        return c;
    }

    public ConnAckPacket? LastConnAck { get; private set; }

    public async Task SendAsync(MqttPacket packet)
    {
        Channel.Write(packet);
        await Channel.FlushAsync(CancellationToken.None);
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await _socket.SendAsync(bytes, SocketFlags.None);
    }

    /// <summary>Next packet; null if the broker closed the connection; throws on timeout.</summary>
    public async Task<MqttPacket?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await Channel.ReadPacketAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no packet from the broker in time");
        }
        catch (IOException)
        {
            return null; // reset by the broker
        }
    }

    public async Task<T> ExpectAsync<T>(TimeSpan? timeout = null) where T : MqttPacket
    {
        var p = await ReceiveAsync(timeout);
        Assert.NotNull(p);
        return Assert.IsType<T>(p);
    }

    /// <summary>True if nothing arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> NothingWithinAsync(TimeSpan wait)
    {
        try
        {
            var p = await ReceiveAsync(wait);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    /// <summary>Waits until the broker closes the connection (returns the packets it sent before).</summary>
    public async Task<List<MqttPacket>> ReadUntilClosedAsync(TimeSpan? timeout = null)
    {
        var list = new List<MqttPacket>();
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("the broker did not close the connection");
            MqttPacket? p;
            try { p = await ReceiveAsync(left); }
            catch (MqttProtocolException) { return list; }
            if (p is null) return list;
            list.Add(p);
        }
    }

    public async Task SubscribeAsync(string filter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtMostOnce, ushort id = 1, uint subscriptionId = 0)
    {
        await SendAsync(new SubscribePacket { PacketId = id, SubscriptionIdentifier = subscriptionId, TopicFilters = { new MqttTopicFilter(filter, qos) } });
        var ack = await ExpectAsync<SubAckPacket>();
        Assert.Equal(id, ack.PacketId);
        Assert.True((byte)ack.ReasonCodes[0] < 0x80, $"subscription to {filter} refused: {ack.ReasonCodes[0]}");
    }

    /// <summary>Closes the socket without DISCONNECT (an abrupt loss, as when a board loses power).</summary>
    public void Abort()
    {
        try { _socket.Close(0); } catch { }
    }

    public async ValueTask DisposeAsync()
    {
        await Channel.DisposeAsync();
    }
}
