using RoboClub.Compiler.Blocks;
using RoboClub.Compiler.Tests.Codegen;

namespace RoboClub.Compiler.Tests.Blocks;

/// <summary>C# → blocks → C# must not change what a program does: each program runs before and after, same output.</summary>
public class SameMeaningTests
{
    public static TheoryData<string> Programs() => new(
        """
        for (int i = 0; i < 4; i++) Console.WriteLine(i * i);
        int n = 3;
        for (int k = 10; k > n; k--) Console.WriteLine(k);
        for (int j = -2; j < n + 1; j += 2) Console.WriteLine(j);
        """,
        """
        int Sum(int n)
        {
            int s = 0;
            for (int i = 1; i <= n; i++) s += i;
            return s;
        }
        int i = 2;
        Console.WriteLine(Sum(4) + i);
        """,
        """
        double medie = 0;
        medie = 7;
        Console.WriteLine(medie / 2);
        int a = 7;
        Console.WriteLine(a / 2);
        string s = "x";
        s = s + a + medie;
        Console.WriteLine(s);
        bool gata = a > 3 && !(medie < 1);
        Console.WriteLine(gata);
        """,
        """
        int total = 0;
        void Add(int v) { total += v; }
        int n = 0;
        while (n < 5)
        {
            n++;
            if (n == 2) continue;
            if (n == 4) break;
            Add(n);
        }
        Console.WriteLine($"total {total} n {n}");
        """,
        """
        int pași = 0;
        Every(100, () =>
        {
            int dublu = pași * 2;
            pași++;
            Console.WriteLine($"{pași} {dublu}");
            if (pași == 3) Broadcast("gata");
        });
        OnMessage("gata", () => Console.WriteLine("gata!"));
        Console.WriteLine("start");
        """,
        """
        var note = new List<int> { 5, 8 };
        note.Add(10);
        note[0] = note[0] + 1;
        int suma = 0;
        foreach (var n in note) suma += n;
        Console.WriteLine($"{suma} {note.Count}");
        var nume = new List<string>();
        nume.Add("Ana");
        Console.WriteLine(nume[0].Length);
        """,
        """
        int Fact(int n) => n <= 1 ? 1 : n * Fact(n - 1);
        double x = Math.Sqrt(16) + Math.Round(2.6) + Math.Max(3, 4) + Math.Pow(2, 3) + Math.Abs(-2) + -x0();
        double x0() => 0.5;
        Console.WriteLine(Fact(5) + x);
        Console.WriteLine(7 % 3 == 1 ? "da" : "nu");
        """,
        """
        int x = 5;
        do { x--; } while (x > 2);
        const int k = 4;
        double Half() => 1;
        Console.WriteLine(Half() / 2);
        Console.WriteLine(x + k);
        Console.WriteLine(1 << 3);
        """);

    [Theory]
    [MemberData(nameof(Programs))]
    public void A_program_does_the_same_after_blocks(string src)
    {
        var before = Run.Board(src, ms: 450).Printed;
        var blocks = CSharpToBlocks.Convert(src);
        var code = BlocksToCSharp.Convert(blocks.Workspace).Code;
        var after = Run.Board(code, ms: 450).Printed;
        Assert.Equal(before, after);
        Assert.Equal(code, BlocksToCSharp.Convert(CSharpToBlocks.Convert(code).Workspace).Code);
    }

    [Fact]
    public void A_function_variable_named_like_a_global_gets_its_own_block_variable()
    {
        var src = """
            int i = 2;
            int Twice(int n)
            {
                int i = n * 2;
                return i;
            }
            Console.WriteLine(Twice(5) + i);
            """;
        var code = BlocksToCSharp.Convert(CSharpToBlocks.Convert(src).Workspace).Code;
        Assert.Contains("int i2 = 0;", code);
        Assert.Contains("i2 = n * 2;", code);
        Assert.Equal(["12"], Run.Print(code));
    }

    [Fact]
    public void Counting_loops_below_a_limit_become_count_with_blocks()
    {
        var code = BlocksToCSharp.Convert(CSharpToBlocks.Convert("for (int i = 0; i < 3; i++) Console.WriteLine(i);\nint n = 2;\nfor (int k = 5; k > n; k--) Console.WriteLine(k);").Workspace).Code;
        Assert.Contains("for (int i = 0; i <= 2; i++)", code);
        Assert.Contains("for (int k = 5; k >= n + 1; k--)", code);
    }

    [Fact]
    public void Names_that_differ_only_in_case_stay_apart()
    {
        var src = "int x = 1;\nint X = 2;\nx = x + X;\nConsole.WriteLine(x);\n";
        var blocks = CSharpToBlocks.Convert(src);
        var names = blocks.Workspace["variables"]!.AsArray().Select(v => (string)v!["name"]!).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(["3"], Run.Print(BlocksToCSharp.Convert(blocks.Workspace).Code));
    }
}
