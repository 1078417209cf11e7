// A test double with the shape of nanoFramework.M2Mqtt 5.1's MqttClient (listing: nanoFramework.M2Mqtt*.api.txt),
// only what M2MqttTransport uses. It records the connect arguments and the publishes.
using System.Collections;

namespace nanoFramework.M2Mqtt.Messages
{
    public enum MqttQoSLevel
    {
        AtMostOnce = 0,
        AtLeastOnce = 1,
        ExactlyOnce = 2,
    }

    public enum MqttReasonCode
    {
        Success = 0,
        BadUserNameOrPassword = 134,
    }

    public class MqttMsgPublishEventArgs : EventArgs
    {
        public MqttMsgPublishEventArgs(string topic, byte[] message) { Topic = topic; Message = message; }
        public string Topic { get; }
        public byte[] Message { get; }
    }
}

namespace nanoFramework.M2Mqtt
{
    using nanoFramework.M2Mqtt.Messages;

    public enum MqttSslProtocols { None = 0 }

    public enum MqttProtocolVersion { Version_3_1 = 3, Version_3_1_1 = 4, Version_5 = 5 }

    public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

    public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

    public sealed record FakeConnect(string ClientId, string? User, string? Password, bool WillRetain, MqttQoSLevel WillQos, bool WillFlag,
        string WillTopic, string WillMessage, bool CleanSession, ushort KeepAlive, MqttProtocolVersion Version, string Host, int Port);

    public sealed record FakePublish(string Topic, byte[] Message, MqttQoSLevel Qos, bool Retain);

    public class MqttClient
    {
        /// <summary>The last client made (the transport makes one per connect).</summary>
        public static MqttClient? Last;
        public static MqttReasonCode Answer = MqttReasonCode.Success;

        private readonly string _host;
        private readonly int _port;

        public MqttClient(string brokerHostName, int brokerPort, bool secure, object? caCert, object? clientCert, MqttSslProtocols sslProtocol)
        {
            _host = brokerHostName;
            _port = brokerPort;
            Last = this;
        }

        public MqttProtocolVersion ProtocolVersion { get; set; } = MqttProtocolVersion.Version_3_1_1;
        public bool IsConnected { get; private set; }
        public FakeConnect? Connected;
        public readonly List<FakePublish> Published = new();
        public readonly List<(string Topic, MqttQoSLevel Qos)> Subscribed = new();
        public bool Closed;
        public bool Disconnected;

        public event MqttMsgPublishEventHandler? MqttMsgPublishReceived;
        public event ConnectionClosedEventHandler? ConnectionClosed;

        public MqttReasonCode Connect(string clientId, string? username, string? password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag,
            string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod)
        {
            Connected = new FakeConnect(clientId, username, password, willRetain, willQosLevel, willFlag, willTopic, willMessage, cleanSession, keepAlivePeriod, ProtocolVersion, _host, _port);
            IsConnected = Answer == MqttReasonCode.Success;
            return Answer;
        }

        public ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels)
        {
            for (int i = 0; i < topics.Length; i++) Subscribed.Add((topics[i], qosLevels[i]));
            return 1;
        }

        public ushort Publish(string topic, byte[] message, string? contentType, ArrayList? userProperties, MqttQoSLevel qosLevel, bool retain)
        {
            if (!IsConnected) throw new InvalidOperationException("not connected");
            Published.Add(new FakePublish(topic, message, qosLevel, retain));
            return 1;
        }

        public void Disconnect() { Disconnected = true; IsConnected = false; }

        public void Close() { Closed = true; IsConnected = false; }

        public void Receive(string topic, byte[] message) => MqttMsgPublishReceived?.Invoke(this, new MqttMsgPublishEventArgs(topic, message));

        public void Drop() { IsConnected = false; ConnectionClosed?.Invoke(this, EventArgs.Empty); }
    }
}
