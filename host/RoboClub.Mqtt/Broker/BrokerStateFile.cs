using System.Text;

namespace RoboClub.Mqtt.Broker;

/// <summary>
/// Retained messages and persistent sessions (subscriptions, queued and in-flight messages, QoS 2
/// ids awaiting release) in one binary file under the data folder, so both survive a restart.
/// Written to a temporary file and renamed over the old one, so a crash mid-write never leaves a
/// half file; a file that cannot be read is kept aside (never deleted) and the broker starts empty.
/// $SYS topics and delayed wills are not kept.
/// </summary>
internal static class BrokerStateFile
{
    const string FileName = "broker-state.bin";
    const string Magic = "RoboClub.Mqtt.State";
    const int FormatVersion = 1;

    public static string PathIn(string dir) => Path.Combine(dir, FileName);

    public static void Save(MqttBroker broker, string dir)
    {
        var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            var retained = new List<BrokerMessage>();
            foreach (var m in broker.Retained.All) if (!m.Topic.StartsWith("$SYS/", StringComparison.Ordinal)) retained.Add(m);
            w.Write(retained.Count);
            foreach (var m in retained) WriteMessage(w, m);

            var sessions = broker.SnapshotSessions();
            var persistent = sessions.FindAll(s => s.SessionExpiryInterval > 0);
            w.Write(persistent.Count);
            long now = DateTime.UtcNow.Ticks;
            foreach (var s in persistent)
            {
                lock (s.Lock)
                {
                    w.Write(s.ClientId);
                    w.Write(s.SessionExpiryInterval);
                    w.Write(s.Connection is null ? s.DisconnectedAtUtcTicks : now);
                    w.Write(s.Subscriptions.Count);
                    foreach (var sub in s.Subscriptions.Values)
                    {
                        w.Write(sub.FullFilter);
                        w.Write((byte)sub.QualityOfServiceLevel);
                        w.Write(sub.NoLocal);
                        w.Write(sub.RetainAsPublished);
                        w.Write(sub.RetainHandling);
                        w.Write(sub.SubscriptionIdentifier);
                    }
                    var inflight = s.InflightInOrder();
                    w.Write(inflight.Count);
                    foreach (var (id, entry) in inflight)
                    {
                        w.Write(id);
                        w.Write((byte)entry.State);
                        WriteOutgoing(w, entry.Message);
                    }
                    w.Write(s.Pending.Count);
                    foreach (var m in s.Pending) WriteOutgoing(w, m);
                    w.Write(s.IncomingQos2.Count);
                    foreach (var id in s.IncomingQos2) w.Write(id);
                }
            }
        }
        string path = PathIn(dir), tmp = path + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            ms.Position = 0;
            ms.CopyTo(f);
            f.Flush(flushToDisk: true);
        }
        File.Move(tmp, path, overwrite: true);
    }

    public static void Load(MqttBroker broker, string dir)
    {
        string path = PathIn(dir);
        if (!File.Exists(path)) return;
        try
        {
            using var r = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (r.ReadString() != Magic) throw new InvalidDataException("not a RoboClub broker state file");
            int version = r.ReadInt32();
            if (version != FormatVersion) throw new InvalidDataException($"state file format {version} is not supported (this broker reads {FormatVersion})");
            int retained = r.ReadInt32();
            for (int i = 0; i < retained; i++) broker.Retained.Set(ReadMessage(r));
            int sessions = r.ReadInt32();
            for (int i = 0; i < sessions; i++)
            {
                var s = broker.RestoreSession(r.ReadString(), r.ReadUInt32(), r.ReadInt64());
                int subs = r.ReadInt32();
                for (int j = 0; j < subs; j++)
                {
                    var f = new MqttTopicFilter
                    {
                        Topic = r.ReadString(),
                        QualityOfServiceLevel = (MqttQualityOfServiceLevel)r.ReadByte(),
                        NoLocal = r.ReadBoolean(),
                        RetainAsPublished = r.ReadBoolean(),
                        RetainHandling = r.ReadByte(),
                    };
                    uint subId = r.ReadUInt32();
                    broker.RestoreSubscription(s, f, subId);
                }
                int inflight = r.ReadInt32();
                for (int j = 0; j < inflight; j++)
                {
                    ushort id = r.ReadUInt16();
                    var state = (Session.InflightState)r.ReadByte();
                    s.RestoreInflight(id, ReadOutgoing(r), state);
                }
                int pending = r.ReadInt32();
                for (int j = 0; j < pending; j++) s.Pending.Enqueue(ReadOutgoing(r));
                int qos2 = r.ReadInt32();
                for (int j = 0; j < qos2; j++) s.IncomingQos2.Add(r.ReadUInt16());
            }
            broker.Log(MqttLogLevel.Information, $"restored {retained} retained messages and {sessions} sessions from {path}");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or EndOfStreamException or ArgumentException or FormatException or DecoderFallbackException)
        {
            string aside = path + ".unreadable-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            File.Move(path, aside, overwrite: true);
            broker.Log(MqttLogLevel.Error, $"could not read {path} ({ex.Message}); kept it as {aside} and started empty");
        }
    }

    static void WriteOutgoing(BinaryWriter w, in OutgoingMessage m)
    {
        WriteMessage(w, m.Message);
        w.Write((byte)m.QualityOfServiceLevel);
        w.Write(m.Retain);
        w.Write(m.SubscriptionIdentifiers?.Count ?? 0);
        if (m.SubscriptionIdentifiers is { } ids) foreach (var id in ids) w.Write(id);
    }

    static OutgoingMessage ReadOutgoing(BinaryReader r)
    {
        var m = ReadMessage(r);
        var qos = ReadQos(r);
        bool retain = r.ReadBoolean();
        int n = Count(r, 1000);
        List<uint>? ids = n == 0 ? null : new List<uint>(n);
        for (int i = 0; i < n; i++) ids!.Add(r.ReadUInt32());
        return new OutgoingMessage(m, qos, retain, ids);
    }

    static void WriteMessage(BinaryWriter w, BrokerMessage m)
    {
        w.Write(m.Topic);
        w.Write(m.Payload.Length);
        w.Write(m.Payload.Span);
        w.Write((byte)m.QualityOfServiceLevel);
        w.Write(m.Retain);
        w.Write(m.PayloadFormatIndicator);
        WriteOptional(w, m.ContentType);
        WriteOptional(w, m.ResponseTopic);
        w.Write(m.CorrelationData?.Length ?? -1);
        if (m.CorrelationData is { } cd) w.Write(cd);
        w.Write(m.UserProperties?.Count ?? 0);
        if (m.UserProperties is { } ups) foreach (var up in ups) { w.Write(up.Name); w.Write(up.Value); }
        w.Write(m.ExpiresAtUtcTicks);
        WriteOptional(w, m.SenderClientId);
    }

    static BrokerMessage ReadMessage(BinaryReader r)
    {
        string topic = r.ReadString();
        var payload = r.ReadBytes(Count(r, 256 * 1024 * 1024));
        var qos = ReadQos(r);
        bool retain = r.ReadBoolean();
        bool pfi = r.ReadBoolean();
        string? contentType = ReadOptional(r);
        string? responseTopic = ReadOptional(r);
        int cdLen = r.ReadInt32();
        byte[]? cd = cdLen < 0 ? null : r.ReadBytes(Math.Min(cdLen, 65535));
        int ups = Count(r, 65535);
        List<MqttUserProperty>? props = ups == 0 ? null : new List<MqttUserProperty>(ups);
        for (int i = 0; i < ups; i++) props!.Add(new MqttUserProperty(r.ReadString(), r.ReadString()));
        return new BrokerMessage
        {
            Topic = topic,
            Payload = payload,
            QualityOfServiceLevel = qos,
            Retain = retain,
            PayloadFormatIndicator = pfi,
            ContentType = contentType,
            ResponseTopic = responseTopic,
            CorrelationData = cd,
            UserProperties = props,
            ExpiresAtUtcTicks = r.ReadInt64(),
            SenderClientId = ReadOptional(r),
        };
    }

    static MqttQualityOfServiceLevel ReadQos(BinaryReader r)
    {
        byte q = r.ReadByte();
        return q <= 2 ? (MqttQualityOfServiceLevel)q : throw new InvalidDataException($"QoS {q} in state file");
    }

    static int Count(BinaryReader r, int max)
    {
        int n = r.ReadInt32();
        return n >= 0 && n <= max ? n : throw new InvalidDataException($"count {n} out of range in state file");
    }

    static void WriteOptional(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
