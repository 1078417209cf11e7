using System;
using RoboClub.Board.Hardware;

namespace RoboClub.Board.Link
{
    /// <summary>
    /// The board side of the hub link (docs/protocol.md), over any <see cref="IHubTransport"/>.
    /// <para>Threads: none of its own. The transport calls <see cref="OnMessage"/> and
    /// <see cref="OnConnectionChanged"/> from whatever thread it has; those only check and queue.
    /// Everything else (announcing, dispatching commands to <see cref="IBoardCommands"/>, acks,
    /// status, telemetry) happens in <see cref="Tick"/>, called from the board's main loop.
    /// Publish* methods are meant to be called from the main loop too.</para>
    /// <para>Never throws out of Tick, OnMessage or OnConnectionChanged: bad input is refused,
    /// counted (<see cref="RejectedMessages"/>) and reported to the hub (ack or error topic).</para>
    /// <para>The transport must connect with the will from <see cref="WillTopic"/> and
    /// <see cref="WillPayload"/> (retained, QoS 1).</para>
    /// </summary>
    public sealed class HubLink : IHubMessageHandler
    {
        private const int RecentSeqs = 8;

        /// <summary>A change of the Wi-Fi signal republishes status only when it is at least this big (dB)...</summary>
        public const int SignalChangeDb = 5;

        /// <summary>...and at most this often (ms): a board near the edge of the Wi-Fi must not flood the hub.</summary>
        public const int SignalRepublishMs = 10000;

        private readonly object _lock = new object();
        private readonly IHubTransport _transport;
        private readonly IBoardCommands _commands;
        private readonly IClock _clock;
        private readonly HubLinkOptions _options;
        private readonly TelemetryBuffer _telemetry;
        private readonly TelemetryBatch _batch;

        private readonly string _club;
        private readonly string _board;
        private readonly string _statusTopic;
        private readonly string _infoTopic;
        private readonly string _programTopic;
        private readonly string _cmdTopic;
        private readonly string _configTopic;
        private readonly string _ackTopic;
        private readonly string _telemetryTopic;
        private readonly string _consoleTopic;
        private readonly string _errorTopic;
        private readonly string _watchTopic;
        private readonly string _broadcastTopic;
        private readonly string _clubCmdTopic;
        private readonly string _messagesFilter;

        private readonly LinkEvent[] _queue;
        private int _queueHead;
        private int _queueCount;

        private readonly int[] _recentSeq = new int[RecentSeqs];
        private readonly string[] _recentResult = new string[RecentSeqs];
        private int _recentNext;

        private bool _linkUp;
        private bool _announced;
        private long _linkLostAt = -1;
        private long _lastInboundMs = -1;
        private bool _watchStopPending;
        private bool _watching;
        private int _watchPeriodMs;

        private BoardState _state = BoardState.Online;
        private string _programHash = string.Empty;
        private bool _statusDirty = true;
        private ErrorPayload _pendingError;
        private int _signalDbm = StatusPayload.NoSignal;
        private int _signalReported = StatusPayload.NoSignal;
        private long _lastStatusMs = long.MinValue;

        private long _lastFlushMs;
        private long _consoleWindowStart = long.MinValue;
        private int _consoleInWindow;
        private long _consoleDropped;

        private long _rejected;
        private string _lastRejection;
        private long _droppedEvents;
        private long _handlerErrors;
        private long _publishFailures;
        private long _internalErrors;
        private string _lastProblem;

