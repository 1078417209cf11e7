using System;
using RoboClub.Board.Hardware;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Board.Primitives;
using RoboClub.Board.Vm;

namespace RoboClub.Board
{
    /// <summary>
    /// The board: its parts, its program and scheduler, its link to the hub, and the safety rules.
    /// Everything happens in <see cref="Tick"/>, called by the board's main loop (the ESP32 app's
    /// loop, or the virtual board's). Safety: motors stop when a program stops or fails, on stop and
    /// stop-all, and within <see cref="LinkLossStopMs"/> when the link is lost while a program the hub
    /// started drives motors (a live session: the program is stopped, the child presses Run again).
    /// A board without motors keeps measuring through an outage (its telemetry is buffered), and a
    /// program restored at boot runs on without the hub (an autonomous weather station).
    /// </summary>
    public sealed class BoardRuntime : IBoardCommands, IBoardServices, IProgramObserver
    {
        public const int LinkLossStopMs = 500;

        readonly BoardHardware _hw;
        readonly IProgramStore _store;
        readonly PrimitiveTable _primitives;
        readonly Random _random;
        readonly SensorLogger _logger;
        HubLink _link;
        LoadedProgram _program;
        Scheduler _scheduler;
        Scheduler _eval; // a block clicked in the editor, run beside the program
        long _now;
        long _programStartMs;
        bool _liveSession;
        bool _safetyStopped;
        bool _failed; // the error state stays until the next start
        long _nextWatchMs;
        LinkValue[] _watchValues = new LinkValue[0];
        long _identifyUntilMs;

        public BoardRuntime(BoardHardware hardware, IProgramStore store, int randomSeed)
        {
            _hw = hardware;
            _store = store;
            _random = new Random(randomSeed);
            _primitives = ProgramPrimitives.CreateTable(hardware, this);
            _logger = new SensorLogger(hardware);
        }

        /// <summary>The automatic readings the hub's config turns on (<c>telemetryPeriod</c>).</summary>
        public SensorLogger Logger { get { return _logger; } }

        public PrimitiveTable Primitives { get { return _primitives; } }
        public Scheduler Scheduler { get { return _scheduler; } }
        public bool IsRunning { get { return _scheduler != null && _scheduler.IsRunning; } }
        /// <summary>Why the last program was refused, or null.</summary>
        public string LastRefusal;

        /// <summary>Connects the runtime to its hub link (the link needs the runtime for its commands).</summary>
        public void AttachLink(HubLink link)
        {
            _link = link;
        }

        /// <summary>At power-up: motors off, then the stored program (if any) runs, hub or not.</summary>
        public void Boot(long nowMs)
        {
            _now = nowMs;
            StopOutputs();
            byte[] image = _store == null ? null : _store.Load();
            if (image == null || image.Length == 0) return;
            if (Load(image) == null)
            {
                if (_link != null) _link.ProgramHash = ProgramPayload.Hash(image);
                StartProgram(false);
            }
        }

        /// <summary>Unexpected failures caught by <see cref="Tick"/> (each stopped the outputs), and the last one.</summary>
        public int InternalErrors;
        public string LastInternalError;

        /// <summary>One turn of the main loop: the link, safety, the scripts, the watch, identify.
        /// It never throws: the board loop must survive anything (outputs stop, the failure is counted).</summary>
        public void Tick(long nowMs)
        {
            try
            {
                TickUnguarded(nowMs);
            }
            catch (Exception e)
            {
                InternalErrors++;
                LastInternalError = e.Message;
                try { StopOutputs(); } catch (Exception) { /* nothing more we can do */ }
            }
        }

        void TickUnguarded(long nowMs)
        {
            _now = nowMs;
            if (_link != null) _link.Tick(nowMs);

            bool anyRunning = IsRunning || (_eval != null && _eval.IsRunning);
            if (_liveSession && _hw.Motors != null && anyRunning && _link != null && !_link.IsLinkUp && _link.LinkDownForMs(nowMs) >= LinkLossStopMs)
            {
                // The editor that started this program can no longer stop it: stop it ourselves.
                if (_scheduler != null) _scheduler.StopAll();
                if (_eval != null) _eval.StopAll();
                StopOutputs();
                _safetyStopped = true;
                SetState(BoardState.Stopped);
            }

            if (_eval != null && _eval.IsRunning)
            {
                _eval.Step(nowMs, false);
                if (EvalFinished()) _eval.StopAll();
            }

            if (_scheduler != null && _scheduler.IsRunning)
            {
                _scheduler.Step(nowMs, _hw.Button != null && _hw.Button.Pressed);
                if (!_scheduler.IsRunning && !_safetyStopped && !_failed) SetState(_program == null ? BoardState.Online : BoardState.Stopped);
            }

            _logger.Tick(nowMs, _link);

            if (_link != null && _link.IsWatching && _program != null && nowMs >= _nextWatchMs)
            {
                _nextWatchMs = nowMs + _link.WatchPeriodMs;
                PublishWatch(nowMs);
            }

            if (_identifyUntilMs > 0 && _hw.Led != null)
            {
                if (nowMs >= _identifyUntilMs)
                {
                    _identifyUntilMs = 0;
                    _hw.Led.SetColor(0, 0, 0);
                }
                else if ((nowMs / 250) % 2 == 0) _hw.Led.SetColor(255, 255, 255);
                else _hw.Led.SetColor(0, 0, 0);
            }
        }

