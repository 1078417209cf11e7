using System.Text;
using RoboClub.Board.Link;

namespace RoboClub.Board.Tests.Link;

public class HubLinkTests
{
    private const string Base = "roboclub/club-1/robot-1/";

    private readonly FakeClock _clock = new() { Now = 1000 };
    private readonly FakeTransport _net = new();
    private readonly FakeCommands _board = new();
    private readonly HubLink _link;

    public HubLinkTests()
    {
        var info = new InfoPayload("0.1.0", 1, BoardKind.Robot, "roboclub-bot-v1", new[] { "motor.set", "led.set" }, -1);
        var options = new HubLinkOptions("club-1", "robot-1", info) { TelemetryCapacity = 20, BatchSize = 5, FlushIntervalMs = 1000, QueueCapacity = 4 };
        _link = new HubLink(_net, _board, _clock, options);
        _net.Handler = _link;
    }

    private void Tick() => _link.Tick(_clock.Now);

    private void Connect()
    {
        _net.Up();
        Tick();
        _net.Sent.Clear();
    }

    private List<AckPayload> Acks() => _net.On("ack").Select(p => AckPayload.Decode(p.Payload)).ToList();

    [Fact]
    public void Connect_sequence_status_info_then_subscriptions()
    {
        Assert.Equal(Base + "status", _link.WillTopic);
        Assert.Equal("{\"state\":\"offline\"}", Encoding.UTF8.GetString(_link.WillPayload));

        Tick(); // not connected: nothing
        Assert.Empty(_net.Sent);
        Assert.False(_link.IsLinkUp);
        Assert.Equal(-1, _link.LinkLostAtMs);

        _net.Up();
        Assert.True(_link.IsLinkUp);
        Assert.Empty(_net.Sent); // the transport's thread only records; Tick does the work
        Tick();

        Assert.Equal(2, _net.Sent.Count);
        Assert.Equal(new Published(Base + "status", _net.Sent[0].Payload, true, 1), _net.Sent[0]);
        Assert.Equal("{\"state\":\"online\",\"program\":\"\",\"uptime\":1000}", _net.Sent[0].Text);
        Assert.Equal(Base + "info", _net.Sent[1].Topic);
        Assert.True(_net.Sent[1].Retain);
        Assert.Equal("roboclub-bot-v1", InfoPayload.Decode(_net.Sent[1].Payload).Profile);
        Assert.Equal(
            new[] { (Base + "program", 1), (Base + "cmd", 1), (Base + "config", 1), ("roboclub/club-1/all/cmd", 1), ("roboclub/club-1/messages/#", 1) },
            _net.Subscriptions);
        Assert.True(_link.IsAnnounced);

        Tick(); // nothing new
        Assert.Equal(2, _net.Sent.Count);
    }

    [Fact]
    public void Announce_is_retried_until_it_goes_through()
    {
        _net.FailWhen = t => t.EndsWith("/info", StringComparison.Ordinal);
        _net.Up();
        Tick();
        Assert.False(_link.IsAnnounced);
        Assert.Empty(_net.Subscriptions);
        _net.FailWhen = null;
        Tick();
        Assert.True(_link.IsAnnounced);
        Assert.Equal(5, _net.Subscriptions.Count);
    }

    [Fact]
    public void Reconnect_announces_again()
    {
        Connect();
        _net.Down();
        Tick();
        _net.Up();
        Tick();
        Assert.Single(_net.On("status"));
        Assert.Equal(10, _net.Subscriptions.Count);
    }

