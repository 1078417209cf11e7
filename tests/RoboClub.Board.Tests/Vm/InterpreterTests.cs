using RoboClub.Board.Image;
using RoboClub.Board.Vm;

namespace RoboClub.Board.Tests.Vm;

public class InterpreterTests
{
    static List<int> RunInts(Action<ImageBuilder, FunctionBuilder> body)
    {
        var board = new TestBoard();
        board.Run(Build.Script(body));
        Assert.Null(board.Failed);
        return board.Numbers;
    }

    static List<string> RunSay(Action<ImageBuilder, FunctionBuilder> body)
    {
        var board = new TestBoard();
        board.Run(Build.Script(body));
        Assert.Null(board.Failed);
        return board.Said;
    }

    static VmTask RunFailing(Action<ImageBuilder, FunctionBuilder> body)
    {
        var board = new TestBoard();
        board.Run(Build.Script(body));
        Assert.NotNull(board.Failed);
        return board.Failed!;
    }

    [Theory]
    [InlineData(Opcode.AddInt, 7, 3, 10)]
    [InlineData(Opcode.SubInt, 7, 3, 4)]
    [InlineData(Opcode.MulInt, 7, 3, 21)]
    [InlineData(Opcode.DivInt, 7, 3, 2)]
    [InlineData(Opcode.DivInt, -7, 3, -2)]   // C# truncates toward zero
    [InlineData(Opcode.ModInt, -7, 3, -1)]   // C#: sign of the dividend
    [InlineData(Opcode.AddInt, int.MaxValue, 1, int.MinValue)] // wraps, as unchecked C#
    [InlineData(Opcode.AndInt, 12, 10, 8)]
    [InlineData(Opcode.OrInt, 12, 10, 14)]
    [InlineData(Opcode.XorInt, 12, 10, 6)]
    [InlineData(Opcode.ShlInt, 1, 33, 2)]    // C# masks the shift count to 5 bits
    [InlineData(Opcode.ShrInt, -8, 1, -4)]
    [InlineData(Opcode.LtInt, 2, 3, 1)]
    [InlineData(Opcode.GeInt, 2, 3, 0)]
    [InlineData(Opcode.EqInt, 3, 3, 1)]
    [InlineData(Opcode.NeInt, 3, 3, 0)]
    public void Int_instructions_follow_csharp(byte op, int a, int b, int expected)
    {
        var got = RunInts((bb, f) =>
        {
            f.PushInt(a).PushInt(b).Op(op);
            if (op >= Opcode.EqInt && op <= Opcode.GeInt)
            {
                int t = f.NewLabel(), end = f.NewLabel();
                f.JumpTo(Opcode.JumpIfTrue, t).PushInt(0).JumpTo(Opcode.Jump, end).Mark(t).PushInt(1).Mark(end);
            }
            f.RecordTop(bb);
        });
        Assert.Equal([expected], got);
    }

    [Theory]
    [InlineData(Opcode.AddFloat, 1.5f, 2.25f, "3.75")]
    [InlineData(Opcode.SubFloat, 1.5f, 2.25f, "-0.75")]
    [InlineData(Opcode.MulFloat, 1.5f, 2f, "3")]
    [InlineData(Opcode.DivFloat, 1f, 3f, "0.33333334")] // as .NET prints 1f / 3
    [InlineData(Opcode.DivFloat, 1f, 0f, "Infinity")]
    [InlineData(Opcode.ModFloat, 7.5f, 2f, "1.5")]
    public void Float_instructions_and_text(byte op, float a, float b, string expected)
    {
        Assert.Equal([expected], RunSay((bb, f) => f.PushFloat(a).PushFloat(b).Op(op).Op(Opcode.FloatToString).SayTop(bb)));
    }

