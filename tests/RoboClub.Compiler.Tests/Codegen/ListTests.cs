namespace RoboClub.Compiler.Tests.Codegen;

/// <summary>Arrays and List&lt;T&gt; on the board, compared line by line with what .NET prints for the same program.</summary>
public class ListTests
{
    /// <summary>Runs on the board and as .NET C#: both must print the same lines.</summary>
    internal static void Same(string program)
    {
        var expected = DotNet.Print(program);
        Assert.DoesNotContain(expected, l => l.StartsWith("throws "));
        Assert.Equal(expected, Run.Print(program));
    }

    [Fact]
    public void Arrays_are_made_filled_read_and_written()
    {
        Same("""
            int[] a = new int[3];
            a[1] = 5;
            a[2] += 7;
            a[0]++;
            ++a[0];
            a[1] *= a[2];
            Console.WriteLine(a[0] + " " + a[1] + " " + a[2] + " " + a.Length);
            string[] s = new string[2];
            Console.WriteLine("[" + s[0] + "]");
            bool[] flags = new bool[2];
            Console.WriteLine(flags[1]);
            float[] f = { 1.5f, 2.25f };
            f[0] /= 2;
            Console.WriteLine(f[0] + f[1]);
            var b = new[] { 1, 2, 3 };
            int[] c = new int[] { 4, 5 };
            int[] d = [6, 7, 8];
            Console.WriteLine(b[2] + c[1] + d[0] + d.Length);
            int x = a[2]++;
            int y = --a[2];
            Console.WriteLine(x + " " + y + " " + (a[1] = 9) + " " + a[1]);
            """);
    }

    [Fact]
    public void Lists_add_insert_remove_and_search()
    {
        Same("""
            List<int> n = new List<int>();
            n.Add(3); n.Add(1); n.Add(4); n.Add(1); n.Add(5);
            n.Insert(0, 9);
            n.RemoveAt(2);
            Console.WriteLine(n.Count + " " + n[0] + " " + n[2]);
            Console.WriteLine(n.Contains(4) + " " + n.Contains(7) + " " + n.IndexOf(1) + " " + n.IndexOf(8));
            Console.WriteLine(n.Remove(1) + " " + n.Remove(42) + " " + n.Count);
            var names = new List<string> { "Ana", "Ion" };
            names.Add("Maria");
            Console.WriteLine(names[2] + names.Count + names.IndexOf("Ion"));
            names[0] += "-Maria";
            Console.WriteLine(names[0]);
            List<float> t = [1.5f, float.NaN];
            Console.WriteLine(t.Contains(float.NaN) + " " + t.IndexOf(1.5f));
            List<bool> bs = new() { true };
            bs.Clear();
            Console.WriteLine(bs.Count);
            List<int> big = new List<int>(10);
            Console.WriteLine(big.Count);
            """);
    }

    [Fact]
    public void Lists_are_shared_like_in_csharp()
    {
        Same("""
            List<int> a = new List<int> { 1, 2 };
            List<int> b = a;
            b.Add(3);
            Console.WriteLine(a.Count);
            int[] scores = { 10, 20, 30 };
            Double(scores);
            Console.WriteLine(scores[0] + scores[1] + scores[2]);
            int[] made = Make(4);
            Console.WriteLine(made.Length + " " + made[3]);
            Console.WriteLine(Sum(new List<int> { 1, 2, 3 }));

            void Double(int[] xs)
            {
                for (int i = 0; i < xs.Length; i++) xs[i] *= 2;
            }

            int[] Make(int n)
            {
                int[] r = new int[n];
                for (int i = 0; i < n; i++) r[i] = i * i;
                return r;
            }

            int Sum(List<int> xs)
            {
                int s = 0;
                foreach (int x in xs) s += x;
                return s;
            }
            """);
    }

    [Fact]
    public void Foreach_walks_arrays_and_lists()
    {
        Same("""
            string[] colors = { "red", "green", "blue" };
            foreach (var c in colors) Console.WriteLine(c);
            var xs = new List<float> { 0.5f, 1.5f };
            float total = 0;
            foreach (float x in xs) total += x;
            Console.WriteLine(total);
            int[] nums = { 1, 2, 3, 4, 5, 6 };
            foreach (int n in nums)
            {
                if (n == 2) continue;
                if (n == 5) break;
                Console.WriteLine(n);
            }
            foreach (double d in nums) { Console.WriteLine(d / 4); break; }
            foreach (int i in nums) foreach (int j in new[] { 10, 20 }) if (i == 1) Console.WriteLine(i + j);
            """);
    }

    [Fact]
    public void Changing_a_list_inside_foreach_stops_the_program_at_the_foreach_line()
    {
        const string program = """
            var xs = new List<int> { 1, 2, 3 };
            foreach (int x in xs)
            {
                if (x == 2) xs.Add(4);
            }
            Console.WriteLine("never");
            """;
        Assert.Equal(["throws InvalidOperationException"], DotNet.Print(program));
        var r = Run.Compile(program);
        var board = new TestBoard().Run(r.Image!);
        Assert.Equal("ListChanged", board.Failed?.ErrorCode);
        Assert.Equal(2, r.SourceMap.Single(m => m.FunctionIndex == board.Failed!.ErrorFunction).Find(board.Failed!.ErrorOffset)?.Line);
        Assert.Empty(board.Printed);
    }