        /// <summary>Motors off, buzzer off: what every stop does.</summary>
        public void StopOutputs()
        {
            if (_hw.Motors != null) _hw.Motors.SetPower(0, 0);
            if (_hw.Buzzer != null) _hw.Buzzer.Stop();
        }

        string Load(byte[] image)
        {
            try
            {
                var program = LoadedProgram.Load(image, _primitives);
                if (_scheduler != null) _scheduler.StopAll();
                StopOutputs();
                _program = program;
                _scheduler = new Scheduler(program, this);
                _watchValues = new LinkValue[program.Image.GlobalTypes.Length];
                LastRefusal = null;
                return null;
            }
            catch (ImageException e)
            {
                // The board keeps its previous program.
                LastRefusal = e.Message;
                return e.Message;
            }
        }

        void StartProgram(bool fromHub)
        {
            StopOutputs();
            _liveSession = fromHub;
            _safetyStopped = false;
            _failed = false;
            _programStartMs = _now;
            _scheduler.Start(_now);
            SetState(BoardState.Running);
        }

        void SetState(BoardState state)
        {
            if (_link != null) _link.SetState(state);
        }

        void PublishWatch(long nowMs)
        {
            byte[] types = _program.Image.GlobalTypes;
            int n = types.Length;
            for (int i = 0; i < n; i++)
            {
                LinkValue v = _watchValues[i];
                switch (types[i])
                {
                    case VmType.Int:
                        if (v == null) _watchValues[i] = v = LinkValue.FromNumber(0);
                        v.SetNumber(_program.GlobalInts[i]);
                        break;
                    case VmType.Float:
                        if (v == null) _watchValues[i] = v = LinkValue.FromNumber(0);
                        v.SetNumber(_program.GlobalFloats[i]);
                        break;
                    case VmType.Bool:
                        if (v == null) _watchValues[i] = v = LinkValue.FromBool(false);
                        v.SetBool(_program.GlobalInts[i] != 0);
                        break;
                    case VmType.String:
                        if (v == null) _watchValues[i] = v = LinkValue.FromText("");
                        v.SetText((string)_program.GlobalRefs[i]);
                        break;
                    default:
                        // lists: their length
                        if (v == null) _watchValues[i] = v = LinkValue.FromNumber(0);
                        var list = (VmList)_program.GlobalRefs[i];
                        v.SetNumber(list == null ? 0 : list.Count);
                        break;
                }
            }
            _link.PublishWatch(nowMs, _watchValues, n);
        }

        // ------------------------------------------------------------ IBoardCommands (from the hub)
        public string OnProgram(byte[] image)
        {
            if (image == null || image.Length == 0)
            {
                if (_scheduler != null) _scheduler.StopAll();
                StopOutputs();
                _program = null;
                _scheduler = null;
                if (_store != null) _store.Save(new byte[0]);
                SetState(BoardState.Online);
                return null;
            }
            string refused = Load(image);
            if (refused != null) return refused;
            if (_store != null) _store.Save(image);
            StartProgram(true);
            return null;
        }

        public string OnRun()
        {
            if (_program == null) return "no program loaded";
            _scheduler.StopAll();
            StartProgram(true);
            return null;
        }

        public string OnStop()
        {
            if (_eval != null) _eval.StopAll();
            if (_scheduler != null) _scheduler.StopAll();
            StopOutputs();
            SetState(_program == null ? BoardState.Online : BoardState.Stopped);
            return null;
        }

        public string OnStopAll()
        {
            return OnStop();
        }

