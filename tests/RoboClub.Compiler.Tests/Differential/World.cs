using RoboClub.Board.Image;
using RoboClub.Board.Vm;

namespace RoboClub.Compiler.Tests.Differential.Api;

/// <summary>
/// Side (b)'s board: a discrete-event simulation of the board scheduler (firmware Vm/Scheduler.cs) for
/// ordinary .NET code. Each running script is a thread; a baton (one semaphore per script plus one for
/// the controller) lets exactly one of them run at a time, and they switch only at Wait or at a
/// script's end. Each simulated millisecond is one scheduler step with the board's rules:
///  1. triggers, in script order: Every (due and not running), When (the condition is evaluated every
///     step, on the controller, and starts the script on a false-to-true edge if it is not running),
///     OnMessage (messages broadcast before this step, at most 16), OnButton (press edge);
///  2. then every script in script order: a waiting one whose time has come, or a just-started one,
///     runs until its next Wait (or end). Wait(ms) wakes at now + max(ms, 0), on a later step.
/// Scripts are numbered as the compiler numbers them: 0 = the top-level code, then the
/// Every/When/OnMessage/OnButton statements in source order. They exist from the start (the program
/// class's Register() runs before step 0), as on the board.
/// The board preempts a script after 500 instructions; this simulation does not, so differential
/// programs keep the code between two waits short when other scripts could run meanwhile.
/// </summary>
public sealed class World
{
    [ThreadStatic] static World? _current;
    [ThreadStatic] static Script? _myScript;

    public static World Current => _current ?? throw new InvalidOperationException("no simulated board on this thread");

    sealed class Script
    {
        public byte Kind;
        public int Argument;
        public string? Message;
        public Func<bool>? Condition;
        public required Action Body;
        public int State; // TaskState values
        public long WakeAt;
        public long NextEvery;
        public bool ConditionWas;
        public Thread? Thread;
        public readonly SemaphoreSlim Go = new(0);
    }

    sealed class AbortScript : Exception { }
    sealed class WaitInCondition : Exception { }

    public readonly List<string> Log = new();
    readonly Dictionary<string, int> _reads = new();
    readonly List<Script> _scripts = new();
    readonly List<string> _messages = new();
    readonly SemaphoreSlim _controller = new(0);
    bool _registering, _running, _aborting, _buttonWas;
    Script? _hung;
    static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(30);
    long _now;

    /// <summary>Runs a program: <paramref name="register"/> declares its event scripts, <paramref name="main"/> is its top-level code.</summary>
    public static List<string> Run(Action register, Action main)
    {
        var w = new World();
        var saved = _current;
        _current = w;
        try { w.RunProgram(register, main); }
        finally { w.AbortAll(); _current = saved; }
        return w.Log;
    }

    void RunProgram(Action register, Action main)
    {
        _scripts.Add(new Script { Kind = TriggerKind.OnStart, Body = main });
        _registering = true;
        register();
        _registering = false;
        bool events = _scripts.Count > 1;
        int limit = events ? SensorModel.EventProgramMs : SensorModel.PlainProgramMs;
        _running = true;
        StartScript(_scripts[0]);
        for (_now = 0; _now < limit && _running; _now++)
        {
            Step();
            if (!events && !Active(_scripts[0])) break;
        }
    }

    void Step()
    {
        bool pressed = SensorModel.ButtonAt(_now);
        bool edge = pressed && !_buttonWas;
        _buttonWas = pressed;
        var messages = _messages.ToArray();
        _messages.Clear();
        foreach (var s in _scripts)
        {
            if (!_running) break;
            switch (s.Kind)
            {
                case TriggerKind.Every:
                    if (_now >= s.NextEvery && !Active(s))
                    {
                        s.NextEvery += s.Argument;
                        if (s.NextEvery <= _now) s.NextEvery = _now + s.Argument;
                        StartScript(s);
                    }
                    break;
                case TriggerKind.When:
                    {
                        bool now = Evaluate(s);
                        if (!_running) break;
                        if (now && !s.ConditionWas && !Active(s)) StartScript(s);
                        s.ConditionWas = now;
                        break;
                    }
                case TriggerKind.OnMessage:
                    foreach (var m in messages)
                        if (m == s.Message && !Active(s)) StartScript(s);
                    break;
                case TriggerKind.OnButton:
                    if (edge && !Active(s)) StartScript(s);
                    break;
            }
        }
        foreach (var s in _scripts)
        {
            if (!_running) break;
            if (s.State == TaskState.Waiting)
            {
                if (_now < s.WakeAt) continue;
                s.State = TaskState.Ready;
            }
            if (s.State != TaskState.Ready) continue;
            Resume(s);
        }
    }

