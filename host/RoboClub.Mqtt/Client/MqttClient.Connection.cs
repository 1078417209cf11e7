using System.Net.Sockets;
using RoboClub.Mqtt.Codec;
using RoboClub.Mqtt.Packets;

namespace RoboClub.Mqtt.Client;

// Connection lifecycle: open, handshake, resume the session, supervise, reconnect.
public sealed partial class MqttClient
{
    IncomingTopicAliases? _topicAliases; // of the current connection (used by its reader only)

    /// <summary>Opens a connection and makes it current: handshake, session resume (resend in-flight
    /// messages), resubscribe when the server has no session for us.</summary>
    async Task<(MqttClientConnection, MqttClientConnectResult)> EstablishAsync(CancellationToken lifetime, CancellationToken cancellationToken)
    {
        var version = _options.ProtocolVersion;
        using var connectCts = CancellationTokenSource.CreateLinkedTokenSource(lifetime, cancellationToken);
        connectCts.CancelAfter(_options.ConnectTimeout);
        MqttClientConnection connection;
        ConnAckPacket ack;
        try
        {
            var stream = await OpenTransportAsync(connectCts.Token).ConfigureAwait(false);
            connection = new MqttClientConnection(stream, version, _options.MaximumPacketSize);
            try
            {
                ack = await connection.HandshakeAsync(BuildConnect(), connectCts.Token).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeUnstartedAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (OperationCanceledException) when (!lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new MqttTimeoutException($"no CONNACK from {Endpoint} within {_options.ConnectTimeout.TotalSeconds:0.###} s");
        }
        catch (SocketException ex)
        {
            throw new MqttCommunicationException($"cannot reach the MQTT server at {Endpoint}: {ex.Message}", ex);
        }
        catch (MqttProtocolException ex)
        {
            throw new MqttCommunicationException($"the server at {Endpoint} broke the protocol during connect: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not (MqttCommunicationException or OperationCanceledException))
        {
            throw new MqttCommunicationException($"cannot connect to {Endpoint}: {ex.Message}", ex);
        }

        var code = ack.ReasonCode;
        // MQTT 5 CONNACK codes are 0 or >= 0x80; 1..5 means a 3.1.1 server answered our v5 CONNECT.
        if (version == MqttProtocolVersion.V500 && (byte)code is > 0 and < 0x80)
            code = (byte)code <= 5 ? ReasonCodeMap.FromV311ConnAck((byte)code) : MqttReasonCode.ProtocolError;
        var result = MqttClientConnectResult.From(ack, version, code, _clientId);
        if (code != MqttReasonCode.Success)
        {
            await connection.DisposeUnstartedAsync().ConfigureAwait(false);
            throw new MqttConnectException(result);
        }

        var keepAlive = ack.ServerKeepAlive is { } serverKeepAlive ? TimeSpan.FromSeconds(serverKeepAlive) : TimeSpan.FromSeconds((int)_options.KeepAlivePeriod.TotalSeconds);
        var pingTimeout = keepAlive < _options.Timeout ? keepAlive : _options.Timeout;
        _topicAliases = version == MqttProtocolVersion.V500 ? new IncomingTopicAliases(_options.TopicAliasMaximum) : null;
        _quota.SetLimit(Math.Min(result.ReceiveMaximum, _options.MaximumInflightPublishes));
        if (!ack.SessionPresent) lock (_incomingQoS2) _incomingQoS2.Clear();
        connection.Start(ack.MaximumPacketSize ?? uint.MaxValue, keepAlive, pingTimeout, OnPacket, OnPacketDropped);

        bool resubscribe;
        lock (_gate)
        {
            _clientId = result.ClientId;
            _connectResult = result;
            ResumeSession(connection, ack.SessionPresent);
            _connection = connection; // publishes may use it now; IsConnected waits for the resubscribe
            resubscribe = !ack.SessionPresent && _subscriptions.Count > 0;
        }
        try
        {
            if (resubscribe) await ResubscribeAsync(connection, connectCts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            connection.Close(ConnectionLoss.Broken(ex), null);
            await connection.Closed.ConfigureAwait(false);
            lock (_gate) if (_connection == connection) _connection = null;
            if (ex is OperationCanceledException && !lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                throw new MqttTimeoutException($"resubscribing took longer than {_options.ConnectTimeout.TotalSeconds:0.###} s");
            throw;
        }
        lock (_gate) _state = State.Connected;
        return (connection, result);
    }

    string Endpoint => _options.TransportFactory is null ? $"{_options.Host}:{_options.Port}" : "the custom transport";

    async Task<Stream> OpenTransportAsync(CancellationToken cancellationToken)
    {
        if (_options.TransportFactory is { } factory) return await factory(cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }; // the writer batches; do not delay further
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    ConnectPacket BuildConnect() => new()
    {
        ProtocolVersion = _options.ProtocolVersion,
        ClientId = _clientId,
        CleanStart = _options.CleanStart,
        KeepAliveSeconds = (ushort)_options.KeepAlivePeriod.TotalSeconds,
        UserName = _options.UserName,
        Password = _options.Password,
        Will = _options.Will,
        WillDelayInterval = _options.WillDelayInterval,
        SessionExpiryInterval = _options.SessionExpiryInterval,
        ReceiveMaximum = _options.ReceiveMaximum == 0 ? ushort.MaxValue : _options.ReceiveMaximum,
        MaximumPacketSize = _options.MaximumPacketSize,
        TopicAliasMaximum = _options.TopicAliasMaximum,
        UserProperties = _options.UserProperties,
    };

    /// <summary>
    /// Spec 4.4: with the session resumed, resend unacknowledged PUBLISH (DUP set) and PUBREL, in
    /// their original order; queued publishes go out for the first time. Without a session the
    /// server forgot them: publishes are sent afresh, and a QoS 2 message already PUBREC'd is
    /// complete (the server took ownership of it). Caller holds <see cref="_gate"/>.
    /// </summary>
    void ResumeSession(MqttClientConnection connection, bool sessionPresent)
    {
        foreach (var p in _inflight.Publishes())
        {
            if (p.Stage == PublishStage.AwaitingPubComp)
            {
                if (sessionPresent) connection.Send(new PubRelPacket { PacketId = p.PacketId });
                else if (_inflight.Remove(p))
                {
                    _quota.Release();
                    p.Completion.TrySetResult(new PubCompPacket { PacketId = p.PacketId });
                }
                continue;
            }
            p.Packet.Dup = sessionPresent && p.WasSent;
            p.WasSent = true;
            connection.Send(p.Packet);
        }
    }

    async Task ResubscribeAsync(MqttClientConnection connection, CancellationToken cancellationToken)
    {
        List<SubscribePacket> packets;
        lock (_gate)
        {
            // One SUBSCRIBE per subscription identifier, since the identifier is per packet.
            packets = _subscriptions.Values
                .GroupBy(r => r.SubscriptionIdentifier)
                .Select(g => new SubscribePacket { SubscriptionIdentifier = g.Key, TopicFilters = g.Select(r => r.Filter).ToList() })
                .ToList();
        }
        foreach (var packet in packets)
        {
            var ack = (SubAckPacket)await RequestAsync(connection, packet, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                for (int i = 0; i < packet.TopicFilters.Count && i < ack.ReasonCodes.Count; i++)
                {
                    if ((byte)ack.ReasonCodes[i] >= 0x80) _subscriptions.Remove(packet.TopicFilters[i].Topic);
                }
            }
        }
    }

    /// <summary>Watches the current connection; when it ends, reports it and reconnects if configured.</summary>
    async Task SuperviseAsync(MqttClientConnection connection, CancellationToken lifetime)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectDelay, _options.MaximumReconnectDelay);
        while (true)
        {
            var loss = await connection.Closed.ConfigureAwait(false);
            bool reconnect = _options.AutoReconnect && !loss.ByClient && !lifetime.IsCancellationRequested;
            lock (_gate)
            {
                if (_connection == connection) _connection = null;
                if (_state == State.Connected) _state = reconnect ? State.Reconnecting : State.Disconnected;
            }
            if (!reconnect) FailInflight(loss.Describe(), loss.Exception);
            await InvokeHandlersAsync(DisconnectedAsync, new MqttClientDisconnectedEventArgs
            {
                ClientWasConnected = true,
                IsClean = loss.IsClean,
                InitiatedByServer = loss.ServerDisconnect is not null,
                ReasonCode = loss.ReasonCode,
                ReasonString = loss.ServerDisconnect?.ReasonString,
                ServerReference = loss.ServerDisconnect?.ServerReference,
                UserProperties = loss.ServerDisconnect?.UserProperties,
                Exception = loss.Exception,
                WillReconnect = reconnect,
            }).ConfigureAwait(false);
            if (!reconnect) return;

            backoff.Reset();
            MqttClientConnectResult? result = null;
            while (result is null)
            {
                try
                {
                    await Task.Delay(backoff.Next(), lifetime).ConfigureAwait(false);
                    (connection, result) = await EstablishAsync(lifetime, CancellationToken.None).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
                {
                    // DisconnectAsync or DisposeAsync during reconnecting.
                    lock (_gate) if (_state is State.Reconnecting or State.Connecting) _state = State.Disconnected;
                    FailInflight("the client was disconnected while reconnecting", null);
                    return;
                }
                catch (Exception ex)
                {
                    await InvokeHandlersAsync(DisconnectedAsync, new MqttClientDisconnectedEventArgs
                    {
                        ClientWasConnected = false,
                        ReasonCode = ex is MqttConnectException ce ? ce.ReasonCode : MqttReasonCode.UnspecifiedError,
                        Exception = ex,
                        WillReconnect = true,
                    }).ConfigureAwait(false);
                }
            }
            await InvokeHandlersAsync(ConnectedAsync, new MqttClientConnectedEventArgs(result)).ConfigureAwait(false);
        }
    }

    /// <summary>The connection is gone for good: every waiting publish and request fails.</summary>
    void FailInflight(string why, Exception? cause)
    {
        List<PendingRequest> failed;
        lock (_gate) failed = _inflight.RemoveAll(includePublishes: true);
        var error = new MqttClientNotConnectedException(why + "; the message was not acknowledged", cause);
        foreach (var r in failed)
        {
            if (r is PendingPublish) _quota.Release();
            r.Completion.TrySetException(error);
        }
    }
}
