using RoboClub.Board.Image;
using RoboClub.Board.Tests.Vm;
using RoboClub.Board.Vm;
using Xunit.Abstractions;

namespace RoboClub.Board.Tests.Fuzz;

/// <summary>
/// Random and mutated images into the loader, verifier and interpreter. Only ImageException may come
/// out of loading; a program the verifier accepts must run without the interpreter ever throwing
/// (an exception there would be a hole in the verifier). Count: ROBOCLUB_FUZZ_ITERATIONS (default
/// 100,000 for ./test.sh; the long setting is 1,000,000+), seed: ROBOCLUB_FUZZ_SEED.
/// </summary>
public class ImageFuzzTests(ITestOutputHelper output)
{
    static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("ROBOCLUB_FUZZ_ITERATIONS"), out int n) ? n / 2 : 100_000;
    static int Seed => int.TryParse(Environment.GetEnvironmentVariable("ROBOCLUB_FUZZ_SEED"), out int s) ? s : 3;

    static List<byte[]> Corpus()
    {
        var list = new List<byte[]> { Fib.Image(10) };
        list.Add(Build.Script((b, f) =>
        {
            int l = f.AddLocal(VmType.ListOfInt);
            int i = f.AddLocal(VmType.Int);
            int loop = f.NewLabel(), done = f.NewLabel();
            f.Op(Opcode.NewList, VmType.Int).Op(Opcode.StoreLocal, l);
            f.Mark(loop).Op(Opcode.LoadLocal, i).PushInt(20).Op(Opcode.LtInt).JumpTo(Opcode.JumpIfFalse, done);
            f.Op(Opcode.LoadLocal, l).Op(Opcode.LoadLocal, i).Op(Opcode.ListAdd);
            f.Op(Opcode.LoadLocal, i).PushInt(1).Op(Opcode.AddInt).Op(Opcode.StoreLocal, i).JumpTo(Opcode.Jump, loop);
            f.Mark(done).Op(Opcode.LoadLocal, l).PushInt(3).Op(Opcode.ListGet).Op(Opcode.IntToString).PushString("!").Op(Opcode.Concat).SayTop(b);
            f.PushFloat(2.5f).PushFloat(4f).Op(Opcode.MulFloat).Op(Opcode.FloatToInt).PushInt(3).Op(Opcode.DivInt).RecordTop(b);
            f.PushInt(5).Op(Opcode.Wait);
        }));
        // list.* and text.* primitives, as the compiler uses them for arrays, foreach and string methods.
        list.Add(Build.Script((b, f) =>
        {
            int l = f.AddLocal(VmType.ListOfFloat);
            f.PushInt(5).Op(Opcode.CallPrimitive, b.AddPrimitive("list.filled.float", [VmType.Int], VmType.ListOfFloat)).Op(Opcode.StoreLocal, l);
            f.Op(Opcode.LoadLocal, l).PushInt(2).PushFloat(1.5f).Op(Opcode.ListSet);
            f.Op(Opcode.LoadLocal, l).PushFloat(1.5f).Op(Opcode.CallPrimitive, b.AddPrimitive("list.indexOf.float", [VmType.ListOfFloat, VmType.Float], VmType.Int)).RecordTop(b);
            f.Op(Opcode.LoadLocal, l).PushFloat(0).Op(Opcode.CallPrimitive, b.AddPrimitive("list.remove.float", [VmType.ListOfFloat, VmType.Float], VmType.Bool)).Op(Opcode.Pop);
            f.Op(Opcode.LoadLocal, l).Op(Opcode.LoadLocal, l).Op(Opcode.CallPrimitive, b.AddPrimitive("list.version.float", [VmType.ListOfFloat], VmType.Int))
                .Op(Opcode.CallPrimitive, b.AddPrimitive("list.unchanged.float", [VmType.ListOfFloat, VmType.Int], VmType.None));
            f.PushString("robot").PushInt(1).PushInt(3).Op(Opcode.CallPrimitive, b.AddPrimitive("text.substring", [VmType.String, VmType.Int, VmType.Int], VmType.String)).SayTop(b);
            f.PushFloat(2.345f).PushString("F2").Op(Opcode.CallPrimitive, b.AddPrimitive("text.formatFloat", [VmType.Float, VmType.String], VmType.String))
                .PushInt(-8).Op(Opcode.CallPrimitive, b.AddPrimitive("text.pad", [VmType.String, VmType.Int], VmType.String)).SayTop(b);
            f.PushString(" 12 ").Op(Opcode.CallPrimitive, b.AddPrimitive("text.parseInt", [VmType.String], VmType.Int)).RecordTop(b);
            f.PushString("abcabc").PushString("b").PushString("XY").Op(Opcode.CallPrimitive, b.AddPrimitive("text.replace", [VmType.String, VmType.String, VmType.String], VmType.String)).SayTop(b);
        }));
        var b2 = new ImageBuilder();
        int g = b2.AddGlobal("level", VmType.Float);
        var cond = b2.AddFunction("c", [], VmType.Bool);
        cond.Op(Opcode.LoadGlobal, g).PushFloat(1).Op(Opcode.GtFloat).Op(Opcode.ReturnValue);
        var body = b2.AddFunction("b", [], VmType.None);
        body.Op(Opcode.LoadGlobal, g).PushFloat(0.5f).Op(Opcode.AddFloat).Op(Opcode.StoreGlobal, g).Op(Opcode.Yield).Op(Opcode.Return);
        b2.AddScript(TriggerKind.Every, 10, body.Index);
        b2.AddScript(TriggerKind.When, cond.Index, body.Index);
        b2.AddScript(TriggerKind.OnMessage, b2.AddString("x"), body.Index);
        list.Add(b2.Build());
        return list;
    }

    static byte[] Mutate(byte[] valid, Random rnd)
    {
        var b = (byte[])valid.Clone();
        int n = 1 + rnd.Next(4);
        for (int k = 0; k < n; k++)
        {
            switch (rnd.Next(6))
            {
                case 0: b[rnd.Next(b.Length)] ^= (byte)(1 << rnd.Next(8)); break;
                case 1: b[rnd.Next(b.Length)] = (byte)rnd.Next(256); break;
                case 2: { int at = 12 + rnd.Next(b.Length - 16); b[at] = (byte)rnd.Next(Opcode.Count + 3); break; } // plausible opcodes
                case 3: return b[..rnd.Next(1, b.Length)];
                case 4: { var x = new byte[rnd.Next(1, 16)]; rnd.NextBytes(x); b = [.. b[..^4], .. x, .. b[^4..]]; break; }
                default: { int at = 12 + rnd.Next(b.Length - 16); b[at] = (byte)(b[at] + rnd.Next(-2, 3)); break; } // off-by-one indexes
            }
        }
        // Most of the time fix length and checksum, so mutations reach the verifier.
        if (rnd.Next(10) != 0 && b.Length >= 16)
        {
            BitConverter.GetBytes(b.Length).CopyTo(b, 8);
            BitConverter.GetBytes(Crc32.Compute(b, 0, b.Length - 4)).CopyTo(b, b.Length - 4);
        }
        return b;
    }

    [Fact]
    public void Mutated_images_are_refused_or_run_safely()
    {
        var corpus = Corpus();
        var rnd = new Random(Seed);
        var board = new TestBoard();
        int accepted = 0, refused = 0, ran = 0;
        long instructions = 0;
        var started = DateTime.UtcNow;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] image = rnd.Next(20) == 0 ? RandomBytes(rnd) : Mutate(corpus[rnd.Next(corpus.Count)], rnd);
            LoadedProgram program;
            try
            {
                program = board.Load(image);
            }
            catch (ImageException)
            {
                refused++;
                continue;
            }
            catch (Exception ex)
            {
                Assert.Fail($"loading threw {ex.GetType().Name}: {ex.Message} (seed {Seed}, iteration {i}, image {Convert.ToHexString(image)})");
                return;
            }
            accepted++;
            try
            {
                var s = new Scheduler(program, board);
                s.Start(0);
                s.Broadcast("x");
                for (int step = 0; step < 20 && s.IsRunning; step++) instructions += s.Step(step * 5, step % 3 == 0);
                ran++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"a verified program made the interpreter throw {ex.GetType().Name}: {ex.Message} (seed {Seed}, iteration {i}, image {Convert.ToHexString(image)})");
            }
        }
        output.WriteLine($"image fuzz: {Iterations:N0} images, {refused:N0} refused, {accepted:N0} accepted and run ({instructions:N0} instructions), {(DateTime.UtcNow - started).TotalSeconds:F1} s");
        Assert.True(refused > Iterations / 2, "most mutations must be refused");
        Assert.True(accepted > 100, "some mutations must survive verification, or the interpreter is not exercised");
    }

    [Fact]
    public void Random_code_in_a_valid_frame_is_refused_or_runs_safely()
    {
        // Structure-aware: a well-formed image whose function body is random bytes.
        var rnd = new Random(Seed + 1);
        var board = new TestBoard();
        int accepted = 0;
        for (int i = 0; i < Iterations; i++)
        {
            var b = new ImageBuilder();
            b.AddGlobal("g", (byte)(1 + rnd.Next(8)));
            b.AddString("s");
            Build.Say(b);
            var f = b.AddFunction("main", [], VmType.None);
            f.AddLocal((byte)(1 + rnd.Next(8)));
            int len = 1 + rnd.Next(24);
            for (int k = 0; k < len; k++) f.Op((byte)rnd.Next(Opcode.Count));
            f.Op(Opcode.Return);
            b.AddScript(TriggerKind.OnStart, 0, f.Index);
            byte[] image = b.Build();
            LoadedProgram program;
            try { program = board.Load(image); }
            catch (ImageException) { continue; }
            accepted++;
            try
            {
                var s = new Scheduler(program, board);
                s.Start(0);
                for (int step = 0; step < 5 && s.IsRunning; step++) s.Step(step, false);
            }
            catch (Exception ex)
            {
                Assert.Fail($"a verified program made the interpreter throw {ex.GetType().Name}: {ex.Message} (image {Convert.ToHexString(image)})");
            }
        }
        output.WriteLine($"random code: {Iterations:N0} functions, {accepted:N0} accepted and run");
        Assert.True(accepted > 0);
    }

    static byte[] RandomBytes(Random rnd)
    {
        var b = new byte[rnd.Next(1, 200)];
        rnd.NextBytes(b);
        if (rnd.Next(2) == 0 && b.Length > 4) ImageFormat.Magic.CopyTo(b, 0);
        return b;
    }
}
