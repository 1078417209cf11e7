using RoboClub.Board.Image;
using RoboClub.Board.Vm;

namespace RoboClub.Board.Tests.Vm;

public class SchedulerTests
{
    /// <summary>A script that loops forever adding 1 to a global (never waits).</summary>
    static int Counter(ImageBuilder b, string name)
    {
        int g = b.AddGlobal(name, VmType.Int);
        var f = b.AddFunction(name, [], VmType.None);
        int loop = f.NewLabel();
        f.Mark(loop).Op(Opcode.LoadGlobal, g).PushInt(1).Op(Opcode.AddInt).Op(Opcode.StoreGlobal, g).JumpTo(Opcode.Jump, loop);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        return g;
    }

    [Fact]
    public void Runaway_loops_share_the_board_fairly_within_their_budget()
    {
        var b = new ImageBuilder();
        int a = Counter(b, "a"), c = Counter(b, "c");
        var board = new TestBoard();
        var s = new Scheduler(board.Load(b.Build()), board) { SliceBudget = 200 };
        s.Start(0);
        for (int step = 0; step < 100; step++)
        {
            int ran = s.Step(step, false);
            Assert.True(ran <= 2 * 200, "a step returns after one slice per script");
        }
        int ga = s.Program.GlobalInts[a], gc = s.Program.GlobalInts[c];
        Assert.True(ga > 1000 && gc > 1000);
        Assert.InRange(ga / (double)gc, 0.9, 1.1);
    }

    [Fact]
    public void Wait_yields_and_wakes_on_time()
    {
        var image = Build.Script((b, f) => f.PushInt(1).RecordTop(b).PushInt(250).Op(Opcode.Wait).PushInt(2).RecordTop(b));
        var board = new TestBoard();
        var s = new Scheduler(board.Load(image), board);
        s.Start(0);
        s.Step(0, false);
        Assert.Equal([1], board.Numbers);
        s.Step(249, false);
        Assert.Equal([1], board.Numbers);
        s.Step(250, false);
        Assert.Equal([1, 2], board.Numbers);
    }

    [Fact]
    public void Every_when_message_and_button_triggers()
    {
        var b = new ImageBuilder();
        int rec = Build.Record(b);
        int level = b.AddGlobal("level", VmType.Int);
        FunctionBuilder Recorder(int value) { var f = b.AddFunction("r" + value, [], VmType.None); f.PushInt(value).Op(Opcode.CallPrimitive, rec).Op(Opcode.Return); return f; }
        b.AddScript(TriggerKind.Every, 100, Recorder(1).Index);
        var cond = b.AddFunction("level>5", [], VmType.Bool);
        cond.Op(Opcode.LoadGlobal, level).PushInt(5).Op(Opcode.GtInt).Op(Opcode.ReturnValue);
        b.AddScript(TriggerKind.When, cond.Index, Recorder(2).Index);
        b.AddScript(TriggerKind.OnMessage, b.AddString("ploaie"), Recorder(3).Index);
        b.AddScript(TriggerKind.OnButton, 0, Recorder(4).Index);
        var board = new TestBoard();
        var s = new Scheduler(board.Load(b.Build()), board);
        s.Start(0);
        for (long t = 0; t < 350; t++) s.Step(t, false);
        Assert.Equal([1, 1, 1, 1], board.Numbers); // at 0, 100, 200, 300
        board.Numbers.Clear();

        s.Program.GlobalInts[level] = 9;
        s.Step(400, false);
        s.Step(401, false); // still true: no second start (edge-triggered)
        s.Program.GlobalInts[level] = 0;
        s.Step(402, false);
        s.Program.GlobalInts[level] = 9;
        s.Step(403, false);
        Assert.Equal(2, board.Numbers.Count(n => n == 2));

        board.Numbers.Clear();
        s.Broadcast("ploaie");
        s.Broadcast("soare");
        s.Step(404, true);
        s.Step(405, true); // held: one press
        Assert.Equal([3, 4], board.Numbers.Order());
    }

    [Fact]
    public void Stop_all_stops_every_script_and_a_failure_stops_the_program()
    {
        var b = new ImageBuilder();
        Counter(b, "a");
        var board = new TestBoard();
        var s = new Scheduler(board.Load(b.Build()), board);
        s.Start(0);
        s.Step(0, false);
        s.StopAll();
        Assert.Equal(0, s.Step(1, false));
        Assert.False(s.IsRunning);

        var failing = Build.Script((bb, f) => f.PushInt(1).PushInt(0).Op(Opcode.DivInt).Op(Opcode.Pop));
        var board2 = new TestBoard();
        var s2 = board2.Run(failing);
        Assert.False(s2.IsRunning);
        Assert.Equal(0, board2.FailedScript);
    }

    [Fact]
    public void A_slow_when_condition_is_reported_not_run_forever()
    {
        var b = new ImageBuilder();
        var cond = b.AddFunction("slow", [], VmType.Bool);
        int loop = cond.NewLabel();
        cond.Mark(loop).JumpTo(Opcode.Jump, loop);
        var body = b.AddFunction("body", [], VmType.None);
        body.Op(Opcode.Return);
        b.AddScript(TriggerKind.When, cond.Index, body.Index);
        var board = new TestBoard();
        var s = new Scheduler(board.Load(b.Build()), board);
        s.Start(0);
        s.Step(0, false);
        Assert.Equal(RuntimeError.ConditionTooSlow, board.Failed!.ErrorCode);
    }
}