    [Fact]
    public void Conversions_text_and_string_compare()
    {
        var said = RunSay((b, f) =>
        {
            f.PushInt(-42).Op(Opcode.IntToString).SayTop(b);
            f.PushFloat(21.5f).Op(Opcode.FloatToInt).Op(Opcode.IntToString).SayTop(b);
            f.PushInt(3).Op(Opcode.IntToFloat).PushFloat(0.5f).Op(Opcode.AddFloat).Op(Opcode.FloatToString).SayTop(b);
            f.PushString("temperatură: ").PushFloat(-3.25f).Op(Opcode.FloatToString).Op(Opcode.Concat).SayTop(b);
            f.PushString("a").PushString("a").Op(Opcode.EqString).Op(Opcode.BoolToString).SayTop(b);
            f.PushTrue().Op(Opcode.Not).Op(Opcode.BoolToString).SayTop(b);
            f.PushString("ploaie").Op(Opcode.StringLength).Op(Opcode.IntToString).SayTop(b);
        });
        Assert.Equal(["-42", "21", "3.5", "temperatură: -3.25", "True", "False", "6"], said);
    }

    [Fact]
    public void Locals_globals_loops_and_functions()
    {
        // sum = 0; for (i = 1; i <= 100; i++) sum += i; record(sum); record(square(12));
        var b = new ImageBuilder();
        int g = b.AddGlobal("sum", VmType.Int);
        var square = b.AddFunction("square", [VmType.Int], VmType.Int);
        square.Op(Opcode.LoadLocal, 0).Op(Opcode.LoadLocal, 0).Op(Opcode.MulInt).Op(Opcode.ReturnValue);
        var main = b.AddFunction("main", [], VmType.None);
        int i = main.AddLocal(VmType.Int);
        int loop = main.NewLabel(), done = main.NewLabel();
        main.PushInt(1).Op(Opcode.StoreLocal, i);
        main.Mark(loop).Op(Opcode.LoadLocal, i).PushInt(100).Op(Opcode.LeInt).JumpTo(Opcode.JumpIfFalse, done);
        main.Op(Opcode.LoadGlobal, g).Op(Opcode.LoadLocal, i).Op(Opcode.AddInt).Op(Opcode.StoreGlobal, g);
        main.Op(Opcode.LoadLocal, i).PushInt(1).Op(Opcode.AddInt).Op(Opcode.StoreLocal, i).JumpTo(Opcode.Jump, loop);
        main.Mark(done).Op(Opcode.LoadGlobal, g).RecordTop(b);
        main.PushInt(12).Op(Opcode.Call, square.Index).RecordTop(b).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, main.Index);
        var board = new TestBoard();
        board.Run(b.Build());
        Assert.Equal([5050, 144], board.Numbers);
    }

    [Fact]
    public void Recursion_works_and_is_bounded()
    {
        Assert.Equal([6765], Fib.Run(20));
        var board = new TestBoard();
        board.Run(Fib.Image(1000, infinite: true));
        Assert.Equal(RuntimeError.StackOverflow, board.Failed!.ErrorCode);
    }

    [Fact]
    public void Lists_of_every_kind()
    {
        var said = RunSay((b, f) =>
        {
            int l = f.AddLocal(VmType.ListOfString);
            f.Op(Opcode.NewList, VmType.String).Op(Opcode.StoreLocal, l);
            f.Op(Opcode.LoadLocal, l).PushString("luni").Op(Opcode.ListAdd);
            f.Op(Opcode.LoadLocal, l).PushString("marți").Op(Opcode.ListAdd);
            f.Op(Opcode.LoadLocal, l).PushInt(0).PushString("duminică").Op(Opcode.ListInsert);
            f.Op(Opcode.LoadLocal, l).PushInt(2).PushString("miercuri").Op(Opcode.ListSet);
            f.Op(Opcode.LoadLocal, l).PushInt(1).Op(Opcode.ListRemoveAt);
            f.Op(Opcode.LoadLocal, l).PushInt(0).Op(Opcode.ListGet).PushString(",").Op(Opcode.Concat)
             .Op(Opcode.LoadLocal, l).PushInt(1).Op(Opcode.ListGet).Op(Opcode.Concat).SayTop(b);
            f.Op(Opcode.LoadLocal, l).Op(Opcode.ListCount).Op(Opcode.IntToString).SayTop(b);
            int nums = f.AddLocal(VmType.ListOfFloat);
            f.Op(Opcode.NewList, VmType.Float).Op(Opcode.StoreLocal, nums);
            for (int k = 0; k < 10; k++) f.Op(Opcode.LoadLocal, nums).PushFloat(k * 0.5f).Op(Opcode.ListAdd);
            f.Op(Opcode.LoadLocal, nums).PushInt(9).Op(Opcode.ListGet).Op(Opcode.FloatToString).SayTop(b);
            f.Op(Opcode.LoadLocal, nums).Op(Opcode.ListClear).Op(Opcode.LoadLocal, nums).Op(Opcode.ListCount).Op(Opcode.IntToString).SayTop(b);
        });
        Assert.Equal(["duminică,miercuri", "2", "4.5", "0"], said);
    }

    [Theory]
    [InlineData("div0")]
    [InlineData("minvalue")]
    [InlineData("index")]
    [InlineData("nolist")]
    public void Runtime_errors_name_the_problem_and_the_place(string what)
    {
        var task = RunFailing((b, f) =>
        {
            f.Op(Opcode.Nop);
            switch (what)
            {
                case "div0": f.PushInt(1).PushInt(0).Op(Opcode.DivInt).Op(Opcode.Pop); break;
                case "minvalue": f.PushInt(int.MinValue).PushInt(-1).Op(Opcode.ModInt).Op(Opcode.Pop); break;
                case "index": f.Op(Opcode.NewList, VmType.Int).PushInt(0).Op(Opcode.ListGet).Op(Opcode.Pop); break;
                case "nolist":
                    int l = f.AddLocal(VmType.ListOfInt);
                    f.Op(Opcode.LoadLocal, l).Op(Opcode.ListCount).Op(Opcode.Pop);
                    break;
            }
        });
        string expected = what switch
        {
            "div0" => RuntimeError.DivideByZero,
            "minvalue" => RuntimeError.Overflow,
            "index" => RuntimeError.IndexOutOfRange,
            _ => RuntimeError.ListNotCreated,
        };
        Assert.Equal(expected, task.ErrorCode);
        Assert.True(task.ErrorOffset > 0, "offset points at the failing instruction, after the Nop");
    }

    [Fact]
    public void Executing_instructions_allocates_nothing()
    {
        var program = new TestBoard().Load(Fib.Image(25));
        var task = new VmTask();
        Interpreter.Start(program, task, program.Image.Scripts[0].Function);
        Interpreter.Run(program, task, 1000, 0); // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        long executed = 0;
        while (task.State == TaskState.Ready) executed += Interpreter.Run(program, task, 100_000, 0);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(executed > 1_000_000, $"{executed} instructions");
        Assert.True(allocated < 200, $"{allocated} bytes for {executed:N0} instructions"); // only the recorded result
    }
}

