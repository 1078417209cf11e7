using System.Reflection;
using System.Text.RegularExpressions;
using RoboClub.Board.Hardware;
using RoboClub.Board.Primitives;
using RoboClub.Board.Vm;

namespace RoboClub.Compiler.Tests.Codegen;

public class ChildApiTests
{
    /// <summary>A hardware part that does nothing (only its presence matters here).</summary>
    public class NoPart : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? method, object?[]? args)
            => method != null && method.ReturnType.IsValueType && method.ReturnType != typeof(void) ? Activator.CreateInstance(method.ReturnType) : null;
    }

    [Fact]
    public void Every_child_API_member_binds_to_a_real_board_primitive_with_the_same_signature()
    {
        var hw = new BoardHardware();
        foreach (var field in typeof(BoardHardware).GetFields().Where(f => f.FieldType.IsInterface))
            field.SetValue(hw, DispatchProxy.Create(field.FieldType, typeof(NoPart)));
        var table = ProgramPrimitives.CreateTable(hw, new TestBoard());

        var r = Run.Compile("""
            Robot.Forward(1); Robot.Backward(1); Robot.TurnLeft(1); Robot.TurnRight(1); Robot.Stop();
            Robot.Motors(1, 2); Robot.Servo(90);
            double d = Robot.Distance; bool l = Robot.LineLeft, rr = Robot.LineRight, b = Robot.Bumper;
            double w = Weather.Temperature + Weather.Humidity + Weather.Pressure + Weather.Light + Weather.Wind + Weather.Rain;
            Led.Color("red"); Led.Rgb(1, 2, 3); Led.Off();
            Sound.Tone(440, 100); Sound.Stop();
            bool p = Button.Pressed;
            Broadcast("hi"); Plot("x", 1.5); int n = Random(1, 6) + Millis;
            Wait(10);
            Console.WriteLine(Math.Sqrt(Math.Abs(Math.Pow(Math.Sin(1), 2) + Math.Cos(1) + Math.Tan(1) + Math.Atan2(1, 2)
                + Math.Log(2) + Math.Exp(1) + Math.Round(1.5) + Math.Floor(1.5) + Math.Ceiling(1.5))));
            """);
        var program = LoadedProgram.Load(r.Image!, table); // throws if a name or signature does not match

        var declared = Regex.Matches(ChildCompiler.ChildApiSource, @"\[Primitive\(""([^""]+)""\)\]").Select(m => m.Groups[1].Value).ToHashSet();
        var used = program.Image.Primitives.Select(p => p.Name).ToHashSet();
        Assert.Subset(used, declared);
    }
}
