"""Interop scenarios run by RoboClub's tests with Debian's python3-paho-mqtt (1.6) against a broker.

usage: paho_scenarios.py PORT PROTOCOL(311|5) SCENARIO
Prints 'OK' and exits 0 when the scenario behaves as the MQTT spec says; otherwise prints why and exits 1.
"""
import sys, time, threading, uuid
import paho.mqtt.client as mqtt
from paho.mqtt.properties import Properties
from paho.mqtt.packettypes import PacketTypes

port, proto, scenario = int(sys.argv[1]), sys.argv[2], sys.argv[3]
V5 = proto == "5"
PROTOCOL = mqtt.MQTTv5 if V5 else mqtt.MQTTv311


def fail(why):
    print("FAIL " + why)
    sys.exit(1)


def client(cid, clean=True, will=None, session_expiry=None):
    if V5:
        c = mqtt.Client(client_id=cid, protocol=PROTOCOL)
    else:
        c = mqtt.Client(client_id=cid, clean_session=clean, protocol=PROTOCOL)
    c.inbox = []
    c.got = threading.Event()
    c.subscribed = threading.Event()
    c.connected = threading.Event()
    c.session_present = None

    def on_message(cl, userdata, msg):
        cl.inbox.append(msg)
        cl.got.set()

    def on_connect(cl, userdata, flags, rc, properties=None):
        cl.session_present = flags.get("session present")
        cl.connected.set()

    c.on_message = on_message
    c.on_connect = on_connect
    c.on_subscribe = lambda cl, *a: cl.subscribed.set()
    if will:
        c.will_set(will[0], will[1], qos=1, retain=False)
    props = None
    if V5 and session_expiry is not None:
        props = Properties(PacketTypes.CONNECT)
        props.SessionExpiryInterval = session_expiry
    if V5:
        c.connect("127.0.0.1", port, keepalive=30, clean_start=clean, properties=props)
    else:
        c.connect("127.0.0.1", port, keepalive=30)
    c.loop_start()
    if not c.connected.wait(5):
        fail(cid + " did not connect")
    return c


def subscribe(c, topic, qos):
    c.subscribed.clear()
    c.subscribe(topic, qos)
    if not c.subscribed.wait(5):
        fail("no SUBACK for " + topic)


def wait_for(c, n, timeout=5):
    deadline = time.time() + timeout
    while len(c.inbox) < n and time.time() < deadline:
        time.sleep(0.01)
    if len(c.inbox) < n:
        fail("expected %d messages, got %d" % (n, len(c.inbox)))


def stop(c):
    c.disconnect()
    c.loop_stop()


def qos_round_trip():
    for qos in (0, 1, 2):
        sub = client("sub-%d" % qos)
        subscribe(sub, "club/+/telemetry", qos)
        pub = client("pub-%d" % qos)
        infos = [pub.publish("club/b%d/telemetry" % i, "v%d" % i, qos=qos) for i in range(5)]
        for info in infos:
            info.wait_for_publish(5)
            if not info.is_published():
                fail("publish not acknowledged at QoS %d" % qos)
        wait_for(sub, 5)
        got = [(m.topic, m.payload.decode(), m.qos) for m in sub.inbox]
        want = [("club/b%d/telemetry" % i, "v%d" % i, qos) for i in range(5)]
        if got != want:
            fail("QoS %d: got %r" % (qos, got))
        stop(sub); stop(pub)


def retained():
    pub = client("pub")
    pub.publish("club/b1/status", "online", qos=1, retain=True).wait_for_publish(5)
    stop(pub)
    late = client("late")
    subscribe(late, "club/#", 1)
    wait_for(late, 1)
    m = late.inbox[0]
    if not (m.retain and m.payload == b"online"):
        fail("retained message wrong: retain=%s payload=%r" % (m.retain, m.payload))
    stop(late)


def will():
    watcher = client("watcher")
    subscribe(watcher, "club/+/status", 1)
    board = client("board-5", will=("club/board-5/status", "offline"))
    board.loop_stop()
    board.socket().close()  # vanish without DISCONNECT
    wait_for(watcher, 1)
    m = watcher.inbox[0]
    if (m.topic, m.payload) != ("club/board-5/status", b"offline"):
        fail("wrong will: %s %r" % (m.topic, m.payload))
    stop(watcher)


def persistent_session():
    cid = "persist-" + uuid.uuid4().hex[:6]
    s = client(cid, clean=False, session_expiry=3600)
    subscribe(s, "club/x/cmd", 1)
    stop(s)
    pub = client("pub")
    for i in range(3):
        pub.publish("club/x/cmd", "c%d" % i, qos=1).wait_for_publish(5)
    stop(pub)
    back = client(cid, clean=False, session_expiry=3600)
    if not back.session_present:
        fail("session not present on reconnect")
    wait_for(back, 3)
    got = [m.payload.decode() for m in back.inbox]
    if got != ["c0", "c1", "c2"]:
        fail("offline messages: %r" % got)
    stop(back)


def properties_v5():
    if not V5:
        print("OK")
        return
    sub = client("sub")
    subscribe(sub, "req/#", 1)
    pub = client("pub")
    p = Properties(PacketTypes.PUBLISH)
    p.ContentType = "text/plain"
    p.ResponseTopic = "resp/7"
    p.CorrelationData = b"\x01\x02"
    p.MessageExpiryInterval = 90
    p.UserProperty = [("board", "b7"), ("unit", "°C")]
    pub.publish("req/7", "hello", qos=1, properties=p).wait_for_publish(5)
    wait_for(sub, 1)
    r = sub.inbox[0].properties
    checks = [
        (r.ContentType, "text/plain"),
        (r.ResponseTopic, "resp/7"),
        (r.CorrelationData, b"\x01\x02"),
        (r.UserProperty, [("board", "b7"), ("unit", "°C")]),
    ]
    for got, want in checks:
        if got != want:
            fail("property: got %r want %r" % (got, want))
    if not (85 <= r.MessageExpiryInterval <= 90):
        fail("expiry %r" % r.MessageExpiryInterval)
    stop(sub); stop(pub)


{
    "qos": qos_round_trip,
    "retained": retained,
    "will": will,
    "persistent": persistent_session,
    "properties": properties_v5,
}[scenario]()
print("OK")
