using RoboClub.Board.Image;
using RoboClub.Board.Tests.Vm;

namespace RoboClub.Board.Tests.Primitives;

/// <summary>list.* and text.* primitives straight from images: results, and runtime errors where C# throws.</summary>
public class ListTextPrimitivesTests
{
    static TestBoard Run(Action<ImageBuilder, FunctionBuilder> body)
    {
        var board = new TestBoard();
        board.Run(Build.Script(body));
        return board;
    }

    [Fact]
    public void Filled_lists_search_and_remove()
    {
        var board = Run((b, f) =>
        {
            int l = f.AddLocal(VmType.ListOfString);
            f.PushInt(3).Op(Opcode.CallPrimitive, b.AddPrimitive("list.filled.string", [VmType.Int], VmType.ListOfString)).Op(Opcode.StoreLocal, l);
            f.Op(Opcode.LoadLocal, l).PushInt(1).PushString("ana").Op(Opcode.ListSet);
            f.Op(Opcode.LoadLocal, l).PushString("ana").Op(Opcode.CallPrimitive, b.AddPrimitive("list.indexOf.string", [VmType.ListOfString, VmType.String], VmType.Int)).RecordTop(b);
            f.Op(Opcode.LoadLocal, l).PushString("").Op(Opcode.CallPrimitive, b.AddPrimitive("list.remove.string", [VmType.ListOfString, VmType.String], VmType.Bool)).Op(Opcode.Pop);
            f.Op(Opcode.LoadLocal, l).Op(Opcode.ListCount).RecordTop(b);
            f.Op(Opcode.LoadLocal, l).PushInt(0).Op(Opcode.ListGet).SayTop(b);
        });
        Assert.Null(board.Failed?.ErrorCode);
        Assert.Equal([1, 2], board.Numbers);
        Assert.Equal(["ana"], board.Said);
    }

    [Theory]
    [InlineData(-1, "Overflow")]
    [InlineData(2001, "ListTooLong")]
    public void Filled_lists_refuse_bad_sizes(int n, string error)
    {
        var board = Run((b, f) => f.PushInt(n).Op(Opcode.CallPrimitive, b.AddPrimitive("list.filled.int", [VmType.Int], VmType.ListOfInt)).Op(Opcode.Pop));
        Assert.Equal(error, board.Failed?.ErrorCode);
    }

    [Fact]
    public void A_list_that_was_never_created_is_an_error_not_a_crash()
    {
        var board = Run((b, f) =>
        {
            int l = f.AddLocal(VmType.ListOfInt);
            f.Op(Opcode.LoadLocal, l).PushInt(1).Op(Opcode.CallPrimitive, b.AddPrimitive("list.indexOf.int", [VmType.ListOfInt, VmType.Int], VmType.Int)).Op(Opcode.Pop);
        });
        Assert.Equal("ListNotCreated", board.Failed?.ErrorCode);
    }

    [Theory]
    [InlineData(Opcode.ListAdd, true)]
    [InlineData(Opcode.ListSet, true)]
    [InlineData(Opcode.ListInsert, true)]
    [InlineData(Opcode.ListRemoveAt, true)]
    [InlineData(Opcode.ListClear, true)]
    [InlineData(Opcode.ListGet, false)]
    [InlineData(Opcode.ListCount, false)]
    public void Every_change_to_a_list_moves_its_version(byte op, bool changes)
    {
        var board = Run((b, f) =>
        {
            int l = f.AddLocal(VmType.ListOfBool), v = f.AddLocal(VmType.Int);
            f.Op(Opcode.NewList, VmType.Bool).Op(Opcode.StoreLocal, l);
            f.Op(Opcode.LoadLocal, l).PushTrue().Op(Opcode.ListAdd);
            f.Op(Opcode.LoadLocal, l).Op(Opcode.CallPrimitive, b.AddPrimitive("list.version.bool", [VmType.ListOfBool], VmType.Int)).Op(Opcode.StoreLocal, v);
            f.Op(Opcode.LoadLocal, l);
            switch (op)
            {
                case Opcode.ListAdd: f.PushFalse().Op(op); break;
                case Opcode.ListSet or Opcode.ListInsert: f.PushInt(0).PushFalse().Op(op); break;
                case Opcode.ListRemoveAt: f.PushInt(0).Op(op); break;
                case Opcode.ListGet: f.PushInt(0).Op(op).Op(Opcode.Pop); break;
                case Opcode.ListCount: f.Op(op).Op(Opcode.Pop); break;
                default: f.Op(op); break;
            }
            f.Op(Opcode.LoadLocal, l).Op(Opcode.LoadLocal, v).Op(Opcode.CallPrimitive, b.AddPrimitive("list.unchanged.bool", [VmType.ListOfBool, VmType.Int], VmType.None));
        });
        Assert.Equal(changes ? "ListChanged" : null, board.Failed?.ErrorCode);
    }

    [Theory]
    [InlineData("abc", 4, "IndexOutOfRange")]
    [InlineData("abc", -1, "IndexOutOfRange")]
    public void Substring_outside_the_text_is_an_error(string text, int start, string error)
    {
        var board = Run((b, f) => f.PushString(text).PushInt(start).Op(Opcode.CallPrimitive, b.AddPrimitive("text.substringFrom", [VmType.String, VmType.Int], VmType.String)).SayTop(b));
        Assert.Equal(error, board.Failed?.ErrorCode);
    }

    [Theory]
    [InlineData("12", 12, null)]
    [InlineData("-2147483648", int.MinValue, null)]
    [InlineData("2147483648", 0, "Overflow")]          // C#: OverflowException
    [InlineData("-2147483649", 0, "Overflow")]
    [InlineData(" 99999999999999999999 ", 0, "Overflow")]
    [InlineData("", 0, "NotANumber")]
    [InlineData("1.5", 0, "NotANumber")]
    [InlineData("-", 0, "NotANumber")]
    public void Parse_int_is_int_parse(string text, int value, string? error)
    {
        var board = Run((b, f) => f.PushString(text).Op(Opcode.CallPrimitive, b.AddPrimitive("text.parseInt", [VmType.String], VmType.Int)).RecordTop(b));
        Assert.Equal(error, board.Failed?.ErrorCode);
        Assert.Equal(error == null ? [value] : [], board.Numbers);
    }

    [Fact]
    public void Replace_with_an_empty_old_text_or_too_long_a_result_is_an_error()
    {
        var empty = Run((b, f) => f.PushString("ab").PushString("").PushString("x").Op(Opcode.CallPrimitive, b.AddPrimitive("text.replace", [VmType.String, VmType.String, VmType.String], VmType.String)).SayTop(b));
        Assert.Equal("BadArgument", empty.Failed?.ErrorCode);
        var big = Run((b, f) => f.PushString(new string('a', 600)).PushString("a").PushString("bb").Op(Opcode.CallPrimitive, b.AddPrimitive("text.replace", [VmType.String, VmType.String, VmType.String], VmType.String)).SayTop(b));
        Assert.Equal("TextTooLong", big.Failed?.ErrorCode);
    }

    [Fact]
    public void A_primitive_with_the_wrong_signature_is_refused_at_load()
    {
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        f.PushInt(1).Op(Opcode.CallPrimitive, b.AddPrimitive("list.filled.int", [VmType.Int], VmType.ListOfFloat)).Op(Opcode.Pop).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        Assert.Throws<ImageException>(() => new TestBoard().Load(b.Build()));
    }
}