    [Fact]
    public void Commands_are_dispatched_in_tick_and_acked()
    {
        Connect();
        _net.Deliver(Base + "cmd", "{\"cmd\":\"run\",\"seq\":1}");
        _net.Deliver(Base + "cmd", "{\"cmd\":\"set\",\"seq\":2,\"var\":3,\"value\":42}");
        _net.Deliver(Base + "cmd", "{\"cmd\":\"eval\",\"seq\":3,\"script\":2}");
        Assert.Empty(_board.Calls); // not on the transport's thread
        Tick();
        Assert.Equal(new[] { "run", "set 3 - 42", "eval 2 -" }, _board.Calls);
        Assert.Equal(new[] { 1, 2, 3 }, Acks().Select(a => a.Seq));
        Assert.All(Acks(), a => Assert.True(a.Ok));
        Assert.All(_net.On("ack"), p => Assert.False(p.Retain));

        _net.Sent.Clear();
        _board.Calls.Clear();
        _net.Deliver(Base + "cmd", "{\"cmd\":\"stop\",\"seq\":4}");
        _net.Deliver(Base + "cmd", "{\"cmd\":\"stop-all\",\"seq\":5}");
        _net.Deliver(Base + "cmd", "{\"cmd\":\"identify\",\"seq\":6}");
        _net.Deliver(Base + "cmd", "{\"cmd\":\"eval\",\"seq\":7,\"image\":\"AQID\"}");
        Tick();
        _net.Deliver(Base + "cmd", "{\"cmd\":\"set\",\"seq\":8,\"name\":\"speed\",\"value\":\"fast\"}");
        _net.Deliver(Base + "cmd", "{\"cmd\":\"watch\",\"seq\":9,\"on\":true,\"period\":200}");
        _net.Deliver(Base + "cmd", "{\"cmd\":\"run\"}"); // no seq: no ack
        Tick();
        Assert.Equal(new[] { "stop", "stop-all", "identify", "eval -1 3", "set -1 speed fast", "watch True 200", "run" }, _board.Calls);
        Assert.Equal(new[] { 4, 5, 6, 7, 8, 9 }, Acks().Select(a => a.Seq));
        Assert.True(_link.IsWatching);
        Assert.Equal(200, _link.WatchPeriodMs);
    }

    [Fact]
    public void Refusals_and_handler_exceptions_go_back_in_the_ack()
    {
        Connect();
        _board.Refuse = "no program loaded";
        _net.Deliver(Base + "cmd", "{\"cmd\":\"run\",\"seq\":11}");
        Tick();
        _board.Refuse = null;
        _board.Throw = true;
        _net.Deliver(Base + "cmd", "{\"cmd\":\"stop\",\"seq\":12}");
        Tick();
        var acks = Acks();
        Assert.False(acks[0].Ok);
        Assert.Equal("no program loaded", acks[0].Error);
        Assert.False(acks[1].Ok);
        Assert.Equal("board error: boom", acks[1].Error);
        Assert.Equal(1, _link.HandlerErrors);
        Assert.Equal(0, _link.InternalErrors);
    }

    [Fact]
    public void Bad_commands_are_ignored_counted_and_reported()
    {
        Connect();
        _net.Deliver(Base + "cmd", "{\"cmd\":\"dance\",\"seq\":21}");
        _net.Deliver(Base + "cmd", "garbage");
        _net.Deliver(Base + "cmd", new byte[] { 0xFF, 0x00 });
        _net.Deliver(Base + "cmd", Array.Empty<byte>());
        Tick();
        Assert.Empty(_board.Calls);
        Assert.Equal(4, _link.RejectedMessages);
        var acks = Acks();
        Assert.Equal(new[] { 21, 0, 0, 0 }, acks.Select(a => a.Seq)); // seq 0: the seq could not be read
        Assert.Contains("unknown command \"dance\"", acks[0].Error);
        Assert.Contains("cmd: JSON:", acks[1].Error);
        Assert.Contains("empty payload", _link.LastRejection);
        Assert.Equal(0, _link.InternalErrors);
    }

    [Fact]
    public void Club_wide_stop_all_and_nothing_else()
    {
        Connect();
        _net.Deliver("roboclub/club-1/all/cmd", "{\"cmd\":\"stop-all\"}");
        _net.Deliver("roboclub/club-1/all/cmd", "{\"cmd\":\"run\",\"seq\":31}");
        Tick();
        Assert.Equal(new[] { "stop-all" }, _board.Calls);
        AckPayload ack = Assert.Single(Acks());
        Assert.Equal(31, ack.Seq);
        Assert.Contains("only stop-all", ack.Error);
    }

