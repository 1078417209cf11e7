using System.Net;
using System.Net.Sockets;
using RoboClub.Mqtt.Client;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Tests.Client;

/// <summary>
/// A scripted MQTT server on 127.0.0.1 for behaviour mosquitto cannot show (server DISCONNECT with
/// a reason, topic aliases, duplicate QoS 2, resend after reconnect): the test accepts a connection
/// and reads/writes packets itself.
/// </summary>
internal sealed class FakeMqttServer : IAsyncDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly MqttProtocolVersion _version;

    public FakeMqttServer(MqttProtocolVersion version)
    {
        _version = version;
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task<Session> AcceptAsync()
    {
        var socket = await _listener.AcceptSocketAsync().WaitAsync(ClientTestKit.Deadline);
        return new Session(new NetworkStream(socket, ownsSocket: true), _version);
    }

    /// <summary>Accepts, reads CONNECT and answers CONNACK.</summary>
    public async Task<(Session Session, ConnectPacket Connect)> AcceptConnectAsync(bool sessionPresent = false, MqttReasonCode code = MqttReasonCode.Success)
    {
        var session = await AcceptAsync();
        var connect = await session.ReadAsync<ConnectPacket>();
        await session.SendAsync(new ConnAckPacket { SessionPresent = sessionPresent, ReasonCode = code });
        return (session, connect);
    }

    public ValueTask DisposeAsync()
    {
        _listener.Stop();
        return ValueTask.CompletedTask;
    }

    internal sealed class Session(NetworkStream stream, MqttProtocolVersion version) : IAsyncDisposable
    {
        readonly MqttPacketChannel _reader = new(stream) { ProtocolVersion = version };

        /// <summary>The next packet that is not a PINGREQ (answered automatically).</summary>
        public async Task<T> ReadAsync<T>() where T : MqttPacket
        {
            using var cts = new CancellationTokenSource(ClientTestKit.Deadline);
            while (true)
            {
                var packet = await _reader.ReadPacketAsync(cts.Token);
                if (packet is PingReqPacket) { await SendAsync(PingRespPacket.Instance); continue; }
                return packet as T ?? throw new InvalidOperationException($"expected {typeof(T).Name}, got {packet?.Type.ToString() ?? "end of stream"}");
            }
        }

        /// <summary>True when the client closed the connection (after any packets it still sent).</summary>
        public async Task<bool> ClosedByClientAsync()
        {
            using var cts = new CancellationTokenSource(ClientTestKit.Deadline);
            try { return await _reader.ReadPacketAsync(cts.Token) is null; }
            catch (IOException) { return true; }
        }

        public async Task SendAsync(MqttPacket packet) => await stream.WriteAsync(MqttPacketWriter.Encode(packet, version));

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
