namespace RoboClub.Compiler;

/// <summary>
/// Roslyn's first compile in a process costs about a second (loading and JIT-compiling the parser,
/// binder and the reference assemblies); the next ones take milliseconds. The hub calls
/// <see cref="Start"/> when it starts, so the first child to press Run does not wait for that.
/// </summary>
public static class CompilerWarmUp
{
    /// <summary>A small program that touches the paths a real one does: globals, a function, a loop, events, text.</summary>
    internal const string Program = """
        int count = 0;
        double total = 0.5;
        int Twice(int n) => n * 2;
        for (int i = 0; i < 3; i++) { count += Twice(i); }
        while (count > 100) { count--; }
        if (count > 2 && total < 1) { Console.WriteLine($"count {count} total {total}"); }
        Every(1000, () => { Plot("count", count); });
        When(() => count > 10, () => { Broadcast("many"); });
        Wait(10);
        """;

    static Task? _running;
    static readonly Lock Gate = new();

    /// <summary>Starts one throw-away compile on a background thread (once per process); returns at once.</summary>
    public static Task Start()
    {
        lock (Gate)
            return _running ??= Task.Run(() => { ChildCompiler.Compile(Program, "warm-up.cs"); });
    }
}
