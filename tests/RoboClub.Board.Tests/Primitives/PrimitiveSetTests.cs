using RoboClub.Board.Hardware;
using RoboClub.Board.Image;
using RoboClub.Board.Primitives;
using RoboClub.Board.Vm;

namespace RoboClub.Board.Tests.Primitives;

public class PrimitiveSetTests
{
    sealed class FakeMotors : IMotors { public int Left, Right; public void SetPower(int l, int r) { Left = l; Right = r; } }
    sealed class FakeLed : ILed { public (int, int, int) Rgb; public void SetColor(int r, int g, int b) => Rgb = (r, g, b); }
    sealed class FakeDistance(float cm) : IDistanceSensor { public float ReadCentimeters() => cm; }
    sealed class FakeTemperature(float c) : ITemperatureSensor { public float ReadCelsius() => c; }

    sealed class Services : IBoardServices
    {
        public readonly List<string> Printed = new();
        public readonly List<(string, float)> Plotted = new();
        public readonly List<string> Broadcasts = new();
        public long ProgramMilliseconds => 1500;
        public void Print(string text) => Printed.Add(text);
        public void Plot(string series, float value) => Plotted.Add((series, value));
        public void Broadcast(string message) => Broadcasts.Add(message);
        public int Random(int min, int max) => max;
    }

    static (Scheduler, Services) Run(BoardHardware hw, Action<ImageBuilder, FunctionBuilder> body)
    {
        var services = new Services();
        var table = ProgramPrimitives.CreateTable(hw, services);
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        body(b, f);
        f.Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        var s = new Scheduler(LoadedProgram.Load(b.Build(), table), null!);
        s.Start(0);
        s.Step(0, false);
        return (s, services);
    }

    [Fact]
    public void Motors_are_clamped_and_turns_spin_the_wheels_opposite_ways()
    {
        var motors = new FakeMotors();
        var hw = new BoardHardware { Motors = motors };
        Run(hw, (b, f) => f.PushInt(250).Op(Opcode.CallPrimitive, b.AddPrimitive("motors.forward", [VmType.Int], VmType.None)));
        Assert.Equal((100, 100), (motors.Left, motors.Right));
        Run(hw, (b, f) => f.PushInt(40).Op(Opcode.CallPrimitive, b.AddPrimitive("motors.turnLeft", [VmType.Int], VmType.None)));
        Assert.Equal((-40, 40), (motors.Left, motors.Right));
        Run(hw, (b, f) => f.Op(Opcode.CallPrimitive, b.AddPrimitive("motors.stop", [], VmType.None)));
        Assert.Equal((0, 0), (motors.Left, motors.Right));
    }

    [Theory]
    [InlineData("red", 255, 0, 0)]
    [InlineData("roșu", 255, 0, 0)]
    [InlineData(" Verde ", 0, 255, 0)]
    [InlineData("albastru", 0, 0, 255)]
    [InlineData("stins", 0, 0, 0)]
    [InlineData("???", 255, 255, 255)]
    public void Led_colours_by_name_in_english_and_romanian(string name, int r, int g, int bl)
    {
        var led = new FakeLed();
        Run(new BoardHardware { Led = led }, (b, f) => f.PushString(name).Op(Opcode.CallPrimitive, b.AddPrimitive("leds.color", [VmType.String], VmType.None)));
        Assert.Equal((r, g, bl), led.Rgb);
    }

    [Fact]
    public void Sensors_console_plot_broadcast_time_and_math()
    {
        var hw = new BoardHardware { Distance = new FakeDistance(37.5f), Temperature = new FakeTemperature(21.25f) };
        var (_, services) = Run(hw, (b, f) =>
        {
            int print = b.AddPrimitive("console.print", [VmType.String], VmType.None);
            f.Op(Opcode.CallPrimitive, b.AddPrimitive("sensors.distance", [], VmType.Float)).Op(Opcode.FloatToString).Op(Opcode.CallPrimitive, print);
            f.PushString("temperatură").Op(Opcode.CallPrimitive, b.AddPrimitive("weather.temperature", [], VmType.Float)).Op(Opcode.CallPrimitive, b.AddPrimitive("data.plot", [VmType.String, VmType.Float], VmType.None));
            f.PushString("ploaie").Op(Opcode.CallPrimitive, b.AddPrimitive("messages.broadcast", [VmType.String], VmType.None));
            f.Op(Opcode.CallPrimitive, b.AddPrimitive("time.millis", [], VmType.Int)).Op(Opcode.IntToString).Op(Opcode.CallPrimitive, print);
            f.PushFloat(2).Op(Opcode.CallPrimitive, b.AddPrimitive("math.sqrt", [VmType.Float], VmType.Float)).Op(Opcode.FloatToString).Op(Opcode.CallPrimitive, print);
            f.PushInt(1).PushInt(6).Op(Opcode.CallPrimitive, b.AddPrimitive("math.random", [VmType.Int, VmType.Int], VmType.Int)).Op(Opcode.IntToString).Op(Opcode.CallPrimitive, print);
        });
        Assert.Equal(["37.5", "1500", "1.4142135", "6"], services.Printed);
        Assert.Equal([("temperatură", 21.25f)], services.Plotted);
        Assert.Equal(["ploaie"], services.Broadcasts);
    }

    sealed class BrokenSensor : ITemperatureSensor { public float ReadCelsius() => throw new InvalidOperationException("I2C: no answer from 0x76"); }

    [Fact]
    public void A_part_that_throws_is_a_runtime_error_not_a_crash()
    {
        var services = new Services();
        var table = ProgramPrimitives.CreateTable(new BoardHardware { Temperature = new BrokenSensor() }, services);
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        f.Op(Opcode.CallPrimitive, b.AddPrimitive("weather.temperature", [], VmType.Float)).Op(Opcode.Pop).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        var task = new VmTask();
        var program = LoadedProgram.Load(b.Build(), table);
        Interpreter.Start(program, task, 0);
        Interpreter.Run(program, task, 100, 0);
        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(RuntimeError.HardwareFailed, task.ErrorCode);
        Assert.Contains("I2C: no answer", task.ErrorMessage);
    }

    [Theory]
    [InlineData("sensors.distance", "this board has no ultrasonic sensor")]
    [InlineData("weather.humidity", "this board has no humidity sensor")]
    [InlineData("motors.forward", "this board has no motors")]
    [InlineData("leds.color", "this board has no LED")]
    [InlineData("robot.fly", "this board does not know 'robot.fly' (update its firmware?)")]
    public void A_weather_station_says_which_part_it_lacks(string primitive, string message)
    {
        var table = ProgramPrimitives.CreateTable(new BoardHardware(), new Services());
        var b = new ImageBuilder();
        var f = b.AddFunction("main", [], VmType.None);
        f.Op(Opcode.CallPrimitive, b.AddPrimitive(primitive, [], VmType.None)).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        var ex = Assert.Throws<ImageException>(() => LoadedProgram.Load(b.Build(), table));
        Assert.Equal(message, ex.Message);
    }
}