        bool EvalFinished()
        {
            for (int i = 0; i < _eval.Program.Image.Scripts.Length; i++)
            {
                VmTask t = _eval.TaskOf(i);
                if (t != null && t.IsActive) return false;
            }
            return true;
        }

        public string OnEval(int script, byte[] image)
        {
            if (image != null)
            {
                // A clicked block compiled on its own: its on-start scripts run now, on the same parts,
                // beside the program (it does not see the program's variables). Stop stops it too.
                LoadedProgram snippet;
                try { snippet = LoadedProgram.Load(image, _primitives); }
                catch (ImageException e) { return e.Message; }
                if (_eval != null) _eval.StopAll();
                _eval = new Scheduler(snippet, this);
                _liveSession = true;
                _eval.Start(_now);
                return null;
            }
            if (_program == null) return "no program loaded";
            if (script < 0 || script >= _program.Image.Scripts.Length) return "no script " + script.ToString();
            if (!_scheduler.IsRunning)
            {
                _liveSession = true;
                _programStartMs = _now;
                _scheduler.Resume();
                SetState(BoardState.Running);
            }
            _scheduler.StartScript(script);
            return null;
        }

        public string OnSet(int variable, string name, LinkValue value)
        {
            if (_program == null) return "no program loaded";
            if (variable < 0)
            {
                string[] names = _program.Image.GlobalNames;
                for (int i = 0; i < names.Length; i++)
                {
                    if (names[i] == name) { variable = i; break; }
                }
                if (variable < 0) return "no variable named " + name;
            }
            if (variable >= _program.Image.GlobalTypes.Length) return "no variable " + variable.ToString();
            switch (_program.Image.GlobalTypes[variable])
            {
                case VmType.Int:
                    if (value.Kind != LinkValueKind.Number) return "this variable holds a whole number";
                    _program.GlobalInts[variable] = (int)value.Number;
                    return null;
                case VmType.Float:
                    if (value.Kind != LinkValueKind.Number) return "this variable holds a number";
                    _program.GlobalFloats[variable] = (float)value.Number;
                    return null;
                case VmType.Bool:
                    if (value.Kind != LinkValueKind.Bool) return "this variable holds true or false";
                    _program.GlobalInts[variable] = value.Bool ? 1 : 0;
                    return null;
                case VmType.String:
                    if (value.Kind != LinkValueKind.Text) return "this variable holds text";
                    _program.GlobalRefs[variable] = value.Text;
                    return null;
                default:
                    return "lists cannot be set from the hub";
            }
        }

        public string OnIdentify()
        {
            _identifyUntilMs = _now + 2000;
            if (_hw.Buzzer != null) _hw.Buzzer.Tone(880, 200);
            return null;
        }

        public string OnWatch(bool on, int periodMs)
        {
            _nextWatchMs = _now;
            return null;
        }

        public void OnBroadcast(string name, string fromBoard)
        {
            if (_scheduler != null) _scheduler.Broadcast(name);
        }

        /// <summary>The firmware's handler of the config's "device" member (null: none, e.g. virtual boards).</summary>
        public IDeviceConfigListener DeviceConfigListener;

        public void OnConfig(JsonNode config)
        {
            // The runtime's member: "telemetryPeriod" (automatic readings). The board's own settings
            // (Wi-Fi, hub, profile: the member "device") belong to the ESP32 app, through its listener.
            _logger.Configure(config, _now);
            if (DeviceConfigListener != null) DeviceConfigListener.OnConfig(config);
        }

        // ------------------------------------------------------------ IBoardServices (for primitives)
        public long ProgramMilliseconds { get { return _now - _programStartMs; } }

        public void Print(string text)
        {
            if (_link != null) _link.PublishConsole(_now, text);
        }

        public void Plot(string series, float value)
        {
            if (_link != null) _link.AddSample(_now, series, value);
        }

        public void Broadcast(string message)
        {
            if (_scheduler != null) _scheduler.Broadcast(message);
            if (_link != null) _link.SendBroadcast(message);
        }

        public int Random(int min, int max)
        {
            return max <= min ? min : min + _random.Next(max - min + 1);
        }

        // ------------------------------------------------------------ IProgramObserver
        public void OnScriptFailed(int script, VmTask task)
        {
            _failed = true;
            StopOutputs();
            SetState(BoardState.Error);
            if (_link != null)
            {
                string message = task.ErrorMessage != null ? task.ErrorMessage : task.ErrorCode;
                _link.PublishError(new ErrorPayload(_now, script, task.ErrorFunction, task.ErrorOffset, task.ErrorCode, message));
            }
        }
    }
}
