using RoboClub.Compiler.Diagnostics;

namespace RoboClub.Compiler.Tests.Diagnostics;

/// <summary>Whatever the child types, translating the diagnostics must not throw and must give usable text.</summary>
public class RobustnessTests
{
    private const string Program = """
        int speed = 5;
        double t = Temperature();
        for (int i = 0; i < 3; i++)
        {
            if (Distance < 10 && t > 20.5)
            {
                LedOn();
                Wait(speed * 100);
            }
            else
            {
                LedOff();
            }
        }
        switch (speed)
        {
            case 5: Move(speed, -speed); break;
            default: break;
        }
        string name = "robo";
        char c = 'r';
        var m = new Motor();
        m.Speed = speed;
        int Twice(int n) { return n * 2; }
        Wait(Twice(name.Length + c));
        """;

    public static TheoryData<int> Positions() => new(Enumerable.Range(0, Program.Length).Where(i => !char.IsWhiteSpace(Program[i])));

    [Fact]
    public void The_unbroken_program_has_no_diagnostics() =>
        Assert.Empty(ChildProgram.Compile(Program).Translated);

    [Theory]
    [MemberData(nameof(Positions))]
    public void Deleting_any_character_gives_sensible_messages(int position)
    {
        string broken = Program.Remove(position, 1);
        ChildProgram.Result result = ChildProgram.Compile(broken);
        foreach (ChildDiagnostic d in result.Translated)
        {
            Assert.False(string.IsNullOrWhiteSpace(d.MessageEn));
            Assert.False(string.IsNullOrWhiteSpace(d.MessageRo));
            Assert.DoesNotMatch(@"\{[a-z0-9]+\}", d.MessageEn);
            Assert.DoesNotMatch(@"\{[a-z0-9]+\}", d.MessageRo);
            Assert.DoesNotContain("``", d.MessageEn, StringComparison.Ordinal);
            Assert.DoesNotContain("``", d.MessageRo, StringComparison.Ordinal);
            Assert.InRange(d.Start, 0, broken.Length);
            Assert.InRange(d.Start + d.Length, d.Start, broken.Length);
            Assert.True(d.Line >= 1 && d.Column >= 1);
        }
        Assert.Equal(result.Translated.OrderBy(d => d.Start).ToArray(), result.Translated);
        Assert.Equal(result.Translated.Count, result.Translated.Select(d => d.Start).Distinct().Count());
    }
}
