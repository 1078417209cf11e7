using System.Diagnostics;
using Xunit.Abstractions;

namespace RoboClub.Compiler.Tests.Fuzz;

/// <summary>
/// Mutated child programs into the compiler: it answers with an image or diagnostics, never an
/// exception, never a hang. Count: ROBOCLUB_COMPILER_FUZZ_ITERATIONS (default 300 for ./test.sh;
/// the long setting is 20,000+), seed: ROBOCLUB_FUZZ_SEED.
/// </summary>
public class CompilerFuzzTests(ITestOutputHelper output)
{
    static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("ROBOCLUB_COMPILER_FUZZ_ITERATIONS"), out int n) ? n : 300;
    static int Seed => int.TryParse(Environment.GetEnvironmentVariable("ROBOCLUB_FUZZ_SEED"), out int s) ? s : 11;

    static readonly string[] Corpus =
    [
        "int temperatură = 21;\nConsole.WriteLine(\"Salut \" + temperatură);\n",
        "for (int i = 0; i < 4; i++)\n{\n    Robot.Forward(60);\n    Wait(1000);\n    Robot.TurnRight(50);\n    Wait(400);\n}\nRobot.Stop();\n",
        "int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);\nConsole.WriteLine(Fib(10));\n",
        "Every(1000, () => { Plot(\"t\", Weather.Temperature); });\nWhen(() => Robot.Distance < 15, () => { Robot.Stop(); Led.Color(\"roșu\"); });\n",
        "double s = 0;\nint n = 0;\nwhile (n < 10) { s += n / 2.0; n++; if (s > 10) break; }\nConsole.WriteLine($\"s = {s}, n = {n}\");\n",
        "bool ok = true && !false || 3 > 2;\nif (ok) Console.WriteLine(\"da\"); else Console.WriteLine(\"nu\");\n",
    ];

    static readonly string[] Tokens = ["(", ")", "{", "}", ";", "\"", "'", "=", "==", "+", "/", "0", "int", "double", "class", "new", "=>", "while", "return", "Wait", "Robot.", "$\"{", "//", "/*", "\\", "ș", "\0"];

    static string Mutate(string source, Random rnd)
    {
        var s = new System.Text.StringBuilder(source);
        int edits = 1 + rnd.Next(5);
        for (int k = 0; k < edits && s.Length > 0; k++)
        {
            int at = rnd.Next(s.Length);
            switch (rnd.Next(4))
            {
                case 0: s.Remove(at, 1 + rnd.Next(Math.Min(5, s.Length - at))); break;
                case 1: s.Insert(at, Tokens[rnd.Next(Tokens.Length)]); break;
                case 2: s[at] = (char)rnd.Next(32, 127); break;
                default: { int len = Math.Min(s.Length - at, 1 + rnd.Next(20)); s.Insert(rnd.Next(s.Length), s.ToString(at, len)); break; }
            }
        }
        return s.ToString();
    }

    [Fact]
    public void Mutated_programs_never_crash_or_hang_the_compiler()
    {
        var rnd = new Random(Seed);
        int compiled = 0, refused = 0;
        double slowest = 0;
        var total = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            string source = Mutate(Corpus[rnd.Next(Corpus.Length)], rnd);
            var sw = Stopwatch.StartNew();
            CompileResult r;
            try
            {
                r = ChildCompiler.Compile(source);
            }
            catch (Exception e)
            {
                Assert.Fail($"the compiler threw {e.GetType().Name}: {e.Message} (seed {Seed}, iteration {i}) on:\n{source}");
                return;
            }
            slowest = Math.Max(slowest, sw.Elapsed.TotalMilliseconds);
            Assert.True(r.Success || r.Errors.Any(), "a failed compile must say why");
            Assert.DoesNotContain(r.Errors, d => d.Id == "RC1999"); // "the compiler made a mistake"
            if (r.Success) compiled++; else refused++;
        }
        output.WriteLine($"compiler fuzz: {Iterations} programs, {compiled} compiled, {refused} refused with diagnostics, slowest {slowest:F0} ms, {total.Elapsed.TotalSeconds:F1} s");
        Assert.True(slowest < 5000, $"one compile took {slowest:F0} ms");
    }
}
