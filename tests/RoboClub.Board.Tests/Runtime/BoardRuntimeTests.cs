using System.Text;
using RoboClub.Board.Hardware;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Board.Tests.Link;
using RoboClub.Board.Tests.Vm;

namespace RoboClub.Board.Tests.Runtime;

/// <summary>The runtime with its hub link over a fake transport: commands, errors and the safety rules.</summary>
public class BoardRuntimeTests
{
    sealed class Motors : IMotors { public int Left, Right; public void SetPower(int l, int r) { Left = l; Right = r; } }
    sealed class MemoryStore : IProgramStore { public byte[]? Image; public byte[]? Load() => Image; public void Save(byte[] image) => Image = image; }

    sealed class Rig
    {
        public readonly FakeClock Clock = new();
        public readonly FakeTransport Transport = new();
        public readonly Motors Motors = new();
        public readonly MemoryStore Store = new();
        public readonly BoardRuntime Runtime;
        public readonly HubLink Link;

        public Rig(bool withMotors = true)
        {
            Runtime = new BoardRuntime(new BoardHardware { Clock = Clock, Motors = withMotors ? Motors : null }, Store, 1);
            var info = new InfoPayload("test", ImageFormat.Version, BoardKind.Robot, "test-bot", Runtime.Primitives.Names, 0);
            Link = new HubLink(Transport, Runtime, Clock, new HubLinkOptions("club1", "bot-1", info));
            Transport.Handler = Link;
            Runtime.AttachLink(Link);
        }

        public void Run(long untilMs, long stepMs = 10)
        {
            while (Clock.Now < untilMs)
            {
                Runtime.Tick(Clock.Now);
                Clock.Now += stepMs;
            }
        }

        public void SendProgram(byte[] image) => Transport.Deliver("roboclub/club1/bot-1/program", image);
        public void Command(string json) => Transport.Deliver("roboclub/club1/bot-1/cmd", json);
    }

    /// <summary>forward(60) then wait forever (a robot driving).</summary>
    static byte[] DriveForever(int speed = 60) => Build.Script((b, f) =>
    {
        f.PushInt(speed).Op(Opcode.CallPrimitive, b.AddPrimitive("motors.forward", [VmType.Int], VmType.None));
        int loop = f.NewLabel();
        f.Mark(loop).PushInt(100).Op(Opcode.Wait).JumpTo(Opcode.Jump, loop);
    });

    [Fact]
    public void A_program_from_the_hub_runs_prints_plots_and_is_kept_for_the_next_boot()
    {
        var rig = new Rig();
        rig.Transport.Up();
        rig.Run(50);
        var image = Build.Script((b, f) =>
        {
            f.PushString("Salut, ș ț ă î â!").Op(Opcode.CallPrimitive, b.AddPrimitive("console.print", [VmType.String], VmType.None));
            f.PushString("temperature").PushFloat(21.5f).Op(Opcode.CallPrimitive, b.AddPrimitive("data.plot", [VmType.String, VmType.Float], VmType.None));
        });
        rig.SendProgram(image);
        rig.Run(2000);
        Assert.Contains(rig.Transport.On("console"), p => p.Text.Contains("Salut, ș ț ă î â!"));
        Assert.Contains(rig.Transport.On("telemetry"), p => p.Text.Contains("\"s\":\"temperature\"") && p.Text.Contains("21.5"));
        Assert.Equal(image, rig.Store.Image);

        var reboot = new Rig();
        reboot.Store.Image = rig.Store.Image;
        reboot.Runtime.Boot(0);
        Assert.True(reboot.Runtime.IsRunning || reboot.Runtime.Scheduler is not null);
    }

    [Fact]
    public void A_refused_program_is_reported_and_the_previous_one_keeps_running()
    {
        var rig = new Rig();
        rig.Transport.Up();
        rig.Run(50);
        rig.SendProgram(DriveForever(60));
        rig.Run(200);
        Assert.Equal(60, rig.Motors.Left);
        var needsSonar = Build.Script((b, f) => f.Op(Opcode.CallPrimitive, b.AddPrimitive("sensors.distance", [], VmType.Float)).Op(Opcode.Pop));
        rig.SendProgram(needsSonar);
        rig.Run(400);
        Assert.Equal("this board has no ultrasonic sensor", rig.Runtime.LastRefusal);
        Assert.True(rig.Runtime.IsRunning);
        Assert.Equal(60, rig.Motors.Left);
    }

    [Fact]
    public void Motors_stop_on_stop_and_on_stop_all()
    {
        var rig = new Rig();
        rig.Transport.Up();
        rig.Run(50);
        rig.SendProgram(DriveForever());
        rig.Run(200);
        Assert.Equal(60, rig.Motors.Right);
        rig.Command("{\"cmd\":\"stop\",\"seq\":1}");
        rig.Run(300);
        Assert.Equal((0, 0), (rig.Motors.Left, rig.Motors.Right));
        rig.Command("{\"cmd\":\"run\",\"seq\":2}");
        rig.Run(400);
        Assert.Equal(60, rig.Motors.Left);
        rig.Transport.Deliver("roboclub/club1/all/cmd", "{\"cmd\":\"stop-all\",\"seq\":3}");
        rig.Run(500);
        Assert.Equal((0, 0), (rig.Motors.Left, rig.Motors.Right));
        Assert.False(rig.Runtime.IsRunning);
    }

