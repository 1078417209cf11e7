namespace RoboClub.Compiler.Tests.Codegen;

public class EdgeCaseTests
{
    [Fact]
    public void Usings_children_copy_from_examples_are_harmless()
    {
        var p = Run.Print("""
            using System;
            using static System.Math;
            Console.WriteLine(Sqrt(9));
            System.Console.WriteLine("x");
            """);
        Assert.Equal(["3", "x"], p);
    }

    [Fact]
    public void Constants_casts_and_conditionals()
    {
        var p = Run.Print("""
            const int Speed = 50;
            const string Name = "Robo";
            int x = 7;
            double d = -2.75;
            Console.WriteLine(Speed * 2);
            Console.WriteLine($"{Name}{Speed}");
            Console.WriteLine((int)d);
            Console.WriteLine((double)x / 2);
            Console.WriteLine(x > 5 ? "big" : "small");
            double m = x > 5 ? 1 : 0.5;
            Console.WriteLine(m);
            Console.WriteLine(1.0 / 0);
            bool b = !(x > 3) == false;
            Console.WriteLine(b);
            int y;
            int z = y = 4;
            Console.WriteLine(y + z);
            Console.WriteLine((x & 3) + (x | 8) + (x ^ 1) + (x << 2) + (x >> 1) + ~x);
            """);
        Assert.Equal(["100", "Robo50", "-2", "3.5", "big", "1", "Infinity", "True", "8", String.Concat(3 + 15 + 6 + 28 + 3 - 8)], p);
    }

    [Fact]
    public void Script_bodies_have_their_own_locals_and_can_call_functions()
    {
        var board = Run.Board("""
            int total = 0;
            int Twice(int n) => n * 2;
            Every(10, () =>
            {
                int add = Twice(3);
                total += add;
                if (total == 18) { Console.WriteLine("total " + total); Robot.Stop(); }
            });
            """, ms: 35);
        Assert.Equal(["total 18"], board.Printed);
    }

    [Fact]
    public void Local_function_that_never_ends_compiles()
    {
        var r = Run.Compile("""
            int Forever() { while (true) { Wait(10); } }
            void Drive() => Robot.Forward(10);
            Drive();
            """);
        Assert.NotNull(r.Image);
    }

    [Fact]
    public void Warnings_do_not_stop_compilation()
    {
        var r = Run.Compile("int unused = 3;\nvoid Never() { }\n");
        Assert.All(r.Diagnostics, d => Assert.False(d.IsError));
    }

    [Fact]
    public void A_function_using_another_functions_variable_is_refused()
    {
        var r = ChildCompiler.Compile("""
            void Outer()
            {
                int mine = 1;
                void Inner() { mine++; }
                Inner();
            }
            Outer();
            """);
        Assert.Contains(r.Errors, d => d.Id == "RC1023");
    }

    [Fact]
    public void Script_registration_inside_an_if_is_refused()
    {
        var r = ChildCompiler.Compile("if (Robot.Bumper) { OnButton(() => Robot.Stop()); }");
        var d = Assert.Single(r.Errors);
        Assert.Equal("RC1019", d.Id);
    }

    [Fact]
    public void Source_map_lists_each_statement()
    {
        var r = Run.Compile("Robot.Forward(10);\nWait(5);\nRobot.Stop();");
        var main = r.SourceMap.Single(m => m.FunctionIndex == 0);
        Assert.Equal([1, 2, 3], main.Entries.Select(e => e.Line));
        Assert.Equal(0, main.Entries[0].CodeOffset);
    }

    [Fact]
    public void When_and_Every_accept_named_local_functions()
    {
        var board = Run.Board("""
            bool Close() => Robot.Distance < 20;
            void Brake() { Robot.Stop(); }
            When(Close, Brake);
            """, ms: 20, each: b => b.Distance = b.Now >= 5 ? 10 : 100);
        Assert.Equal(["motors.stop()"], board.Calls);
    }

    [Fact]
    public void Runtime_errors_in_scripts_map_back_to_their_line()
    {
        var r = Run.Compile("""
            int n = 3;
            Every(10, () =>
            {
                n--;
                Console.WriteLine(10 / n);
                Console.WriteLine("after");
            });
            """);
        var board = new TestBoard().Run(r.Image!, ms: 100);
        Assert.Equal(["5", "after", "10", "after"], board.Printed);
        Assert.Equal("DivideByZero", board.Failed?.ErrorCode);
        var map = r.SourceMap.Single(m => m.FunctionIndex == board.Failed!.ErrorFunction);
        Assert.Equal("every_10ms", map.Name);
        Assert.Equal(5, map.Find(board.Failed!.ErrorOffset)?.Line);
    }

    [Fact]
    public void Too_many_locals_in_a_function_is_too_big()
    {
        string decls = string.Concat(Enumerable.Range(0, 70).Select(i => $"int v{i} = {i}; "));
        var r = ChildCompiler.Compile("void F() { " + decls + "}\nF();");
        Assert.Contains(r.Errors, d => d.Id == "RC1900");
    }

    [Fact]
    public void Very_long_names_are_shortened_in_the_image()
    {
        string name = "număr" + new string('ă', 80);
        var p = Run.Print($"int {name} = 5;\nint F{name}() => {name};\nConsole.WriteLine(F{name}());");
        Assert.Equal(["5"], p);
    }
}