    [Fact]
    public void Messages_for_others_are_counted_not_obeyed()
    {
        Connect();
        _net.Deliver("roboclub/club-1/robot-2/cmd", "{\"cmd\":\"run\"}");
        _net.Deliver("roboclub/club-2/robot-1/cmd", "{\"cmd\":\"run\"}");
        _net.Deliver("roboclub/club-1/robot-1/status", "{\"state\":\"online\"}");
        _net.Deliver("elsewhere/x", "{}");
        Tick();
        Assert.Empty(_board.Calls);
        Assert.Equal(4, _link.RejectedMessages);
        Assert.Empty(Acks());
    }

    [Fact]
    public void Broadcasts_between_boards()
    {
        Connect();
        _net.Deliver("roboclub/club-1/messages/go", "{\"from\":\"robot-2\"}");
        _net.Deliver("roboclub/club-1/messages/own", "{\"from\":\"robot-1\"}"); // our own, already delivered locally
        _net.Deliver("roboclub/club-1/messages/anon", Array.Empty<byte>());
        Tick();
        Assert.Equal(new[] { "broadcast go robot-2", "broadcast anon -" }, _board.Calls);

        Assert.True(_link.SendBroadcast("start"));
        Published p = _net.Sent.Last();
        Assert.Equal(Base + "broadcast", p.Topic);
        Assert.Equal("{\"name\":\"start\"}", p.Text);
        Assert.False(_link.SendBroadcast("Bad Name"));
    }

    [Fact]
    public void Program_is_delivered_once_per_image_and_reported_in_status()
    {
        Connect();
        byte[] image = { 0x52, 0x43, 1, 2, 3 };
        _net.Deliver(Base + "program", image);
        Tick();
        Assert.Equal(new[] { "program 5" }, _board.Calls);
        Assert.Equal(image, _board.LastImage);
        Assert.Equal(ProgramPayload.Hash(image), _link.ProgramHash);
        StatusPayload status = StatusPayload.Decode(_net.On("status").Last().Payload);
        Assert.Equal(ProgramPayload.Hash(image), status.Program);
        Assert.True(_net.On("status").Last().Retain);

        // The broker hands the retained image again on reconnect: not loaded twice.
        _net.Deliver(Base + "program", (byte[])image.Clone());
        Tick();
        Assert.Single(_board.Calls);

        // Deleted retained program = no program.
        _net.Deliver(Base + "program", Array.Empty<byte>());
        Tick();
        Assert.Equal("program 0", _board.Calls.Last());
        Assert.Equal("", _link.ProgramHash);
    }

    [Fact]
    public void Stored_program_hash_prevents_a_reload_at_boot()
    {
        byte[] image = { 9, 9, 9 };
        _link.ProgramHash = ProgramPayload.Hash(image);
        Connect();
        _net.Deliver(Base + "program", image);
        Tick();
        Assert.Empty(_board.Calls);
    }

    [Fact]
    public void Bad_or_refused_program_is_reported_on_the_error_topic()
    {
        Connect();
        _net.Deliver(Base + "program", new byte[ProgramPayload.MaxBytes + 1]);
        Tick();
        Assert.Empty(_board.Calls);
        ErrorPayload e = ErrorPayload.Decode(_net.On("error").Single().Payload);
        Assert.Equal(RuntimeErrorCode.BadImage, e.KnownCode);
        Assert.Contains("over the limit", e.Message);

        _board.Refuse = "format version 9 not supported";
        _net.Deliver(Base + "program", new byte[] { 1 });
        Tick();
        Assert.Equal("format version 9 not supported", ErrorPayload.Decode(_net.On("error").Last().Payload).Message);
        Assert.Equal("", _link.ProgramHash);
    }

    [Fact]
    public void Config_is_handed_over()
    {
        Connect();
        _net.Deliver(Base + "config", "{\"telemetryPeriod\":5000,\"name\":\"Robo Ș\"}");
        _net.Deliver(Base + "config", "[1,2]");
        Tick();
        Assert.Equal(new[] { "config 2" }, _board.Calls);
        Assert.Equal("Robo Ș", _board.LastConfig!.Get("name")!.Text);
        Assert.Contains("config: expected a JSON object", Acks().Single().Error);
    }

