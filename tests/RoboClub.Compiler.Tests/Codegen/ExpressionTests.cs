namespace RoboClub.Compiler.Tests.Codegen;

public class ExpressionTests
{
    [Fact]
    public void Integer_arithmetic_follows_CSharp()
    {
        var p = Run.Print("""
            int a = 7, b = 2, n = -7;
            Console.WriteLine(a + b * 3);
            Console.WriteLine(a / b);
            Console.WriteLine(a % b);
            Console.WriteLine(n / b);
            Console.WriteLine(n % b);
            Console.WriteLine(-a);
            int big = 2147483647;
            big = big + 1;
            Console.WriteLine(big);
            """);
        Assert.Equal(["13", "3", "1", "-3", "-1", "-7", "-2147483648"], p);
    }

    [Fact]
    public void Int_is_promoted_to_double_where_CSharp_promotes_it()
    {
        var p = Run.Print("""
            int seven = 7;
            Console.WriteLine(7 / 2);
            Console.WriteLine(7 / 2.0);
            Console.WriteLine(seven / 2);
            Console.WriteLine(seven / 2.0);
            double half = seven;
            half = half / 2;
            Console.WriteLine(half);
            double d = 1;
            Console.WriteLine(d);
            int back = (int)(seven * 1.5);
            Console.WriteLine(back);
            float f = 2.5f;
            Console.WriteLine(f * seven);
            Console.WriteLine(seven * 0.5 > 3);
            """);
        Assert.Equal(["3", "3.5", "3", "3.5", "3.5", "1", "10", "17.5", "True"], p);
    }

    [Fact]
    public void Compound_assignment_and_increments()
    {
        var p = Run.Print("""
            int x = 10;
            x += 5; x -= 3; x *= 2; x /= 5; x %= 3;
            Console.WriteLine(x);
            double d = 1;
            d += 1; d *= 3; d /= 4; d -= 0.25;
            Console.WriteLine(d);
            int i = 5;
            i += 2.7 > 2 ? 1 : 0;
            int a = i++;
            int b = ++i;
            i--;
            --i;
            Console.WriteLine($"{a} {b} {i}");
            string s = "a";
            s += 1;
            s += "b";
            Console.WriteLine(s);
            int k = 1;
            k += 1.9 > 0 ? 2 : 3;
            Console.WriteLine(k);
            """);
        Assert.Equal(["1", "1.25", "6 8 6", "a1b", "3"], p);
    }

    [Fact]
    public void Strings_concatenate_with_numbers_and_bools()
    {
        var p = Run.Print("""
            int t = 21;
            double h = 45.5;
            bool hot = t > 30;
            string name = "Ana";
            Console.WriteLine("T = " + t + " C");
            Console.WriteLine(name + ": " + h + " " + hot);
            Console.WriteLine(t + 1 + " (" + (t + 1) + ")");
            Console.WriteLine($"T = {t}, H = {h}%, hot: {hot}, {name}!");
            Console.WriteLine($"{t * 2}{h / 2}");
            Console.WriteLine(name == "Ana");
            Console.WriteLine(name != "Ana");
            Console.WriteLine(name.Length);
            Console.WriteLine();
            Console.Write(true);
            """);
        Assert.Equal(["T = 21 C", "Ana: 45.5 False", "22 (22)", "T = 21, H = 45.5%, hot: False, Ana!", "4222.75", "True", "False", "3", "", "True"], p);
    }

    [Fact]
    public void Short_circuit_skips_the_right_side()
    {
        var p = Run.Print("""
            bool Loud(string what, bool value) { Console.WriteLine(what); return value; }
            if (Loud("a", false) && Loud("b", true)) Console.WriteLine("no");
            if (Loud("c", true) || Loud("d", true)) Console.WriteLine("yes");
            bool x = Loud("e", true) && !Loud("f", false);
            Console.WriteLine(x);
            """);
        Assert.Equal(["a", "c", "yes", "e", "f", "True"], p);
    }

    [Fact]
    public void Math_functions_use_the_board_primitives()
    {
        var p = Run.Print("""
            Console.WriteLine(Math.Sqrt(16));
            Console.WriteLine(Math.Abs(-3));
            Console.WriteLine(Math.Abs(-2.5));
            Console.WriteLine(Math.Pow(2, 10));
            Console.WriteLine(Math.Round(2.4));
            Console.WriteLine(Math.Floor(-1.5));
            Console.WriteLine(Math.Max(3, 9));
            Console.WriteLine(Math.Min(2.5, 1));
            Console.WriteLine(Math.Sin(0));
            Console.WriteLine(Math.PI > 3.14);
            Console.WriteLine(Random(4, 6));
            """);
        Assert.Equal(["4", "3", "2.5", "1024", "2", "-2", "9", "1", "0", "True", "4"], p);
    }

    [Fact]
    public void Romanian_identifiers_work()
    {
        var r = Run.Compile("""
            int temperatură = 21;
            string mesaj = "Afară sunt " + temperatură + " grade";
            Console.WriteLine(mesaj);
            """);
        var board = new TestBoard().Run(r.Image!);
        Assert.Equal(["Afară sunt 21 grade"], board.Printed);
        Assert.Contains("temperatură", board.Scheduler!.Program.Image.GlobalNames);
    }
}
