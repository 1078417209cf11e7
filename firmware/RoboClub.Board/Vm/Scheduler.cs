using RoboClub.Board.Image;

namespace RoboClub.Board.Vm
{
    /// <summary>Told when a program fails, so the board can stop its motors and report the error.</summary>
    public interface IProgramObserver
    {
        void OnScriptFailed(int script, VmTask task);
    }

    /// <summary>
    /// Runs a program's scripts side by side, like Scratch's hat blocks: on start, every N ms, when a
    /// condition becomes true, when a message arrives, when the button is pressed. Cooperative: each
    /// <see cref="Step"/> gives every runnable script a slice of at most <see cref="SliceBudget"/>
    /// instructions, so a runaway loop never starves the network link that runs between steps.
    /// A script whose trigger fires while it still runs is not started twice.
    /// A runtime error stops the whole program (and the board stops its motors).
    /// </summary>
    public sealed class Scheduler
    {
        public int SliceBudget = 500;
        /// <summary>Instructions a 'when' condition may take; more is a ConditionTooSlow error.</summary>
        public int ConditionBudget = 1000;

        readonly LoadedProgram _program;
        readonly IProgramObserver _observer;
        readonly VmTask[] _tasks;           // one per script, made when it first runs
        readonly long[] _nextEvery;
        readonly bool[] _conditionWas;
        readonly VmTask _conditionTask = new VmTask();
        readonly string[] _messages = new string[16]; // broadcasts waiting to start scripts
        int _messageCount;
        bool _buttonWas;
        bool _running;

        public Scheduler(LoadedProgram program, IProgramObserver observer)
        {
            _program = program;
            _observer = observer;
            int n = program.Image.Scripts.Length;
            _tasks = new VmTask[n];
            _nextEvery = new long[n];
            _conditionWas = new bool[n];
        }

        public LoadedProgram Program { get { return _program; } }
        public bool IsRunning { get { return _running; } }
        /// <summary>Instructions executed since the program started (for benchmarks and the status).</summary>
        public long InstructionCount;

        public VmTask TaskOf(int script) { return _tasks[script]; }

        public void Start(long nowMs)
        {
            _program.ResetGlobals();
            _running = true;
            _messageCount = 0;
            ScriptInfo[] scripts = _program.Image.Scripts;
            for (int i = 0; i < scripts.Length; i++)
            {
                _conditionWas[i] = false;
                _nextEvery[i] = nowMs;
                if (_tasks[i] != null) _tasks[i].State = TaskState.Idle;
                if (scripts[i].Trigger == TriggerKind.OnStart) StartScript(i);
            }
        }

        /// <summary>Lets triggers and single scripts run again without restarting the program (the
        /// editor's live mode on a stopped program): globals and on-start scripts are left alone.</summary>
        public void Resume()
        {
            _running = true;
        }

        /// <summary>Stops every script; the program no longer reacts to triggers until started again.</summary>
        public void StopAll()
        {
            _running = false;
            for (int i = 0; i < _tasks.Length; i++)
            {
                if (_tasks[i] != null && _tasks[i].IsActive) _tasks[i].State = TaskState.Idle;
            }
        }

        public void StopScript(int script)
        {
            VmTask t = _tasks[script];
            if (t != null && t.IsActive) t.State = TaskState.Idle;
        }

        /// <summary>A broadcast message (from a script or from the hub): starts the scripts waiting for it.</summary>
        public void Broadcast(string name)
        {
            if (_messageCount < _messages.Length) _messages[_messageCount++] = name;
        }

        /// <summary>Starts a script now (the editor's live mode runs a single script this way).</summary>
        public void StartScript(int script)
        {
            VmTask t = _tasks[script];
            if (t == null) _tasks[script] = t = new VmTask();
            if (t.IsActive) return;
            t.Script = script;
            Interpreter.Start(_program, t, _program.Image.Scripts[script].Function);
        }

        /// <summary>One round: fire triggers, then give each runnable script one slice.
        /// Returns how many instructions ran.</summary>
        public int Step(long nowMs, bool buttonPressed)
        {
            if (!_running) return 0;
            ScriptInfo[] scripts = _program.Image.Scripts;
            int executed = 0;
            bool buttonEdge = buttonPressed && !_buttonWas;
            _buttonWas = buttonPressed;
            int messages = _messageCount;
            _messageCount = 0;

            for (int i = 0; i < scripts.Length && _running; i++)
            {
                ScriptInfo s = scripts[i];
                switch (s.Trigger)
                {
                    case TriggerKind.Every:
                        if (nowMs >= _nextEvery[i] && !Active(i))
                        {
                            _nextEvery[i] += s.Argument;
                            if (_nextEvery[i] <= nowMs) _nextEvery[i] = nowMs + s.Argument; // fell behind: no burst
                            StartScript(i);
                        }
                        break;
                    case TriggerKind.When:
                        {
                            bool now = EvaluateCondition(i, s.Argument, nowMs, ref executed);
                            if (!_running) break;
                            if (now && !_conditionWas[i] && !Active(i)) StartScript(i);
                            _conditionWas[i] = now;
                            break;
                        }
                    case TriggerKind.OnMessage:
                        for (int m = 0; m < messages; m++)
                        {
                            if (_messages[m] == _program.Strings[s.Argument] && !Active(i)) StartScript(i);
                        }
                        break;
                    case TriggerKind.OnButton:
                        if (buttonEdge && !Active(i)) StartScript(i);
                        break;
                }
            }
            // Messages broadcast during this step start scripts on the next one.
            for (int m = 0; m < messages; m++) _messages[m] = null;

            for (int i = 0; i < _tasks.Length && _running; i++)
            {
                VmTask t = _tasks[i];
                if (t == null) continue;
                if (t.State == TaskState.Waiting)
                {
                    if (nowMs < t.WakeAt) continue;
                    t.State = TaskState.Ready;
                }
                if (t.State != TaskState.Ready) continue;
                executed += Interpreter.Run(_program, t, SliceBudget, nowMs);
                if (t.State == TaskState.Failed) Fail(i, t);
            }
            InstructionCount += executed;
            return executed;
        }

        bool Active(int script)
        {
            return _tasks[script] != null && _tasks[script].IsActive;
        }

        bool EvaluateCondition(int script, int function, long nowMs, ref int executed)
        {
            VmTask t = _conditionTask;
            t.Script = script;
            Interpreter.Start(_program, t, function);
            executed += Interpreter.Run(_program, t, ConditionBudget, nowMs);
            if (t.State == TaskState.Done) return t.Ints[0] != 0;
            if (t.State != TaskState.Failed)
            {
                // waited, yielded or ran too long: a condition must be a quick check
                t.State = TaskState.Failed;
                t.ErrorCode = RuntimeError.ConditionTooSlow;
                t.ErrorMessage = "a 'when' condition must be a quick check (no waiting, no long loops)";
                t.ErrorFunction = function;
                t.ErrorOffset = 0;
            }
            Fail(script, t);
            return false;
        }

        void Fail(int script, VmTask task)
        {
            StopAll();
            if (_observer != null) _observer.OnScriptFailed(script, task);
        }
    }
}