    static bool Active(Script s) => s.State is TaskState.Ready or TaskState.Waiting;

    void StartScript(Script s)
    {
        if (Active(s)) return;
        s.State = TaskState.Ready;
    }

    bool Evaluate(Script s)
    {
        try
        {
            return s.Condition!();
        }
        catch (WaitInCondition)
        {
            Fail("ConditionTooSlow");
        }
        catch (Exception e)
        {
            Fail(ErrorKind(e));
        }
        return false;
    }

    void Resume(Script s)
    {
        if (s.Thread == null)
        {
            var t = new Thread(() => ScriptThread(s), 1 << 20) { IsBackground = true, Name = "script" };
            s.Thread = t;
            t.Start();
        }
        s.Go.Release();
        if (!_controller.Wait(HangTimeout))
        {
            // a .NET script that never reaches a Wait (an endless loop the board would have stopped):
            // the test fails with this entry; the thread is left behind (background, abandoned).
            _hung = s;
            Fail("Timeout (the .NET run did not reach a Wait within " + HangTimeout.TotalSeconds + " s)");
            return;
        }
        if (s.State == TaskState.Failed) _running = false;
    }

    /// <summary>A script's thread, made on its first run and reused by the next runs.</summary>
    void ScriptThread(Script s)
    {
        _current = this;
        _myScript = s;
        while (true)
        {
            s.Go.Wait();
            if (_aborting) { _controller.Release(); return; }
            try
            {
                s.Body();
                s.State = TaskState.Done;
            }
            catch (AbortScript)
            {
                _controller.Release();
                return;
            }
            catch (Exception e)
            {
                s.State = TaskState.Failed;
                Log.Add(SensorModel.Entry(_now, "error " + ErrorKind(e)));
            }
            _controller.Release();
        }
    }

    void Fail(string kind)
    {
        Log.Add(SensorModel.Entry(_now, "error " + kind));
        _running = false;
    }

    /// <summary>The board's runtime error code for a .NET exception.</summary>
    public static string ErrorKind(Exception e) => e switch
    {
        DivideByZeroException => "DivideByZero",
        OverflowException => "Overflow",
        IndexOutOfRangeException or ArgumentOutOfRangeException => "IndexOutOfRange",
        NullReferenceException => "ListNotCreated",
        InvalidOperationException => "ListChanged",          // foreach over a list that changed
        FormatException => "NotANumber",                       // int.Parse
        ArgumentException => "BadArgument",
        InsufficientExecutionStackException => "StackOverflow",
        _ => e.GetType().Name + ": " + e.Message,
    };

    /// <summary>Ends every script thread: each is parked either in Wait or before its next run.</summary>
    void AbortAll()
    {
        _aborting = true;
        foreach (var s in _scripts)
        {
            var t = s.Thread;
            if (t == null || s == _hung) continue;
            s.Go.Release();
            _controller.Wait();
            t.Join();
        }
    }

    // ---- what the API calls

    public void Register(byte kind, int argument, string? message, Func<bool>? condition, Action body)
    {
        if (!_registering) throw new InvalidOperationException("event scripts are declared by the program class's Register()");
        _scripts.Add(new Script { Kind = kind, Argument = argument, Message = message, Condition = condition, Body = body });
    }

    public void Wait(int ms)
    {
        var s = _myScript;
        if (s == null) throw new WaitInCondition();
        s.WakeAt = _now + (ms > 0 ? ms : 0);
        s.State = TaskState.Waiting;
        _controller.Release();
        s.Go.Wait();
        if (_aborting) throw new AbortScript();
    }

    public void Act(string call) => Log.Add(SensorModel.Entry(_now, call));
    public void Print(string text) => Log.Add(SensorModel.Entry(_now, "print " + text));

    public void Broadcast(string name)
    {
        Act($"messages.broadcast({name})");
        if (_messages.Count < 16) _messages.Add(name);
    }

    int Count(string name)
    {
        _reads.TryGetValue(name, out int n);
        _reads[name] = n + 1;
        return n;
    }

    public float ReadFloat(string name)
    {
        float v = SensorModel.Float(name, _now, Count(name));
        Act($"{name}() = {SensorModel.Text(v)}");
        return v;
    }

    public bool ReadBool(string name)
    {
        bool v = SensorModel.Bool(name, _now, Count(name));
        Act($"{name}() = {SensorModel.Text(v)}");
        return v;
    }

    public int Random(int min, int max)
    {
        if (max < min) (min, max) = (max, min);
        int v = SensorModel.Random(min, max, Count("math.random"));
        Act($"math.random({min},{max}) = {v}");
        return v;
    }

    public int Millis()
    {
        Act($"time.millis() = {_now}");
        return (int)_now;
    }
}
