namespace RoboClub.Compiler.Tests.Codegen;

public class StatementTests
{
    [Fact]
    public void Loops_with_break_and_continue()
    {
        var p = Run.Print("""
            int sum = 0;
            for (int i = 0; i < 10; i++)
            {
                if (i == 7) break;
                if (i % 2 == 0) continue;
                sum += i;
            }
            Console.WriteLine(sum);
            int n = 0;
            while (true)
            {
                n++;
                if (n < 5) continue;
                break;
            }
            Console.WriteLine(n);
            int d = 100;
            do { d = d / 2; } while (d > 10);
            Console.WriteLine(d);
            do { d = -1; } while (false);
            Console.WriteLine(d);
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) { if (j == 1) break; Console.WriteLine(i); }
            """);
        Assert.Equal(["9", "5", "6", "-1", "0", "1", "2"], p);
    }

    [Fact]
    public void If_else_chains()
    {
        var p = Run.Print("""
            string Grade(int score)
            {
                if (score >= 90) return "A";
                else if (score >= 70) return "B";
                else return "C";
            }
            Console.WriteLine(Grade(95) + Grade(70) + Grade(3));
            """);
        Assert.Equal(["ABC"], p);
    }

    [Fact]
    public void Recursive_local_functions()
    {
        var p = Run.Print("""
            int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);
            int Fact(int n)
            {
                if (n <= 1) return 1;
                return n * Fact(n - 1);
            }
            double Half(double x) { double h = x / 2; return h; }
            void Say(string s, int times) { for (int i = 0; i < times; i++) Console.WriteLine(s); }
            Console.WriteLine(Fib(15));
            Console.WriteLine(Fact(10));
            Console.WriteLine(Half(5));
            Say("hi", 2);
            """);
        Assert.Equal(["610", "3628800", "2.5", "hi", "hi"], p);
    }

    [Fact]
    public void Local_functions_use_top_level_variables_as_globals()
    {
        var p = Run.Print("""
            int count = 0;
            void Add(int n) { count += n; }
            Add(3); Add(4);
            Console.WriteLine(count);
            """);
        Assert.Equal(["7"], p);
    }

    [Fact]
    public void Empty_program_compiles_to_a_valid_image()
    {
        var r = Run.Compile("");
        Assert.Empty(new TestBoard().Run(r.Image!).Printed);
        Assert.Empty(Run.Print("// nothing yet\n"));
    }

    [Fact]
    public void Endless_loop_compiles_and_keeps_running()
    {
        var board = Run.Board("while (true) { }", ms: 50);
        Assert.True(board.Scheduler!.IsRunning);
        Assert.Null(board.Failed);
    }

    [Fact]
    public void Runtime_errors_map_back_to_a_line()
    {
        var r = Run.Compile("""
            int zero = 0;
            Console.WriteLine("before");
            int x = 10 / zero;
            Console.WriteLine("after");
            """);
        var board = new TestBoard().Run(r.Image!);
        Assert.Equal("DivideByZero", board.Failed?.ErrorCode);
        var map = r.SourceMap.Single(m => m.FunctionIndex == board.Failed!.ErrorFunction);
        Assert.Equal(3, map.Find(board.Failed!.ErrorOffset)?.Line);
    }
}