    [Fact]
    public void Link_lost_time_for_the_motor_safety_rule()
    {
        Connect();
        Assert.True(_link.IsLinkUp);
        Assert.Equal(-1, _link.LinkLostAtMs);
        Assert.Equal(0, _link.LinkDownForMs(1500));

        _clock.Now = 5000;
        _net.Down(); // reported by the transport, no Tick needed
        Assert.False(_link.IsLinkUp);
        Assert.Equal(5000, _link.LinkLostAtMs);
        Assert.Equal(300, _link.LinkDownForMs(5300));

        _clock.Now = 9000;
        _net.Up();
        Assert.True(_link.IsLinkUp);
        Assert.Equal(-1, _link.LinkLostAtMs);
    }

    [Fact]
    public void Link_loss_seen_by_tick_when_the_transport_says_nothing()
    {
        Connect();
        _net.Connected = false; // no callback
        _link.Tick(7000);
        Assert.False(_link.IsLinkUp);
        Assert.Equal(7000, _link.LinkLostAtMs);
    }

    [Fact]
    public void Watch_stops_when_the_link_goes_down()
    {
        Connect();
        _net.Deliver(Base + "cmd", "{\"cmd\":\"watch\",\"on\":true,\"period\":250}");
        Tick();
        Assert.True(_link.IsWatching);
        Assert.True(_link.PublishWatch(1100, new[] { LinkValue.FromNumber(1), LinkValue.FromBool(false) }, 2));
        Published w = _net.Sent.Last();
        Assert.Equal(Base + "watch", w.Topic);
        Assert.Equal(0, w.Qos);
        Assert.Equal("{\"t\":1100,\"values\":[1,false]}", w.Text);

        _net.Down();
        Tick();
        Assert.Equal("watch False 0", _board.Calls.Last());
        Assert.False(_link.IsWatching);
        Assert.False(_link.PublishWatch(1200, new[] { LinkValue.FromNumber(1) }, 1));
    }

    [Fact]
    public void Redelivered_command_is_not_done_twice()
    {
        Connect();
        _net.Deliver(Base + "cmd", "{\"cmd\":\"run\",\"seq\":77}");
        Tick();
        _net.Deliver(Base + "cmd", "{\"cmd\":\"run\",\"seq\":77}");
        Tick();
        Assert.Single(_board.Calls);
        Assert.Equal(new[] { 77, 77 }, Acks().Select(a => a.Seq));
    }

    [Fact]
    public void A_stop_is_never_lost_to_a_full_queue()
    {
        Connect();
        for (int i = 1; i <= 6; i++)
        {
            _net.Deliver(Base + "cmd", "{\"cmd\":\"identify\",\"seq\":" + i + "}");
        }

        _net.Deliver("roboclub/club-1/all/cmd", "{\"cmd\":\"stop-all\"}");
        Tick();
        Assert.Equal("stop-all", _board.Calls.Last());
        Assert.Equal(4, _board.Calls.Count); // queue of 4: 3 identify + stop-all
        Assert.Equal(3, _link.DroppedEvents);
    }

    [Fact]
    public void Telemetry_is_batched_by_size_and_interval()
    {
        Connect();
        for (int t = 0; t < 3; t++)
        {
            _link.AddSample(1000 + t, "temperature", 20 + t);
        }

        Tick();
        Assert.Empty(_net.On("telemetry")); // 3 < batch of 5, interval not over
        _clock.Now = 2000;
        Tick();
        TelemetryPayload p = TelemetryPayload.Decode(_net.On("telemetry").Single().Payload);
        Assert.Equal(new long[] { 1000, 1001, 1002 }, p.Times);
        Assert.Equal(2000, p.NowMs);
        Assert.False(_net.On("telemetry").Single().Retain);
        Assert.Equal(1, _net.On("telemetry").Single().Qos);

        for (int t = 0; t < 5; t++)
        {
            _link.AddSample(2000 + t, "humidity", t);
        }

        _clock.Now = 2010;
        Tick(); // a full batch goes at once
        Assert.Equal(2, _net.On("telemetry").Count());
    }

