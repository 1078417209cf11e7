using System.Diagnostics;
using RoboClub.Board.Image;
using RoboClub.Board.Primitives;
using RoboClub.Board.Vm;

namespace RoboClub.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/RoboClub.Benchmarks -- vm [--quick]`: the board interpreter
/// on .NET against Lua 5.4 (Debian lua5.4) on the same three programs, in one run: loop-heavy,
/// call-heavy (recursive fib) and list-heavy. Prints instructions/s, bytes allocated per executed
/// instruction (goal 0) and the time ratio ours/Lua. Lua's time is measured inside Lua (os.clock
/// around the work), so its start-up does not count against it.
/// </summary>
static class VmBenchmark
{
    sealed record Case(string Name, string What, byte[] Image, string Lua);

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int scale = quick ? 10 : 1;
        var cases = new[]
        {
            Loop(3_000_000 / scale),
            Fib(quick ? 22 : 27),
            Lists(1000, 300 / scale),
        };
        string? lua = FindLua();
        Console.WriteLine($"Board interpreter vs {(lua ?? "Lua (not installed: apt-get install lua5.4)")}; {(quick ? "quick" : "full")} run, best of 3");
        Console.WriteLine();
        Console.WriteLine("| program | instructions | ours ms | instructions/s | bytes allocated / instruction | Lua 5.4 ms | ours/Lua time |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var c in cases)
        {
            var (instructions, ms, allocated, result) = RunOurs(c.Image);
            double? luaMs = lua is null ? null : RunLua(lua, c.Lua, out string luaResult, result);
            Console.WriteLine($"| {c.Name}: {c.What} | {instructions:N0} | {ms:F1} | {instructions / (ms / 1000):N0} | {(double)allocated / instructions:F4} | {(luaMs is null ? "–" : luaMs.Value.ToString("F1"))} | {(luaMs is null ? "–" : (ms / luaMs.Value).ToString("F2") + "×")} |");
        }
        Console.WriteLine();
        Console.WriteLine("ours/Lua < 1 means the board interpreter is faster. Allocation counts every byte the .NET thread allocated while running.");
        return 0;
    }

    sealed class Result : IBoardServices
    {
        public string Printed = "";
        public long ProgramMilliseconds => 0;
        public void Print(string text) => Printed = text;
        public void Plot(string series, float value) { }
        public void Broadcast(string message) { }
        public int Random(int min, int max) => min;
    }

    static (long Instructions, double Ms, long Allocated, string Result) RunOurs(byte[] image)
    {
        double best = double.MaxValue;
        long instructions = 0, allocated = 0;
        string printed = "";
        for (int run = 0; run < 4; run++) // the first run warms the JIT up and is not counted
        {
            var services = new Result();
            var table = ProgramPrimitives.CreateTable(new RoboClub.Board.Hardware.BoardHardware(), services);
            var program = LoadedProgram.Load(image, table);
            var task = new VmTask();
            Interpreter.Start(program, task, program.Image.Scripts[0].Function);
            long n = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            while (task.State == TaskState.Ready) n += Interpreter.Run(program, task, 500, 0); // the board's slice size
            sw.Stop();
            long alloc = GC.GetAllocatedBytesForCurrentThread() - before;
            if (task.State != TaskState.Done) throw new InvalidOperationException($"benchmark program failed: {task.ErrorCode}");
            if (run > 0 && sw.Elapsed.TotalMilliseconds < best)
            {
                best = sw.Elapsed.TotalMilliseconds;
                instructions = n;
                allocated = alloc;
            }
            printed = services.Printed;
        }
        return (instructions, best, allocated, printed);
    }

    static string? FindLua() => File.Exists("/usr/bin/lua5.4") ? "/usr/bin/lua5.4" : null;

    static double RunLua(string lua, string source, out string result, string expected)
    {
        string file = Path.Combine(Path.GetTempPath(), $"roboclub-bench-{Guid.NewGuid():N}.lua");
        File.WriteAllText(file, source + "\nlocal best = 1e9\nlocal r\nfor run = 1, 3 do\n  local t0 = os.clock()\n  r = work()\n  local t = os.clock() - t0\n  if t < best then best = t end\nend\nprint(string.format('%.3f', best * 1000))\nprint(r)\n");
        try
        {
            var psi = new ProcessStartInfo(lua, file) { RedirectStandardOutput = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(120_000)) { p.Kill(); throw new TimeoutException("lua took too long"); }
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            result = lines.Length > 1 ? lines[1].Trim() : "";
            if (result != expected) Console.WriteLine($"  (note: Lua printed {result}, ours {expected})");
            return double.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        finally { File.Delete(file); }
    }

    static int Print(ImageBuilder b) => b.AddPrimitive("console.print", [VmType.String], VmType.None);

    /// <summary>s = 0; for (i = 0; i &lt; n; i++) s = s + (i % 7) * 3;</summary>
    static Case Loop(int n)
    {
        var b = new ImageBuilder();
        var f = b.AddFunction("loop", [], VmType.None);
        int s = f.AddLocal(VmType.Int), i = f.AddLocal(VmType.Int);
        int top = f.NewLabel(), done = f.NewLabel();
        f.Mark(top).Op(Opcode.LoadLocal, i).PushInt(n).Op(Opcode.LtInt).JumpTo(Opcode.JumpIfFalse, done);
        f.Op(Opcode.LoadLocal, s).Op(Opcode.LoadLocal, i).PushInt(7).Op(Opcode.ModInt).PushInt(3).Op(Opcode.MulInt).Op(Opcode.AddInt).Op(Opcode.StoreLocal, s);
        f.Op(Opcode.LoadLocal, i).PushInt(1).Op(Opcode.AddInt).Op(Opcode.StoreLocal, i).JumpTo(Opcode.Jump, top);
        f.Mark(done).Op(Opcode.LoadLocal, s).Op(Opcode.IntToString).Op(Opcode.CallPrimitive, Print(b)).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        string lua = $"function work()\n  local s = 0\n  for i = 0, {n - 1} do s = s + (i % 7) * 3 end\n  return s\nend";
        return new Case("loop", $"{n:N0} iterations of s += (i % 7) * 3", b.Build(), lua);
    }

    static Case Fib(int n)
    {
        var b = new ImageBuilder();
        var fib = b.AddFunction("fib", [VmType.Int], VmType.Int);
        int recurse = fib.NewLabel();
        fib.Op(Opcode.LoadLocal, 0).PushInt(2).Op(Opcode.LtInt).JumpTo(Opcode.JumpIfFalse, recurse);
        fib.Op(Opcode.LoadLocal, 0).Op(Opcode.ReturnValue);
        fib.Mark(recurse).Op(Opcode.LoadLocal, 0).PushInt(1).Op(Opcode.SubInt).Op(Opcode.Call, fib.Index);
        fib.Op(Opcode.LoadLocal, 0).PushInt(2).Op(Opcode.SubInt).Op(Opcode.Call, fib.Index).Op(Opcode.AddInt).Op(Opcode.ReturnValue);
        var main = b.AddFunction("main", [], VmType.None);
        main.PushInt(n).Op(Opcode.Call, fib.Index).Op(Opcode.IntToString).Op(Opcode.CallPrimitive, Print(b)).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, main.Index);
        string lua = $"local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\nfunction work() return fib({n}) end";
        return new Case("fib", $"recursive fib({n})", b.Build(), lua);
    }

    /// <summary>A list of n floats (i * 0.5), then `rounds` passes summing it; prints the truncated sum.</summary>
    static Case Lists(int n, int rounds)
    {
        var b = new ImageBuilder();
        var f = b.AddFunction("lists", [], VmType.None);
        int list = f.AddLocal(VmType.ListOfFloat), i = f.AddLocal(VmType.Int), r = f.AddLocal(VmType.Int), sum = f.AddLocal(VmType.Float);
        int fill = f.NewLabel(), filled = f.NewLabel(), round = f.NewLabel(), done = f.NewLabel(), inner = f.NewLabel(), innerDone = f.NewLabel();
        f.Op(Opcode.NewList, VmType.Float).Op(Opcode.StoreLocal, list);
        f.Mark(fill).Op(Opcode.LoadLocal, i).PushInt(n).Op(Opcode.LtInt).JumpTo(Opcode.JumpIfFalse, filled);
        f.Op(Opcode.LoadLocal, list).Op(Opcode.LoadLocal, i).Op(Opcode.IntToFloat).PushFloat(0.5f).Op(Opcode.MulFloat).Op(Opcode.ListAdd);
        f.Op(Opcode.LoadLocal, i).PushInt(1).Op(Opcode.AddInt).Op(Opcode.StoreLocal, i).JumpTo(Opcode.Jump, fill);
        f.Mark(filled);
        f.Mark(round).Op(Opcode.LoadLocal, r).PushInt(rounds).Op(Opcode.LtInt).JumpTo(Opcode.JumpIfFalse, done);
        f.PushFloat(0).Op(Opcode.StoreLocal, sum).PushInt(0).Op(Opcode.StoreLocal, i);
        f.Mark(inner).Op(Opcode.LoadLocal, i).Op(Opcode.LoadLocal, list).Op(Opcode.ListCount).Op(Opcode.LtInt).JumpTo(Opcode.JumpIfFalse, innerDone);
        f.Op(Opcode.LoadLocal, sum).Op(Opcode.LoadLocal, list).Op(Opcode.LoadLocal, i).Op(Opcode.ListGet).Op(Opcode.AddFloat).Op(Opcode.StoreLocal, sum);
        f.Op(Opcode.LoadLocal, i).PushInt(1).Op(Opcode.AddInt).Op(Opcode.StoreLocal, i).JumpTo(Opcode.Jump, inner);
        f.Mark(innerDone).Op(Opcode.LoadLocal, r).PushInt(1).Op(Opcode.AddInt).Op(Opcode.StoreLocal, r).JumpTo(Opcode.Jump, round);
        f.Mark(done).Op(Opcode.LoadLocal, sum).Op(Opcode.FloatToInt).Op(Opcode.IntToString).Op(Opcode.CallPrimitive, Print(b)).Op(Opcode.Return);
        b.AddScript(TriggerKind.OnStart, 0, f.Index);
        string lua = $"function work()\n  local t = {{}}\n  for i = 0, {n - 1} do t[#t + 1] = i * 0.5 end\n  local sum\n  for r = 1, {rounds} do\n    sum = 0.0\n    for i = 1, #t do sum = sum + t[i] end\n  end\n  return math.tointeger(math.floor(sum))\nend";
        return new Case("lists", $"{rounds} passes summing a list of {n:N0} floats", b.Build(), lua);
    }
}