/// <summary>fib(n) recursively: the call-heavy program of the tests and benchmark.</summary>
static class Fib
{
    public static byte[] Image(int n, bool infinite = false)
    {
        var b = new ImageBuilder();
        var fib = b.AddFunction("fib", [VmType.Int], VmType.Int);
        int recurse = fib.NewLabel();
        if (!infinite)
        {
            fib.Op(Opcode.LoadLocal, 0).PushInt(2).Op(Opcode.LtInt).JumpTo(Opcode.JumpIfFalse, recurse);
            fib.Op(Opcode.LoadLocal, 0).Op(Opcode.ReturnValue);
        }
        fib.Mark(recurse);
        fib.Op(Opcode.LoadLocal, 0).PushInt(1).Op(Opcode.SubInt).Op(Opcode.Call, fib.Index);
        fib.Op(Opcode.LoadLocal, 0).PushInt(2).Op(Opcode.SubInt).Op(Opcode.Call, fib.Index);
        fib.Op(Opcode.AddInt).Op(Opcode.ReturnValue);
        var main = b.AddFunction("main", [], VmType.None);
        main.PushInt(n).Op(Opcode.Call, fib.Index).RecordTop(b).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, main.Index);
        return b.Build();
    }

    public static List<int> Run(int n)
    {
        var board = new TestBoard();
        board.Run(Image(n), maxSteps: 1_000_000);
        return board.Numbers;
    }
}