    [Theory]
    [InlineData("xs[0] = 5;")]
    [InlineData("xs.RemoveAt(0);")]
    [InlineData("xs.Clear();")]
    [InlineData("if (x == 3) xs.Insert(0, 1);")]
    public void Any_change_to_a_list_inside_foreach_stops_it_as_csharp_throws(string change)
    {
        string program = "var xs = new List<int> { 1, 2, 3 };\nforeach (int x in xs)\n{\n    Console.WriteLine(x);\n    " + change + "\n}\nConsole.WriteLine(\"after\");";
        var expected = DotNet.Print(program);
        Assert.Equal("throws InvalidOperationException", expected[^1]);
        var r = Run.Compile(program);
        var board = new TestBoard().Run(r.Image!);
        Assert.Equal("ListChanged", board.Failed?.ErrorCode);
        Assert.Equal(2, r.SourceMap.Single(m => m.FunctionIndex == board.Failed!.ErrorFunction).Find(board.Failed!.ErrorOffset)?.Line);
        Assert.Equal(expected[..^1], board.Printed);
    }

    [Fact]
    public void Removing_nothing_inside_foreach_is_no_change()
    {
        Same("""
            var xs = new List<int> { 1, 2 };
            foreach (int x in xs) Console.WriteLine(xs.Remove(7) + " " + xs.Contains(x) + " " + xs.IndexOf(x));
            """);
    }

    [Fact]
    public void Changing_items_of_an_array_inside_foreach_is_fine()
    {
        Same("""
            int[] a = { 1, 2, 3 };
            foreach (int x in a) { a[2] = 9; Console.WriteLine(x); }
            """);
    }

    [Theory]
    [InlineData("int[] a = new int[3];\nConsole.WriteLine(a[3]);", 2, "IndexOutOfRange")]
    [InlineData("var a = new List<int> { 1 };\na.RemoveAt(1);", 2, "IndexOutOfRange")]
    [InlineData("var a = new List<int>();\nint i = -1;\na.Insert(i, 5);", 3, "IndexOutOfRange")]
    [InlineData("int n = -1;\nint[] a = new int[n];", 2, "Overflow")]
    public void A_position_outside_the_list_stops_the_program_at_its_line(string program, int line, string code)
    {
        Assert.StartsWith("throws ", DotNet.Print(program).Last());
        var r = Run.Compile(program);
        var board = new TestBoard().Run(r.Image!);
        Assert.Equal(code, board.Failed?.ErrorCode);
        Assert.Equal(line, r.SourceMap.Single(m => m.FunctionIndex == board.Failed!.ErrorFunction).Find(board.Failed!.ErrorOffset)?.Line);
    }

    [Fact]
    public void Top_level_lists_are_globals_that_scripts_share()
    {
        var board = Run.Board("""
            List<int> seen = new List<int>();
            Every(100, () => { seen.Add(seen.Count); if (seen.Count == 3) Console.WriteLine(seen[0] + seen[1] + seen[2]); });
            """, ms: 350);
        Assert.Equal(["3"], board.Printed);
    }

    [Fact]
    public void Harder_cases_match_dotnet()
    {
        Same("""
            Console.WriteLine(Sum([1, 2, 3]) + Sum([]) + Count(new List<float>()));
            int[] empty = [];
            List<string> words = [];
            words.Add("a");
            Console.WriteLine(empty.Length + " " + words.Count);
            float[] f = new float[2];
            f[1]++;
            f[1] += 0.5f;
            float old = f[1]--;
            Console.WriteLine(f[1] + " " + old);
            int[] idx = { 0, 1, 0 };
            int[] v = new int[2];
            v[idx[1]++] += 5;
            v[idx[idx[0]]] -= 1;
            Console.WriteLine(v[0] + " " + v[1] + " " + idx[1]);
            List<double> d = new List<double> { 1, 2 };
            d[0] = d[0] / 4;
            Console.WriteLine(d[0] + d[1]);
            string[] names = { "x" };
            names[0] += 1;
            names[0] += true;
            Console.WriteLine(names[0]);

            int Sum(int[] xs) { int s = 0; foreach (int x in xs) s += x; return s; }
            int Count(List<float> xs) => xs.Count;
            """);
    }

    [Fact]
    public void Lists_inside_functions_and_nested_loops_match_dotnet()
    {
        Same("""
            List<int> Primes(int n)
            {
                var r = new List<int>();
                for (int i = 2; r.Count < n; i++)
                {
                    bool prime = true;
                    foreach (int p in r) if (i % p == 0) { prime = false; break; }
                    if (prime) r.Add(i);
                }
                return r;
            }
            var ps = Primes(10);
            string line = "";
            foreach (var p in ps) line += p + ",";
            Console.WriteLine(line);
            int[] counts = new int[3];
            foreach (int p in ps) counts[p % 3]++;
            Console.WriteLine($"{counts[0]} {counts[1]} {counts[2]}");
            var grid = new bool[9];
            grid[4] = true;
            for (int i = 0; i < grid.Length; i++) if (grid[i]) Console.WriteLine("center " + i);
            """);
    }
}
