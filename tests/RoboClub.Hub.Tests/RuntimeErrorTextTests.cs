using System.Reflection;
using RoboClub.Board.Vm;

namespace RoboClub.Hub.Tests;

public class RuntimeErrorTextTests
{
    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var f in typeof(RuntimeError).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            data.Add((string)f.GetRawConstantValue()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_runtime_error_the_board_can_raise_is_explained_in_both_languages(string code)
    {
        string en = RuntimeErrorText.For(code, "en");
        string ro = RuntimeErrorText.For(code, "ro");
        Assert.NotEqual(code, en);
        Assert.NotEqual(code, ro);
        Assert.NotEqual(en, ro);
    }
}