    [Fact]
    public void Telemetry_outage_keeps_order_counts_loss_and_never_duplicates()
    {
        Connect();
        var sent = new List<long>();
        long dropped = 0;
        long t = 0;

        void Collect()
        {
            foreach (Published p in _net.On("telemetry"))
            {
                TelemetryPayload batch = TelemetryPayload.Decode(p.Payload);
                sent.AddRange(batch.Times);
                dropped += batch.Dropped;
            }

            _net.Sent.Clear();
        }

        // Online: 12 samples.
        for (; t < 12; t++)
        {
            _link.AddSample(t, "s", t);
            _clock.Now += 100;
            Tick();
        }

        // Outage: 30 samples into a store of 20 -> 10 lost (the oldest).
        _clock.Now += 100;
        _net.Down();
        for (; t < 42; t++)
        {
            _link.AddSample(t, "s", t);
            _clock.Now += 100;
            Tick();
        }

        Collect();
        var beforeOutage = sent.ToList();
        _net.Up();
        for (int i = 0; i < 5; i++)
        {
            _clock.Now += 100;
            Tick();
        }

        Collect();
        Assert.Equal(sent.Distinct().Count(), sent.Count); // no duplicates
        Assert.Equal(sent.OrderBy(x => x), sent);           // in order
        Assert.Equal(42 - sent.Count, dropped);             // every lost sample counted
        Assert.True(dropped >= 10);
        // Before the outage: a prefix; after it: the newest 20 (the store's capacity), oldest dropped first.
        Assert.Equal(Enumerable.Range(0, beforeOutage.Count).Select(i => (long)i), beforeOutage);
        Assert.Equal(Enumerable.Range(22, 20).Select(i => (long)i), sent.Skip(beforeOutage.Count));
        Assert.Equal(0, _link.Telemetry.Count);
        Assert.Equal(0, _link.Telemetry.Dropped);
    }