        public HubLink(IHubTransport transport, IBoardCommands commands, IClock clock, HubLinkOptions options)
        {
            if (transport == null)
            {
                throw new ArgumentNullException("transport");
            }

            if (commands == null)
            {
                throw new ArgumentNullException("commands");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (options == null || options.Info == null)
            {
                throw new ArgumentNullException("options");
            }

            if (options.BatchSize < 1 || options.QueueCapacity < 1 || options.MaxBatchesPerTick < 1 || options.FlushIntervalMs < 0)
            {
                throw new ArgumentException("BatchSize, QueueCapacity and MaxBatchesPerTick must be at least 1, FlushIntervalMs not negative");
            }

            _transport = transport;
            _commands = commands;
            _clock = clock;
            _options = options;
            _club = options.Club;
            _board = options.Board;

            // These throw ArgumentException for a bad club or board name.
            _statusTopic = Topics.Board(_club, _board, TopicLeaf.Status);
            _infoTopic = Topics.Board(_club, _board, TopicLeaf.Info);
            _programTopic = Topics.Board(_club, _board, TopicLeaf.Program);
            _cmdTopic = Topics.Board(_club, _board, TopicLeaf.Cmd);
            _configTopic = Topics.Board(_club, _board, TopicLeaf.Config);
            _ackTopic = Topics.Board(_club, _board, TopicLeaf.Ack);
            _telemetryTopic = Topics.Board(_club, _board, TopicLeaf.Telemetry);
            _consoleTopic = Topics.Board(_club, _board, TopicLeaf.Console);
            _errorTopic = Topics.Board(_club, _board, TopicLeaf.Error);
            _watchTopic = Topics.Board(_club, _board, TopicLeaf.Watch);
            _broadcastTopic = Topics.Board(_club, _board, TopicLeaf.Broadcast);
            _clubCmdTopic = Topics.ClubCommand(_club);
            _messagesFilter = Topics.MessagesFilter(_club);

            _telemetry = new TelemetryBuffer(options.TelemetryCapacity, options.MaxSeries);
            _batch = new TelemetryBatch(options.BatchSize);
            _queue = new LinkEvent[options.QueueCapacity];
        }

        /// <summary>The topic of the last will the transport must register when it connects.</summary>
        public string WillTopic
        {
            get { return _statusTopic; }
        }

        /// <summary>The last will: <c>{"state":"offline"}</c>, retained, QoS 1.</summary>
        public byte[] WillPayload
        {
            get { return StatusPayload.Will(); }
        }

        public TelemetryBuffer Telemetry
        {
            get { return _telemetry; }
        }

        /// <summary>True while the transport is connected to the hub.</summary>
        public bool IsLinkUp
        {
            get
            {
                lock (_lock)
                {
                    return _linkUp;
                }
            }
        }

        /// <summary>Board time (ms) when the link went down; -1 while it is up or when it was never up.
        /// For the safety rule: a live session's motors stop within 0.5 s of this.</summary>
        public long LinkLostAtMs
        {
            get
            {
                lock (_lock)
                {
                    return LinkLostLocked();
                }
            }
        }

        /// <summary>Board time of the last message from the hub; -1 when none yet.</summary>
        public long LastInboundMs
        {
            get
            {
                lock (_lock)
                {
                    return _lastInboundMs;
                }
            }
        }

        /// <summary>True after status, info and the subscriptions went out on the current connection.</summary>
        public bool IsAnnounced
        {
            get
            {
                lock (_lock)
                {
                    return _linkUp && _announced;
                }
            }
        }

        public bool IsWatching
        {
            get
            {
                lock (_lock)
                {
                    return _watching;
                }
            }
        }

        public int WatchPeriodMs
        {
            get
            {
                lock (_lock)
                {
                    return _watchPeriodMs;
                }
            }
        }

        /// <summary>The hash of the program the board has ("" for none); reported in status. Set it after
        /// loading a stored program at boot, so the retained copy from the hub is not loaded again.</summary>
        public string ProgramHash
        {
            get
            {
                lock (_lock)
                {
                    return _programHash;
                }
            }

            set
            {
                lock (_lock)
                {
                    string v = value == null ? string.Empty : value;
                    if (v != _programHash)
                    {
                        _programHash = v;
                        _statusDirty = true;
                    }
                }
            }
        }

        public BoardState State
        {
            get
            {
                lock (_lock)
                {
                    return _state;
                }
            }
        }

        /// <summary>Incoming messages refused (bad topic, bad payload, unknown command, too large).</summary>
        public long RejectedMessages
        {
            get
            {
                lock (_lock)
                {
                    return _rejected;
                }
            }
        }

        /// <summary>Why the last message was refused (null when none was).</summary>
        public string LastRejection
        {
            get
            {
                lock (_lock)
                {
                    return _lastRejection;
                }
            }
        }

        /// <summary>Incoming messages lost because the queue was full.</summary>
        public long DroppedEvents
        {
            get
            {
                lock (_lock)
                {
                    return _droppedEvents;
                }
            }
        }

        /// <summary>Exceptions thrown by <see cref="IBoardCommands"/> methods.</summary>
        public long HandlerErrors
        {
            get
            {
                lock (_lock)
                {
                    return _handlerErrors;
                }
            }
        }

        /// <summary>Publishes the transport refused or threw on.</summary>
        public long PublishFailures
        {
            get
            {
                lock (_lock)
                {
                    return _publishFailures;
                }
            }
        }

        /// <summary>Unexpected exceptions caught in Tick/OnMessage (should stay 0).</summary>
        public long InternalErrors
        {
            get
            {
                lock (_lock)
                {
                    return _internalErrors;
                }
            }
        }

        public string LastProblem
        {
            get
            {
                lock (_lock)
                {
                    return _lastProblem;
                }
            }
        }

        /// <summary>How long the link has been down (0 while up or never up).</summary>
        public long LinkDownForMs(long nowMs)
        {
            lock (_lock)
            {
                long lost = LinkLostLocked();
                return lost < 0 ? 0 : nowMs - lost;
            }
        }

        /// <summary>The board's state for the retained status (published at the next Tick when it changes).</summary>
        public void SetState(BoardState state)
        {
            lock (_lock)
            {
                if (state != _state)
                {
                    _state = state;
                    _statusDirty = true;
                }
            }
        }

        /// <summary>The board's Wi-Fi signal in dBm (e.g. -67), reported as "rssi" in status. Status is sent
        /// again when the signal moved by <see cref="SignalChangeDb"/> or more since the last status, at most
        /// every <see cref="SignalRepublishMs"/>. Boards that do not know their signal never call it.</summary>
        public void SetSignalStrength(int dbm)
        {
            if (dbm < StatusPayload.MinSignalDbm)
            {
                dbm = StatusPayload.MinSignalDbm;
            }
            else if (dbm > StatusPayload.MaxSignalDbm)
            {
                dbm = StatusPayload.MaxSignalDbm;
            }

            lock (_lock)
            {
                _signalDbm = dbm;
            }
        }

        /// <summary>The last signal given to <see cref="SetSignalStrength"/> (<see cref="StatusPayload.NoSignal"/> when none).</summary>
        public int SignalStrength
        {
            get
            {
                lock (_lock)
                {
                    return _signalDbm;
                }
            }
        }

        /// <summary>Stores a telemetry sample (see <see cref="TelemetryBuffer.Add(long, string, double)"/>).</summary>
        public bool AddSample(long timeMs, string series, double value)
        {
            return _telemetry.Add(timeMs, series, value);
        }

        /// <summary>Sends a console line now. False (and counted, reported with the next line) when the link
        /// is down or more than the allowed lines per second were sent.</summary>
        public bool PublishConsole(long timeMs, string text)
        {
            try
            {
                byte[] payload;
                lock (_lock)
                {
                    if (_consoleWindowStart == long.MinValue || timeMs < _consoleWindowStart || timeMs - _consoleWindowStart >= 1000)
                    {
                        _consoleWindowStart = timeMs;
                        _consoleInWindow = 0;
                    }

                    if (!_linkUp || !_announced || _consoleInWindow >= _options.ConsoleLinesPerSecond)
                    {
                        _consoleDropped++;
                        return false;
                    }

                    _consoleInWindow++;
                    payload = new ConsolePayload(timeMs, text, _consoleDropped).Encode();
                }

                bool sent = SafePublish(_consoleTopic, payload, false, 1);
                lock (_lock)
                {
                    if (sent)
                    {
                        _consoleDropped = 0;
                    }
                    else
                    {
                        _consoleDropped++;
                    }
                }

                return sent;
            }
            catch (Exception e)
            {
                Internal(e);
                return false;
            }
        }

        /// <summary>Reports a runtime error. When it cannot be sent now, the latest error is kept and sent
        /// when the link is back (older unsent ones are replaced).</summary>
        public bool PublishError(ErrorPayload error)
        {
            if (error == null)
            {
                return false;
            }

            try
            {
                bool up;
                lock (_lock)
                {
                    up = _linkUp && _announced;
                    if (!up)
                    {
                        _pendingError = error;
                        return false;
                    }
                }

                if (SafePublish(_errorTopic, error.Encode(), false, 1))
                {
                    return true;
                }

                lock (_lock)
                {
                    _pendingError = error;
                }

                return false;
            }
            catch (Exception e)
            {
                Internal(e);
                return false;
            }
        }

        /// <summary>Sends the values of the first <paramref name="count"/> globals (QoS 0; nothing kept when down).</summary>
        public bool PublishWatch(long timeMs, LinkValue[] values, int count)
        {
            try
            {
                if (!IsAnnounced)
                {
                    return false;
                }

                return SafePublish(_watchTopic, WatchPayload.Encode(timeMs, values, count), false, 0);
            }
            catch (Exception e)
            {
                Internal(e);
                return false;
            }
        }

        /// <summary>Sends a broadcast to the other boards (through the hub). The runtime delivers it to its own
        /// scripts itself; the relayed copy from this board is ignored.</summary>
        public bool SendBroadcast(string name)
        {
            if (Topics.CheckName(name, "message") != null)
            {
                return false;
            }

            try
            {
                if (!IsAnnounced)
                {
                    return false;
                }

                return SafePublish(_broadcastTopic, BroadcastPayload.EncodeSend(name), false, 1);
            }
            catch (Exception e)
            {
                Internal(e);
                return false;
            }
        }

        /// <summary>From the transport: the link went up or down.</summary>
        public void OnConnectionChanged(bool connected)
        {
            try
            {
                SetLinkState(connected, _clock.Milliseconds);
            }
            catch (Exception e)
            {
                Internal(e);
            }
        }

        /// <summary>From the transport: a message arrived. Checked here, carried out at the next Tick.</summary>
        public void OnMessage(string topic, byte[] payload)
        {
            try
            {
                lock (_lock)
                {
                    _lastInboundMs = _clock.Milliseconds;
                }

                Classify(topic, payload);
            }
            catch (PayloadException e)
            {
                Reject(e.Seq, e.Message, false, true);
            }
            catch (Exception e)
            {
                Internal(e);
            }
        }

        /// <summary>The link's work, from the board's main loop: follow the link state, announce after a
        /// connect, carry out queued commands, publish status changes and telemetry batches.</summary>
        public void Tick(long nowMs)
        {
            try
            {
                SetLinkState(_transport.IsConnected, nowMs);
                bool up;
                bool announced;
                lock (_lock)
                {
                    up = _linkUp;
                    announced = _announced;
                }

                if (up && !announced)
                {
                    Announce(nowMs);
                }

                Dispatch(nowMs);

                if (IsAnnounced)
                {
                    PublishStatusIfChanged(nowMs);
                    PublishPendingError();
                    FlushTelemetry(nowMs);
                }
            }
            catch (Exception e)
            {
                Internal(e);
            }
        }

        private long LinkLostLocked()
        {
            return _linkUp ? -1 : _linkLostAt;
        }

        private void SetLinkState(bool up, long nowMs)
        {
            lock (_lock)
            {
                if (up == _linkUp)
                {
                    return;
                }

                _linkUp = up;
                _announced = false;
                if (up)
                {
                    _linkLostAt = -1;
                }
                else
                {
                    _linkLostAt = nowMs;
                    if (_watching)
                    {
                        _watchStopPending = true;
                    }
                }
            }
        }

        private void Announce(long nowMs)
        {
            byte[] status;
            lock (_lock)
            {
                status = StatusLocked(nowMs);
            }

            if (!SafePublish(_statusTopic, status, true, 1))
            {
                return;
            }

            if (!SafePublish(_infoTopic, _options.Info.Encode(), true, 1))
            {
                return;
            }

            _transport.Subscribe(_programTopic, 1);
            _transport.Subscribe(_cmdTopic, 1);
            _transport.Subscribe(_configTopic, 1);
            _transport.Subscribe(_clubCmdTopic, 1);
            _transport.Subscribe(_messagesFilter, 1);
            lock (_lock)
            {
                _statusDirty = false;
                _announced = _linkUp;

                // Samples stored during the outage go out right away.
                _lastFlushMs = nowMs - _options.FlushIntervalMs;
            }
        }

        private void PublishStatusIfChanged(long nowMs)
        {
            byte[] status;
            lock (_lock)
            {
                if (!_statusDirty && !SignalMovedLocked(nowMs))
                {
                    return;
                }

                status = StatusLocked(nowMs);
                _statusDirty = false;
            }

            if (!SafePublish(_statusTopic, status, true, 1))
            {
                lock (_lock)
                {
                    _statusDirty = true;
                }
            }
        }

        /// <summary>The status to publish now; remembers the signal and time it reports.</summary>
        private byte[] StatusLocked(long nowMs)
        {
            _signalReported = _signalDbm;
            _lastStatusMs = nowMs;
            return new StatusPayload(_state, _programHash, nowMs, _signalDbm).Encode();
        }

        private bool SignalMovedLocked(long nowMs)
        {
            if (_signalDbm == _signalReported)
            {
                return false;
            }

            if (_lastStatusMs != long.MinValue && nowMs - _lastStatusMs < SignalRepublishMs)
            {
                return false;
            }

            // A first value (none reported yet) always counts as a change.
            return _signalReported == StatusPayload.NoSignal || Math.Abs(_signalDbm - _signalReported) >= SignalChangeDb;
        }

        private void PublishPendingError()
        {
            ErrorPayload error;
            lock (_lock)
            {
                error = _pendingError;
                _pendingError = null;
            }

            if (error != null && !SafePublish(_errorTopic, error.Encode(), false, 1))
            {
                lock (_lock)
                {
                    if (_pendingError == null)
                    {
                        _pendingError = error;
                    }
                }
            }
        }

        private void FlushTelemetry(long nowMs)
        {
            int waiting = _telemetry.Count;
            if (waiting == 0 && _telemetry.Dropped == 0)
            {
                // The interval counts from when the first sample started waiting.
                _lastFlushMs = nowMs;
                return;
            }

            if (waiting < _options.BatchSize && nowMs - _lastFlushMs < _options.FlushIntervalMs)
            {
                return;
            }

            for (int b = 0; b < _options.MaxBatchesPerTick; b++)
            {
                int n = _telemetry.TakeBatch(_batch);
                if (n == 0 && _batch.Dropped == 0)
                {
                    _telemetry.Abort();
                    return;
                }

                byte[] payload = TelemetryPayload.Encode(_batch, nowMs);
                if (!SafePublish(_telemetryTopic, payload, false, 1))
                {
                    _telemetry.Abort();
                    return;
                }

                _telemetry.Commit();
                _lastFlushMs = nowMs;
                if (_telemetry.Count < _options.BatchSize)
                {
                    return;
                }
            }
        }

        private void Classify(string topic, byte[] payload)
        {
            ParsedTopic t = Topics.Parse(topic);
            if (!t.IsValid)
            {
                Reject(0, "topic: " + t.Error, false, false);
                return;
            }

            if (t.Club != _club)
            {
                Reject(0, "topic: not for club " + _club, false, false);
                return;
            }

            LinkEvent ev = new LinkEvent();
            if (t.Kind == TopicKind.Message)
            {
                BroadcastPayload msg = BroadcastPayload.DecodeRelay(t.MessageName, payload);
                if (msg.From == _board)
                {
                    return; // our own broadcast, already delivered locally
                }

                ev.Kind = LinkEventKind.Broadcast;
                ev.Name = msg.Name;
                ev.From = msg.From;
                Enqueue(ev);
                return;
            }

            if (t.Kind == TopicKind.ClubCommand)
            {
                CommandPayload cmd = CommandPayload.Decode(payload);
                if (cmd.Kind != CommandKind.StopAll)
                {
                    throw new PayloadException("cmd: only stop-all is allowed on " + _clubCmdTopic, cmd.Seq);
                }

                ev.Kind = LinkEventKind.Command;
                ev.Command = cmd;
                ev.Seq = cmd.Seq;
                Enqueue(ev);
                return;
            }

            if (t.Board != _board)
            {
                Reject(0, "topic: not for board " + _board, false, false);
                return;
            }

            if (t.Leaf == TopicLeaf.Cmd)
            {
                CommandPayload cmd = CommandPayload.Decode(payload);
                ev.Kind = LinkEventKind.Command;
                ev.Command = cmd;
                ev.Seq = cmd.Seq;
                Enqueue(ev);
            }
            else if (t.Leaf == TopicLeaf.Program)
            {
                string error = ProgramPayload.Check(payload);
                if (error != null)
                {
                    Reject(0, error, true, false);
                    return;
                }

                ev.Kind = LinkEventKind.Program;
                ev.Image = payload == null ? new byte[0] : payload;
                Enqueue(ev);
            }
            else if (t.Leaf == TopicLeaf.Config)
            {
                ev.Kind = LinkEventKind.Config;
                ev.Config = ConfigPayload.Decode(payload);
                Enqueue(ev);
            }
            else
            {
                Reject(0, "topic: the board does not take messages on " + Topics.LeafName(t.Leaf), false, false);
            }
        }

        private void Reject(int seq, string error, bool onErrorTopic, bool ack)
        {
            lock (_lock)
            {
                _rejected++;
                _lastRejection = error;
            }

            if (!ack && !onErrorTopic)
            {
                return;
            }

            LinkEvent ev = new LinkEvent();
            ev.Kind = LinkEventKind.Rejected;
            ev.Seq = seq;
            ev.Error = error;
            ev.ReportOnErrorTopic = onErrorTopic;
            Enqueue(ev);
        }

        private void Enqueue(LinkEvent ev)
        {
            lock (_lock)
            {
                int cap = _queue.Length;
                if (_queueCount == cap)
                {
                    if (!ev.IsStop)
                    {
                        _droppedEvents++;
                        _lastProblem = "incoming queue full: message dropped";
                        return;
                    }

                    // A stop must never be lost: it pushes out the oldest waiting message.
                    _queue[_queueHead] = null;
                    _queueHead = (_queueHead + 1) % cap;
                    _queueCount--;
                    _droppedEvents++;
                }

                _queue[(_queueHead + _queueCount) % cap] = ev;
                _queueCount++;
            }
        }

        private LinkEvent Dequeue()
        {
            lock (_lock)
            {
                if (_queueCount == 0)
                {
                    return null;
                }

                LinkEvent ev = _queue[_queueHead];
                _queue[_queueHead] = null;
                _queueHead = (_queueHead + 1) % _queue.Length;
                _queueCount--;
                return ev;
            }
        }

        private void Dispatch(long nowMs)
        {
            bool stopWatch;
            lock (_lock)
            {
                stopWatch = _watchStopPending && _watching;
                _watchStopPending = false;
                if (stopWatch)
                {
                    _watching = false;
                    _watchPeriodMs = 0;
                }
            }

            if (stopWatch)
            {
                Call(CommandPayload.Watch(0, false, 0));
            }

            int budget = _queue.Length;
            while (budget-- > 0)
            {
                LinkEvent ev = Dequeue();
                if (ev == null)
                {
                    return;
                }

                try
                {
                    Handle(ev, nowMs);
                }
                catch (Exception e)
                {
                    Internal(e);
                }
            }
        }

        private void Handle(LinkEvent ev, long nowMs)
        {
            if (ev.Kind == LinkEventKind.Rejected)
            {
                if (ev.ReportOnErrorTopic)
                {
                    PublishError(new ErrorPayload(nowMs, -1, -1, RuntimeErrorCode.BadImage, ev.Error));
                }
                else
                {
                    Ack(ev.Seq, ev.Error);
                }

                return;
            }

            if (ev.Kind == LinkEventKind.Program)
            {
                string hash = ProgramPayload.Hash(ev.Image);
                if (hash == ProgramHash)
                {
                    return; // the retained copy of what the board already has
                }

                string result;
                try
                {
                    result = _commands.OnProgram(ev.Image);
                }
                catch (Exception e)
                {
                    result = HandlerFailed(e);
                }

                if (result == null)
                {
                    ProgramHash = hash;
                }
                else
                {
                    PublishError(new ErrorPayload(nowMs, -1, -1, RuntimeErrorCode.BadImage, result));
                }

                return;
            }

            if (ev.Kind == LinkEventKind.Config)
            {
                try
                {
                    _commands.OnConfig(ev.Config);
                }
                catch (Exception e)
                {
                    HandlerFailed(e);
                }

                return;
            }

            if (ev.Kind == LinkEventKind.Broadcast)
            {
                try
                {
                    _commands.OnBroadcast(ev.Name, ev.From);
                }
                catch (Exception e)
                {
                    HandlerFailed(e);
                }

                return;
            }

            // A command.
            int seq = ev.Seq;
            if (seq > 0)
            {
                for (int i = 0; i < RecentSeqs; i++)
                {
                    if (_recentSeq[i] == seq)
                    {
                        // A QoS 1 redelivery: answer again, do not do it twice.
                        Ack(seq, _recentResult[i]);
                        return;
                    }
                }
            }

            string outcome = Call(ev.Command);
            if (seq > 0)
            {
                _recentSeq[_recentNext] = seq;
                _recentResult[_recentNext] = outcome;
                _recentNext = (_recentNext + 1) % RecentSeqs;
                Ack(seq, outcome);
            }
        }

        private string Call(CommandPayload c)
        {
            string result;
            try
            {
                switch (c.Kind)
                {
                    case CommandKind.Run:
                        result = _commands.OnRun();
                        break;
                    case CommandKind.Stop:
                        result = _commands.OnStop();
                        break;
                    case CommandKind.StopAll:
                        result = _commands.OnStopAll();
                        break;
                    case CommandKind.Eval:
                        result = _commands.OnEval(c.Script, c.Image);
                        break;
                    case CommandKind.Set:
                        result = _commands.OnSet(c.Variable, c.VariableName, c.Value);
                        break;
                    case CommandKind.Identify:
                        result = _commands.OnIdentify();
                        break;
                    case CommandKind.Watch:
                        result = _commands.OnWatch(c.WatchOn, c.PeriodMs);
                        if (result == null)
                        {
                            lock (_lock)
                            {
                                _watching = c.WatchOn;
                                _watchPeriodMs = c.PeriodMs;
                            }
                        }

                        break;
                    default:
                        result = "unknown command";
                        break;
                }
            }
            catch (Exception e)
            {
                result = HandlerFailed(e);
            }

            return result;
        }

        private string HandlerFailed(Exception e)
        {
            lock (_lock)
            {
                _handlerErrors++;
                _lastProblem = "board handler: " + e.Message;
            }

            return "board error: " + e.Message;
        }

        private void Ack(int seq, string error)
        {
            if (!IsAnnounced)
            {
                return;
            }

            SafePublish(_ackTopic, new AckPayload(seq, error == null, error).Encode(), false, 1);
        }

        private bool SafePublish(string topic, byte[] payload, bool retain, int qos)
        {
            bool ok;
            try
            {
                ok = _transport.Publish(topic, payload, retain, qos);
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    _lastProblem = "publish: " + e.Message;
                }

                ok = false;
            }

            if (!ok)
            {
                lock (_lock)
                {
                    _publishFailures++;
                }
            }

            return ok;
        }

        private void Internal(Exception e)
        {
            lock (_lock)
            {
                _internalErrors++;
                _lastProblem = "internal: " + e.Message;
            }
        }
    }
}
