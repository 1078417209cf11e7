using System;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using RoboClub.Board.Link;

namespace RoboClub.Firmware.Device
{
    /// <summary>
    /// The hub link over nanoFramework.M2Mqtt: MQTT 3.1.1 without TLS on the club LAN (TLS needs about
    /// 33 KB of native buffers a plain ESP32 cannot spare), clean session, short keep-alive so a lost
    /// link is noticed within seconds, last will = retained {"state":"offline"}. Messages go to
    /// <see cref="HubMessageRouter"/>: the club's time topic to the wall clock, the rest to HubLink.
    /// </summary>
    public sealed class M2MqttTransport : IHubTransport, IMqttSession, ITelemetrySender
    {
        /// <summary>Seconds; the broker declares the board gone after 1.5 times this.</summary>
        public const ushort KeepAliveSeconds = 5;

        private readonly object _lock = new object();
        private readonly DeviceConfig _config;
        private readonly string _telemetryTopic;
        private MqttClient _client;
        private HubLink _link;
        private HubMessageRouter _handler;

        public M2MqttTransport(DeviceConfig config)
        {
            _config = config;
            _telemetryTopic = Topics.Board(config.Club, config.Board, TopicLeaf.Telemetry);
        }

        /// <summary>The hub link (its will) and where messages go; before the first Connect.</summary>
        public void Attach(HubLink link, HubMessageRouter handler)
        {
            _link = link;
            _handler = handler;
        }

        public bool IsConnected
        {
            get
            {
                MqttClient c = _client;
                return c != null && c.IsConnected;
            }
        }

        public string Connect()
        {
            Close();
            try
            {
                MqttClient client = new MqttClient(_config.HubHost, _config.HubPort, false, null, null, MqttSslProtocols.None);
                client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.ConnectionClosed += OnConnectionClosed;
                string user = _config.MqttUser.Length == 0 ? null : _config.MqttUser;
                string password = _config.MqttPassword.Length == 0 ? null : _config.MqttPassword;
                string will = StatusPayloadText();
                MqttReasonCode code = client.Connect("roboclub-" + _config.Club + "-" + _config.Board, user, password,
                    true, MqttQoSLevel.AtLeastOnce, true, _link.WillTopic, will, true, KeepAliveSeconds);
                if (code != MqttReasonCode.Success)
                {
                    client.Close();
                    return Say.Both("the hub refused the board (" + code.ToString() + "): check mqttUser and mqttPassword",
                        "hubul a refuzat placa (" + code.ToString() + "): verifică mqttUser și mqttPassword");
                }

                lock (_lock)
                {
                    _client = client;
                }

                client.Subscribe(new string[] { _handler.TimeTopic }, new MqttQoSLevel[] { MqttQoSLevel.AtMostOnce });
                _handler.OnConnectionChanged(true);
                return null;
            }
            catch (Exception e)
            {
                return Say.Both("cannot reach the hub at " + _config.HubHost + ":" + _config.HubPort.ToString(),
                    "nu pot ajunge la hub la " + _config.HubHost + ":" + _config.HubPort.ToString()) + " (" + e.Message + ")";
            }
        }

        public void Close()
        {
            MqttClient old;
            lock (_lock)
            {
                old = _client;
                _client = null;
            }

            if (old == null) return;
            try
            {
                old.MqttMsgPublishReceived -= OnPublishReceived;
                old.ConnectionClosed -= OnConnectionClosed;
                old.Close();
            }
            catch (Exception)
            {
                // Already gone.
            }

            _handler.OnConnectionChanged(false);
        }

        /// <summary>A clean goodbye before a reboot: retained offline status (a DISCONNECT sends no will).</summary>
        public void SayGoodbye()
        {
            MqttClient c = _client;
            if (c == null || !c.IsConnected) return;
            try
            {
                c.Publish(_link.WillTopic, _link.WillPayload, null, null, MqttQoSLevel.AtLeastOnce, true);
                System.Threading.Thread.Sleep(300); // let the PUBACK come back
                c.Disconnect();
            }
            catch (Exception)
            {
                // Rebooting anyway.
            }
        }

        public bool Publish(string topic, byte[] payload, bool retain, int qualityOfService)
        {
            MqttClient c = _client;
            if (c == null || !c.IsConnected) return false;
            MqttQoSLevel qos = qualityOfService == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce;
            c.Publish(topic, payload, null, null, qos, retain);
            return true;
        }

        public void Subscribe(string topicFilter, int qualityOfService)
        {
            MqttClient c = _client;
            if (c == null) return;
            MqttQoSLevel qos = qualityOfService == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce;
            c.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { qos });
        }

        public bool Send(byte[] payload)
        {
            try
            {
                return Publish(_telemetryTopic, payload, false, 1);
            }
            catch (Exception)
            {
                return false;
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            _handler.OnMessage(e.Topic, e.Message);
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            _handler.OnConnectionChanged(false);
        }

        private static string StatusPayloadText()
        {
            return "{\"state\":\"offline\"}";
        }
    }
}