    [Fact]
    public void Telemetry_failed_publish_is_retried_without_duplicates()
    {
        Connect();
        for (int t = 0; t < 12; t++)
        {
            _link.AddSample(t, "s", t);
        }

        _net.FailWhen = topic => topic.EndsWith("/telemetry", StringComparison.Ordinal);
        Tick();
        Tick();
        Assert.Empty(_net.On("telemetry"));
        Assert.Equal(12, _link.Telemetry.Count);
        _net.FailWhen = null;
        _clock.Now += 1000;
        Tick(); // two full batches (0-9); 10 and 11 wait for the interval
        Assert.Equal(2, _net.On("telemetry").Count());
        _clock.Now += 1000;
        Tick();
        var times = _net.On("telemetry").SelectMany(p => TelemetryPayload.Decode(p.Payload).Times).ToList();
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), times);
        Assert.True(_link.PublishFailures >= 2);
    }

    [Fact]
    public void Loss_during_an_outage_is_reported_with_the_first_batch()
    {
        var info = new InfoPayload("1", 1, BoardKind.Weather, "w", Array.Empty<string>(), -1);
        var net = new FakeTransport();
        var link = new HubLink(net, _board, _clock, new HubLinkOptions("c", "b", info) { TelemetryCapacity = 2, BatchSize = 2 });
        net.Handler = link;
        for (int t = 0; t < 5; t++)
        {
            link.AddSample(t, "s", t);
        }

        net.Up();
        link.Tick(100); // sends 3 and 4 with dropped 3
        TelemetryPayload p = TelemetryPayload.Decode(net.On("telemetry").Single().Payload);
        Assert.Equal(new long[] { 3, 4 }, p.Times);
        Assert.Equal(3, p.Dropped);
    }

    [Fact]
    public void Console_lines_rate_limit_and_loss_count()
    {
        Assert.False(_link.PublishConsole(900, "before connect"));
        Connect();
        Assert.True(_link.PublishConsole(1000, "Salut ș ț ă î â"));
        ConsolePayload first = ConsolePayload.Decode(_net.On("console").Single().Payload);
        Assert.Equal("Salut ș ț ă î â", first.Text);
        Assert.Equal(1, first.Dropped);

        for (int i = 0; i < 30; i++)
        {
            _link.PublishConsole(1100, "line " + i);
        }

        Assert.Equal(20, _net.On("console").Count()); // 20 per second
        Assert.True(_link.PublishConsole(2200, "later"));
        ConsolePayload later = ConsolePayload.Decode(_net.On("console").Last().Payload);
        Assert.Equal(11, later.Dropped);
    }

    [Fact]
    public void Error_while_offline_is_sent_after_reconnect()
    {
        var error = new ErrorPayload(1500, 1, 12, RuntimeErrorCode.TypeMismatch, "number expected");
        Assert.False(_link.PublishError(error));
        _net.Up();
        Tick();
        Published p = _net.On("error").Single();
        Assert.Equal("{\"t\":1500,\"script\":1,\"pc\":12,\"code\":\"TypeMismatch\",\"message\":\"number expected\"}", p.Text);
        Assert.True(_link.PublishError(error));
        Assert.Equal(2, _net.On("error").Count());
    }

    [Fact]
    public void State_changes_republish_the_retained_status()
    {
        Connect();
        _link.SetState(BoardState.Running);
        _link.SetState(BoardState.Running);
        _clock.Now = 3000;
        Tick();
        Published p = _net.On("status").Single();
        Assert.True(p.Retain);
        Assert.Equal(1, p.Qos);
        Assert.Equal("{\"state\":\"running\",\"program\":\"\",\"uptime\":3000}", p.Text);
        Tick();
        Assert.Single(_net.On("status"));
    }

    [Fact]
    public void A_throwing_transport_never_breaks_tick()
    {
        _net.ThrowOnPublish = true;
        _net.Up();
        Tick();
        _link.AddSample(1, "s", 1);
        _net.Deliver(Base + "cmd", "{\"cmd\":\"run\",\"seq\":1}");
        Tick();
        Assert.False(_link.PublishConsole(1, "x"));
        Assert.Equal(new[] { "run" }, _board.Calls);
        Assert.True(_link.PublishFailures > 0);
        Assert.Contains("socket closed", _link.LastProblem);
    }

    [Fact]
    public void Random_messages_never_throw()
    {
        Connect();
        var rng = new Random(3);
        string[] topics = { Base + "cmd", Base + "program", Base + "config", "roboclub/club-1/all/cmd", "roboclub/club-1/messages/x", "roboclub/+/#", "", Base + "cmd/x" };
        string[] pieces = { "{", "}", "\"cmd\"", ":", "\"run\"", ",", "\"seq\"", "1", "[", "]", "\"eval\"", "\"image\"", "\"AQ==\"", "null", "\"set\"", "\"value\"", "\"watch\"", "true", "\"on\"" };
        for (int i = 0; i < 5000; i++)
        {
            var sb = new StringBuilder();
            int n = rng.Next(0, 12);
            for (int j = 0; j < n; j++)
            {
                sb.Append(pieces[rng.Next(pieces.Length)]);
            }

            byte[] payload = rng.Next(10) == 0 ? RandomBytes(rng) : Encoding.UTF8.GetBytes(sb.ToString());
            _link.OnMessage(topics[rng.Next(topics.Length)], payload);
            if (i % 3 == 0)
            {
                Tick();
            }
        }

        _link.OnMessage(null!, null!);
        Tick();
        Assert.Equal(0, _link.InternalErrors);
        Assert.True(_link.RejectedMessages > 0);
    }

    private static byte[] RandomBytes(Random rng)
    {
        var b = new byte[rng.Next(0, 40)];
        rng.NextBytes(b);
        return b;
    }

    [Fact]
    public void Bad_board_or_club_names_are_refused_at_construction()
    {
        var info = new InfoPayload("1", 1, BoardKind.Robot, "p", Array.Empty<string>(), -1);
        Assert.Throws<ArgumentException>(() => new HubLink(_net, _board, _clock, new HubLinkOptions("club", "all", info)));
        Assert.Throws<ArgumentException>(() => new HubLink(_net, _board, _clock, new HubLinkOptions("Club", "b", info)));
    }
}
