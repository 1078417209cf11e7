using RoboClub.Board.Image;

namespace RoboClub.Board.Tests.Vm;

/// <summary>Every class of bad code is rejected with a reason; nothing of it ever runs.</summary>
public class VerifierTests
{
    static void Rejected(Action<ImageBuilder, FunctionBuilder> body, string fragment, bool addReturn = true)
    {
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        body(b, f);
        if (addReturn) f.Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        var image = ImageReader.Read(b.Build());
        var ex = Assert.Throws<ImageException>(() => Verifier.Verify(image));
        Assert.Contains(fragment, ex.Message);
        var board = new TestBoard();
        Assert.Throws<ImageException>(() => board.Load(b.Build()));
    }

    [Fact] public void Stack_underflow() => Rejected((b, f) => f.Op(Opcode.Pop), "empty stack");
    [Fact] public void Wrong_type_for_an_instruction() => Rejected((b, f) => f.PushFloat(1).PushInt(2).Op(Opcode.AddInt).Op(Opcode.Pop), "needs a int but finds a float");
    [Fact] public void Values_left_at_return() => Rejected((b, f) => f.PushInt(1), "left on the stack");
    [Fact] public void Falling_off_the_end() => Rejected((b, f) => f.Op(Opcode.Nop), "runs off the end", addReturn: false);
    [Fact] public void Unknown_opcode() => Rejected((b, f) => f.Op(200), "unknown instruction");
    [Fact] public void Local_out_of_range() => Rejected((b, f) => f.Op(Opcode.LoadLocal, 3).Op(Opcode.Pop), "no local");
    [Fact] public void Global_out_of_range() => Rejected((b, f) => f.Op(Opcode.LoadGlobal, 9).Op(Opcode.Pop), "no variable");
    [Fact] public void String_out_of_range() => Rejected((b, f) => f.Op(Opcode.PushString, 9).Op(Opcode.Pop), "no string");
    [Fact] public void Function_out_of_range() => Rejected((b, f) => f.Op(Opcode.Call, 9), "no function");
    [Fact] public void Primitive_out_of_range() => Rejected((b, f) => f.Op(Opcode.CallPrimitive, 9), "no board function");
    [Fact] public void Wrong_element_type_into_a_list() => Rejected((b, f) => f.Op(Opcode.NewList, VmType.Int).PushString("x").Op(Opcode.ListAdd), "puts a string into a list of int");

    [Fact]
    public void Jump_outside_the_function_or_into_an_instruction()
    {
        Rejected((b, f) => f.Op(Opcode.Jump, 100), "is not an instruction of this function");
        Rejected((b, f) => f.Op(Opcode.Jump, 1).PushInt(7).Op(Opcode.Pop), "is not an instruction of this function");
    }

    [Fact]
    public void Paths_that_meet_with_different_stacks()
    {
        Rejected((b, f) =>
        {
            int skip = f.NewLabel();
            f.PushInt(0).PushTrue().JumpTo(Opcode.JumpIfTrue, skip).PushInt(1).Mark(skip).Op(Opcode.Pop);
        }, "different stack depths");
        Rejected((b, f) =>
        {
            int skip = f.NewLabel(), end = f.NewLabel();
            f.PushTrue().JumpTo(Opcode.JumpIfTrue, skip).PushInt(1).JumpTo(Opcode.Jump, end).Mark(skip).PushFloat(1).Mark(end).Op(Opcode.Pop);
        }, "different value types");
    }

    [Fact]
    public void A_stack_deeper_than_the_limit()
    {
        Rejected((b, f) => { for (int i = 0; i <= ImageFormat.MaxStack; i++) f.PushInt(i); }, "deeper than");
    }

    [Fact]
    public void Scripts_and_triggers_are_checked()
    {
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        f.Op(Opcode.Return);
        var cond = b.AddFunction("cond", [], VmType.Int); // not a bool
        cond.PushInt(1).Op(Opcode.ReturnValue);
        b.AddScript(TriggerKind.When, cond.Index, f.Index);
        var ex = Assert.Throws<ImageException>(() => Verifier.Verify(ImageReader.Read(b.Build())));
        Assert.Contains("returns a bool", ex.Message);

        var b2 = new ImageBuilder();
        var g = b2.AddFunction("main", [], VmType.None);
        g.Op(Opcode.Return);
        b2.AddScript(TriggerKind.Every, 1, g.Index);
        Assert.Contains("at least", Assert.Throws<ImageException>(() => Verifier.Verify(ImageReader.Read(b2.Build()))).Message);
    }

    [Fact]
    public void A_missing_part_is_named_in_plain_words()
    {
        var image = Build.Script((b, f) => f.Op(Opcode.CallPrimitive, b.AddPrimitive("sensors.distance", [], VmType.Float)).Op(Opcode.Pop));
        var ex = Assert.Throws<ImageException>(() => new TestBoard().Load(image));
        Assert.Equal(ImageException.MissingPrimitive, ex.Code);
        Assert.Equal("this board has no ultrasonic sensor", ex.Message);
    }
}
