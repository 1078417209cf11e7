using RoboClub.Board.Image;
using RoboClub.Board.Primitives;
using RoboClub.Board.Vm;

namespace RoboClub.Board.Tests.Vm;

/// <summary>Builds small programs and runs them to the end; "test.say" records output.</summary>
sealed class TestBoard : IProgramObserver
{
    public readonly List<string> Said = new();
    public readonly List<int> Numbers = new();
    public readonly PrimitiveTable Table = new();
    public VmTask? Failed;
    public int FailedScript = -1;

    public TestBoard()
    {
        Table.Add(new Primitive("test.say", [VmType.String], VmType.None, t => { Said.Add(t.PopString()); return null; }));
        Table.Add(new Primitive("test.record", [VmType.Int], VmType.None, t => { Numbers.Add(t.PopInt()); return null; }));
        Table.Add(new Primitive("test.twice", [VmType.Float], VmType.Float, t => { t.PushFloat(t.PopFloat() * 2); return null; }));
        Table.AddUnavailable("sensors.distance", "this board has no ultrasonic sensor");
        ListPrimitives.Register(Table);
        TextPrimitives.Register(Table);
    }

    public void OnScriptFailed(int script, VmTask task)
    {
        FailedScript = script;
        Failed = task;
    }

    public LoadedProgram Load(byte[] image) => LoadedProgram.Load(image, Table);

    /// <summary>Runs until every script is done or <paramref name="maxSteps"/> steps pass (1 ms each).</summary>
    public Scheduler Run(byte[] image, int maxSteps = 10_000, Action<Scheduler, long>? each = null)
    {
        var s = new Scheduler(Load(image), this);
        s.Start(0);
        for (long now = 0; now < maxSteps && s.IsRunning; now++)
        {
            each?.Invoke(s, now);
            s.Step(now, false);
            if (AllDone(s)) break;
        }
        return s;
    }

    static bool AllDone(Scheduler s)
    {
        for (int i = 0; i < s.Program.Image.Scripts.Length; i++)
        {
            var t = s.TaskOf(i);
            if (t != null && t.IsActive) return false;
            if (s.Program.Image.Scripts[i].Trigger != TriggerKind.OnStart) return false;
        }
        return true;
    }
}

static class Build
{
    /// <summary>A program with one on-start script whose body <paramref name="body"/> writes.</summary>
    public static byte[] Script(Action<ImageBuilder, FunctionBuilder> body)
    {
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        body(b, f);
        f.Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        return b.Build();
    }

    public static int Say(ImageBuilder b) => b.AddPrimitive("test.say", [VmType.String], VmType.None);
    public static int Record(ImageBuilder b) => b.AddPrimitive("test.record", [VmType.Int], VmType.None);

    /// <summary>Records the int on top of the stack.</summary>
    public static FunctionBuilder RecordTop(this FunctionBuilder f, ImageBuilder b) => f.Op(Opcode.CallPrimitive, Record(b));
    public static FunctionBuilder SayTop(this FunctionBuilder f, ImageBuilder b) => f.Op(Opcode.CallPrimitive, Say(b));
}
