namespace RoboClub.Compiler.Tests.Codegen;

public class ScriptTests
{
    [Fact]
    public void Robot_calls_become_primitive_calls()
    {
        var board = Run.Board("""
            Robot.Forward(50);
            Wait(100);
            Robot.Motors(20, -20);
            if (Robot.Distance < 50) Robot.Stop(); else Robot.TurnLeft(30);
            Led.Color("roșu");
            Plot("temp", Weather.Temperature);
            Plot("n", 3);
            Console.WriteLine(Weather.Temperature);
            """);
        Assert.Equal(["motors.forward(50)", "motors.power(20,-20)", "motors.turnLeft(30)", "leds.color(roșu)"], board.Calls);
        Assert.Equal([("temp", 21.5f), ("n", 3f)], board.Plots);
        Assert.Equal(["21.5"], board.Printed);
        Assert.True(board.Now >= 100); // Wait(100) waited
    }

    [Fact]
    public void Every_runs_periodically()
    {
        var board = Run.Board("""
            int ticks = 0;
            Every(100, () =>
            {
                ticks++;
                Console.WriteLine("tick " + ticks);
            });
            """, ms: 350);
        Assert.Equal(["tick 1", "tick 2", "tick 3", "tick 4"], board.Printed);
    }

    [Fact]
    public void When_fires_on_the_condition_edge()
    {
        var board = Run.Board("""
            When(() => Robot.Distance < 20, () => { Robot.Stop(); Console.WriteLine("close"); });
            Robot.Forward(40);
            """, ms: 100, each: b => b.Distance = b.Now >= 30 && b.Now < 60 ? 10 : 100);
        Assert.Equal(["close"], board.Printed);
        Assert.Equal(["motors.forward(40)", "motors.stop()"], board.Calls);
    }

    [Fact]
    public void Messages_and_the_button_start_scripts()
    {
        var board = Run.Board("""
            void Hello() { Console.WriteLine("hello"); Broadcast("pong"); }
            OnMessage("ping", Hello);
            OnMessage("pong", () => Console.WriteLine("pong!"));
            OnButton(() => Broadcast("ping"));
            """, ms: 50, each: b => b.Button = b.Now == 10);
        Assert.Equal(["hello", "pong!"], board.Printed);
        Assert.Equal(["ping", "pong"], board.Broadcasts);
    }

    [Fact]
    public void Millis_reads_the_program_clock()
    {
        var p = Run.Print("Wait(20); Console.WriteLine(Millis >= 20);");
        Assert.Equal(["True"], p);
    }
}
