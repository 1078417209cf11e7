using RoboClub.Board.Link;

namespace RoboClub.Firmware
{
    /// <summary>
    /// Between the MQTT transport and the hub link: the club's time topic (docs/protocol.md, "time") goes
    /// to the wall clock, everything else to <see cref="HubLink"/>, which would refuse a topic it does not
    /// know.
    /// </summary>
    public sealed class HubMessageRouter : IHubMessageHandler
    {
        private readonly HubLink _link;
        private readonly WallClock _wall;

        public HubMessageRouter(HubLink link, WallClock wall, string club)
        {
            _link = link;
            _wall = wall;
            TimeTopic = "roboclub/" + club + "/time";
        }

        /// <summary><c>roboclub/{club}/time</c>: the transport subscribes to it (QoS 0) after connecting.</summary>
        public string TimeTopic { get; private set; }

        public void OnMessage(string topic, byte[] payload)
        {
            if (topic == TimeTopic)
            {
                _wall.OnHubTime(payload);
                return;
            }

            _link.OnMessage(topic, payload);
        }

        public void OnConnectionChanged(bool connected)
        {
            _link.OnConnectionChanged(connected);
        }
    }
}
