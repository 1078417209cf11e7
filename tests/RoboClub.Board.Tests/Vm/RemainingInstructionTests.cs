using RoboClub.Board.Image;
using RoboClub.Board.Vm;

namespace RoboClub.Board.Tests.Vm;

/// <summary>The instructions the other tests do not reach directly.</summary>
public class RemainingInstructionTests
{
    static List<string> Say(Action<ImageBuilder, FunctionBuilder> body)
    {
        var board = new TestBoard();
        board.Run(Build.Script(body));
        Assert.Null(board.Failed);
        return board.Said;
    }

    [Fact]
    public void Stack_and_unary_instructions()
    {
        var said = Say((b, f) =>
        {
            f.Op(Opcode.Nop);
            f.PushInt(5).Op(Opcode.Dup).Op(Opcode.MulInt).Op(Opcode.IntToString).SayTop(b);             // 25
            f.PushString("a").PushString("b").Op(Opcode.Swap).Op(Opcode.Concat).SayTop(b);                // "ba"
            f.PushInt(7).Op(Opcode.NegInt).Op(Opcode.IntToString).SayTop(b);                            // -7
            f.PushInt(0).Op(Opcode.BitNotInt).Op(Opcode.IntToString).SayTop(b);                         // -1
            f.PushFloat(2.5f).Op(Opcode.NegFloat).Op(Opcode.FloatToString).SayTop(b);                    // -2.5
            f.PushString("x").PushString("y").Op(Opcode.NeString).Op(Opcode.BoolToString).SayTop(b);    // True
            f.PushFloat(1).PushFloat(2).Op(Opcode.LeFloat).Op(Opcode.BoolToString).SayTop(b);            // True
            f.PushTrue().PushFalse().Op(Opcode.AndInt).Op(Opcode.BoolToString).SayTop(b);                // False
            f.PushTrue().PushTrue().Op(Opcode.EqInt).Op(Opcode.BoolToString).SayTop(b);                  // True (bool == bool)
        });
        Assert.Equal(["25", "ba", "-7", "-1", "-2.5", "True", "True", "False", "True"], said);
    }

    [Fact]
    public void Float_string_and_list_globals_keep_their_values_between_scripts()
    {
        var b = new ImageBuilder();
        int gf = b.AddGlobal("level", VmType.Float), gs = b.AddGlobal("name", VmType.String), gl = b.AddGlobal("log", VmType.ListOfInt);
        int say = Build.Say(b);
        var first = b.AddFunction("first", [], VmType.None);
        first.PushFloat(1.25f).Op(Opcode.StoreGlobal, gf).PushString("Ana").Op(Opcode.StoreGlobal, gs);
        first.Op(Opcode.LoadGlobal, gl).PushInt(42).Op(Opcode.ListAdd).Op(Opcode.Return);
        var second = b.AddFunction("second", [], VmType.None);
        second.PushInt(10).Op(Opcode.Wait);
        second.Op(Opcode.LoadGlobal, gs).PushString(" ").Op(Opcode.Concat).Op(Opcode.LoadGlobal, gf).Op(Opcode.FloatToString).Op(Opcode.Concat)
              .PushString(" ").Op(Opcode.Concat).Op(Opcode.LoadGlobal, gl).PushInt(0).Op(Opcode.ListGet).Op(Opcode.IntToString).Op(Opcode.Concat)
              .Op(Opcode.CallPrimitive, say).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, first.Index);
        b.AddScript(TriggerKind.OnStart, 0, second.Index);
        var board = new TestBoard();
        board.Run(b.Build());
        Assert.Equal(["Ana 1.25 42"], board.Said);
    }

    [Fact]
    public void Yield_lets_the_other_scripts_run_and_halt_ends_a_script_from_inside_a_call()
    {
        var b = new ImageBuilder();
        int rec = Build.Record(b);
        var stopper = b.AddFunction("stopper", [], VmType.None);
        stopper.PushInt(2).Op(Opcode.CallPrimitive, rec).Op(Opcode.Halt);
        var a = b.AddFunction("a", [], VmType.None);
        a.PushInt(1).Op(Opcode.CallPrimitive, rec).Op(Opcode.Yield).Op(Opcode.Call, stopper.Index).PushInt(99).Op(Opcode.CallPrimitive, rec).Op(Opcode.Return);
        var c = b.AddFunction("c", [], VmType.None);
        c.PushInt(3).Op(Opcode.CallPrimitive, rec).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, a.Index);
        b.AddScript(TriggerKind.OnStart, 0, c.Index);
        var board = new TestBoard();
        var s = new Scheduler(board.Load(b.Build()), board);
        s.Start(0);
        s.Step(0, false);
        Assert.Equal([1, 3], board.Numbers); // a yielded, c ran in the same round
        s.Step(1, false);
        Assert.Equal([1, 3, 2], board.Numbers); // halt inside a call ended script a: 99 never recorded
        Assert.Equal(TaskState.Done, s.TaskOf(0).State);
    }
}
