using RoboClub.Board.Image;
using RoboClub.Board.Primitives;
using RoboClub.Board.Vm;

namespace RoboClub.Compiler.Tests.Codegen;

/// <summary>A fake board: the real program primitives (console, math, time...) over recording services,
/// plus recording motors, sensors, LED and sound. Runs compiled programs on the real scheduler, 1 ms a step.</summary>
sealed class TestBoard : IBoardServices, IProgramObserver
{
    public readonly List<string> Printed = new();
    public readonly List<string> Calls = new();
    public readonly List<string> Broadcasts = new();
    public readonly List<(string Series, float Value)> Plots = new();
    public readonly PrimitiveTable Table = new();
    public float Distance = 100;
    public float Temperature = 21.5f;
    public bool Button;
    public long Now;
    public VmTask? Failed;
    public Scheduler? Scheduler;

    public TestBoard()
    {
        ProgramPrimitives.Register(Table, this);
        foreach (var name in new[] { "motors.forward", "motors.backward", "motors.turnLeft", "motors.turnRight", "motors.servo" })
            Table.Add(new Primitive(name, [VmType.Int], VmType.None, t => { Calls.Add($"{name}({t.PopInt()})"); return null; }));
        Table.Add(new Primitive("motors.stop", [], VmType.None, t => { Calls.Add("motors.stop()"); return null; }));
        Table.Add(new Primitive("motors.power", [VmType.Int, VmType.Int], VmType.None, t => { int r = t.PopInt(); Calls.Add($"motors.power({t.PopInt()},{r})"); return null; }));
        Table.Add(new Primitive("leds.color", [VmType.String], VmType.None, t => { Calls.Add($"leds.color({t.PopString()})"); return null; }));
        Table.Add(new Primitive("sensors.distance", [], VmType.Float, t => { t.PushFloat(Distance); return null; }));
        Table.Add(new Primitive("sensors.button", [], VmType.Bool, t => { t.PushBool(Button); return null; }));
        Table.Add(new Primitive("weather.temperature", [], VmType.Float, t => { t.PushFloat(Temperature); return null; }));
    }

    public long ProgramMilliseconds => Now;
    public void Print(string text) => Printed.Add(text);
    public void Plot(string series, float value) => Plots.Add((series, value));
    public void Broadcast(string message) { Broadcasts.Add(message); Scheduler?.Broadcast(message); }
    public int Random(int min, int max) => min;
    public void OnScriptFailed(int script, VmTask task) => Failed = task;

    /// <summary>Runs for <paramref name="ms"/> simulated milliseconds (or until only finished on-start scripts remain when ms is null).</summary>
    public TestBoard Run(byte[] image, int? ms = null, Action<TestBoard>? each = null)
    {
        Scheduler = new Scheduler(LoadedProgram.Load(image, Table), this);
        Scheduler.Start(0);
        for (Now = 0; Now < (ms ?? 100_000) && Scheduler.IsRunning; Now++)
        {
            each?.Invoke(this);
            Scheduler.Step(Now, Button);
            if (ms == null && OnlyFinishedStartScripts()) break;
        }
        return this;
    }

    bool OnlyFinishedStartScripts()
    {
        var s = Scheduler!;
        for (int i = 0; i < s.Program.Image.Scripts.Length; i++)
        {
            if (s.Program.Image.Scripts[i].Trigger != TriggerKind.OnStart) return false;
            var t = s.TaskOf(i);
            if (t != null && t.IsActive) return false;
        }
        return true;
    }
}

static class Run
{
    public static CompileResult Compile(string source)
    {
        var r = ChildCompiler.Compile(source);
        Assert.True(r.Success, string.Join("\n", r.Diagnostics));
        return r;
    }

    /// <summary>Compiles and runs to the end; returns what the program printed.</summary>
    public static List<string> Print(string source, int? ms = null)
    {
        var board = new TestBoard().Run(Compile(source).Image!, ms);
        Assert.Null(board.Failed?.ErrorCode);
        return board.Printed;
    }

    public static TestBoard Board(string source, int? ms = null, Action<TestBoard>? each = null, TestBoard? board = null)
        => (board ?? new TestBoard()).Run(Compile(source).Image!, ms, each);
}