    [Fact]
    public void Motors_stop_within_half_a_second_when_a_live_sessions_link_is_lost()
    {
        var rig = new Rig();
        rig.Transport.Up();
        rig.Run(50);
        rig.SendProgram(DriveForever());
        rig.Run(300);
        Assert.Equal(60, rig.Motors.Left);
        long lostAt = rig.Clock.Now;
        rig.Transport.Down();
        while (rig.Motors.Left != 0 && rig.Clock.Now < lostAt + 2000) rig.Run(rig.Clock.Now + 10);
        long stoppedAfter = rig.Clock.Now - lostAt;
        Assert.InRange(stoppedAfter, BoardRuntime.LinkLossStopMs, BoardRuntime.LinkLossStopMs + 50);
    }

    [Fact]
    public void A_board_without_motors_keeps_running_when_the_link_is_lost()
    {
        var rig = new Rig(withMotors: false);
        rig.Transport.Up();
        rig.Run(50);
        rig.SendProgram(Build.Script((b, f) =>
        {
            int loop = f.NewLabel();
            f.Mark(loop).PushString("t").PushFloat(1).Op(Opcode.CallPrimitive, b.AddPrimitive("data.plot", [VmType.String, VmType.Float], VmType.None));
            f.PushInt(100).Op(Opcode.Wait).JumpTo(Opcode.Jump, loop);
        }));
        rig.Run(300);
        rig.Transport.Down();
        rig.Run(3000);
        Assert.True(rig.Runtime.IsRunning, "a weather station measures on through an outage");
    }

    [Fact]
    public void A_stored_program_runs_at_boot_without_the_hub_and_keeps_running_offline()
    {
        var rig = new Rig();
        rig.Store.Image = DriveForever(40);
        rig.Runtime.Boot(0);
        rig.Run(3000); // never connected
        Assert.True(rig.Runtime.IsRunning);
        Assert.Equal(40, rig.Motors.Left);
    }

    [Fact]
    public void A_runtime_error_stops_the_motors_and_tells_the_hub_where()
    {
        var rig = new Rig();
        rig.Transport.Up();
        rig.Run(50);
        rig.SendProgram(Build.Script((b, f) =>
        {
            f.PushInt(80).Op(Opcode.CallPrimitive, b.AddPrimitive("motors.forward", [VmType.Int], VmType.None));
            f.PushInt(200).Op(Opcode.Wait);
            f.PushInt(1).PushInt(0).Op(Opcode.DivInt).Op(Opcode.Pop);
        }));
        rig.Run(150);
        Assert.Equal(80, rig.Motors.Left);
        rig.Run(1500);
        Assert.Equal((0, 0), (rig.Motors.Left, rig.Motors.Right));
        var error = Assert.Single(rig.Transport.On("error"));
        Assert.Contains("\"code\":\"DivideByZero\"", error.Text);
        Assert.Contains("\"script\":0", error.Text);
        Assert.Contains(rig.Transport.On("status"), p => p.Text.Contains("\"state\":\"error\""));
    }

    [Fact]
    public void A_clicked_block_runs_at_once_beside_the_program_and_stop_stops_it()
    {
        var rig = new Rig();
        rig.Transport.Up();
        rig.Run(50);
        var block = Build.Script((b, f) =>
        {
            f.PushInt(30).Op(Opcode.CallPrimitive, b.AddPrimitive("motors.turnLeft", [VmType.Int], VmType.None));
            int loop = f.NewLabel();
            f.Mark(loop).PushInt(100).Op(Opcode.Wait).JumpTo(Opcode.Jump, loop);
        });
        rig.Command("{\"cmd\":\"eval\",\"seq\":11,\"image\":\"" + Convert.ToBase64String(block) + "\"}");
        rig.Run(200);
        Assert.Equal((-30, 30), (rig.Motors.Left, rig.Motors.Right));
        Assert.Contains(rig.Transport.On("ack"), p => p.Text.Contains("\"seq\":11") && p.Text.Contains("\"ok\":true"));
        rig.Command("{\"cmd\":\"stop\",\"seq\":12}");
        rig.Run(400);
        Assert.Equal((0, 0), (rig.Motors.Left, rig.Motors.Right));

        // A clicked block is a live session too: losing the link stops it.
        rig.Command("{\"cmd\":\"eval\",\"seq\":13,\"image\":\"" + Convert.ToBase64String(block) + "\"}");
        rig.Run(600);
        Assert.Equal(-30, rig.Motors.Left);
        rig.Transport.Down();
        rig.Run(1200);
        Assert.Equal((0, 0), (rig.Motors.Left, rig.Motors.Right));
    }

    [Fact]
    public void Set_and_watch_globals_from_the_editor()
    {
        var rig = new Rig();
        rig.Transport.Up();
        rig.Run(50);
        var b = new ImageBuilder();
        int speed = b.AddGlobal("viteza", VmType.Int);
        var f = b.AddFunction("main", [], VmType.None);
        int loop = f.NewLabel();
        f.Mark(loop).Op(Opcode.LoadGlobal, speed).Op(Opcode.CallPrimitive, b.AddPrimitive("motors.forward", [VmType.Int], VmType.None)).PushInt(50).Op(Opcode.Wait).JumpTo(Opcode.Jump, loop);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        rig.SendProgram(b.Build());
        rig.Run(200);
        rig.Command("{\"cmd\":\"set\",\"seq\":7,\"name\":\"viteza\",\"value\":35}");
        rig.Command("{\"cmd\":\"watch\",\"seq\":8,\"on\":true,\"period\":100}");
        rig.Run(600);
        Assert.Equal(35, rig.Motors.Left);
        Assert.Contains(rig.Transport.On("watch"), p => p.Text.Contains("\"values\":[35]"));
    }
}
