using System.Globalization;
using RoboClub.Board.Image;
using RoboClub.Board.Primitives;
using RoboClub.Board.Vm;
using RoboClub.Compiler;
using RoboClub.VirtualBoard;

namespace RoboClub.Hub;

/// <summary>
/// Compiles a child's C# file and runs it on an in-process virtual board in simulated time, so
/// `Wait(1000)` takes no real second. stdout carries exactly the program's console output (so it
/// can be compared with `dotnet run` of the same file); diagnostics, runtime errors and, when asked,
/// telemetry go to stderr.
/// </summary>
internal sealed class ProgramRunner(TextWriter output, TextWriter error, string language)
{
    public const int CompileErrorExit = 1;
    public const int RuntimeErrorExit = 2;

    /// <summary>Compiles; prints the errors in the child-friendly form and returns null if any.</summary>
    public CompileResult? Compile(string path)
    {
        string source;
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            int start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0; // a UTF-8 BOM is fine
            if (!System.Text.Unicode.Utf8.IsValid(bytes.AsSpan(start)) || bytes.AsSpan(start).IndexOf((byte)0) >= 0)
            {
                error.WriteLine($"{path}: {(language == "ro" ? "fișierul nu este text (UTF-8); salvează programul ca text" : "the file is not text (UTF-8); save the program as text")}");
                return null;
            }
            source = System.Text.Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: {(language == "ro" ? "nu pot citi fișierul" : "cannot read the file")}: {e.Message}");
            return null;
        }
        var result = ChildCompiler.Compile(source, Path.GetFileName(path));
        foreach (var d in result.Diagnostics)
        {
            string kind = d.IsError ? (language == "ro" ? "eroare" : "error") : (language == "ro" ? "atenție" : "warning");
            error.WriteLine($"{path}({d.Line},{d.Column}): {kind} {d.Id}: {d.Message(language)}");
        }
        return result.Success ? result : null;
    }

    sealed class Services(TextWriter output, TextWriter? telemetry, Func<long> now, int seed) : IBoardServices
    {
        readonly Random _random = new(seed);
        public long ProgramMilliseconds => now();
        public void Print(string text) => output.WriteLine(text);
        public void Plot(string series, float value) => telemetry?.WriteLine($"telemetry t={now()} {series}={value.ToString(CultureInfo.InvariantCulture)}");
        public void Broadcast(string message) => Broadcasts.Add(message);
        public int Random(int min, int max) => max <= min ? min : _random.Next(min, max + 1);
        public readonly List<string> Broadcasts = new();
    }

    sealed class Failure : IProgramObserver
    {
        public VmTask? Task;
        public int Script;
        public void OnScriptFailed(int script, VmTask task) { Script = script; Task = task; }
    }

    /// <summary>Runs until every script has finished or <paramref name="seconds"/> of simulated time.</summary>
    public int Run(string path, CompileResult compiled, string board, double seconds, bool telemetry)
    {
        var parts = VirtualParts.Create(board, null, null, seed: 1);
        long start = parts.NowMs;
        var services = new Services(output, telemetry ? error : null, () => parts.NowMs - start, 1);
        var table = ProgramPrimitives.CreateTable(parts.Hardware, services);
        LoadedProgram program;
        try
        {
            program = LoadedProgram.Load(compiled.Image!, table);
        }
        catch (ImageException e)
        {
            error.WriteLine($"{path}: {e.Message}");
            return CompileErrorExit;
        }
        var failure = new Failure();
        var scheduler = new Scheduler(program, failure);
        scheduler.Start(parts.NowMs);
        long end = start + (long)(seconds * 1000);
        if (telemetry) error.WriteLine($"status running on a virtual {board}");
        while (scheduler.IsRunning && parts.NowMs < end)
        {
            scheduler.Step(parts.NowMs, parts.Hardware.Button?.Pressed ?? false);
            foreach (var m in services.Broadcasts) scheduler.Broadcast(m);
            services.Broadcasts.Clear();
            if (failure.Task is not null || Finished(scheduler)) break;
            parts.Advance(10);
        }
        if (failure.Task is { } t)
        {
            var place = compiled.SourceMap.FirstOrDefault(m => m.FunctionIndex == t.ErrorFunction)?.Find(t.ErrorOffset);
            string where = place is { } p ? $"({p.Line},{p.Column})" : "";
            error.WriteLine($"{path}{where}: {(language == "ro" ? "eroare la rulare" : "runtime error")} {t.ErrorCode}: {RuntimeErrorText.For(t.ErrorCode!, language)}");
            return RuntimeErrorExit;
        }
        if (telemetry) error.WriteLine($"status {(Finished(scheduler) ? "finished" : "time is up")} after {(parts.NowMs - start) / 1000.0:F1} simulated s");
        return 0;
    }

    /// <summary>Every script has ended and none can start again (only on-start scripts).</summary>
    static bool Finished(Scheduler s)
    {
        var scripts = s.Program.Image.Scripts;
        for (int i = 0; i < scripts.Length; i++)
        {
            if (scripts[i].Trigger != TriggerKind.OnStart) return false;
            var task = s.TaskOf(i);
            if (task is not null && task.IsActive) return false;
        }
        return true;
    }
}
