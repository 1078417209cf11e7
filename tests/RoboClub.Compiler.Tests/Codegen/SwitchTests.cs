namespace RoboClub.Compiler.Tests.Codegen;

/// <summary>switch statements and expressions on int and string, compared with .NET.</summary>
public class SwitchTests
{
    [Fact]
    public void Switch_statement_on_int_with_several_labels_and_default()
    {
        ListTests.Same("""
            for (int i = 0; i < 6; i++)
            {
                switch (i)
                {
                    case 0:
                        Console.WriteLine("zero");
                        break;
                    case 1:
                    case 2:
                        Console.WriteLine("small " + i);
                        break;
                    case 4:
                        continue;
                    default:
                        Console.WriteLine("other " + i);
                        break;
                }
                Console.WriteLine("after " + i);
            }
            """);
    }

    [Fact]
    public void Switch_statement_on_string_without_default_and_with_return()
    {
        ListTests.Same("""
            foreach (string c in new[] { "red", "green", "blue", "pink" })
            {
                switch (c)
                {
                    case "red": Console.WriteLine("stop"); break;
                    case "green": Console.WriteLine("go"); break;
                    case "blue": Console.WriteLine(Kind(c)); break;
                }
            }
            Console.WriteLine(Kind("x"));

            string Kind(string s)
            {
                switch (s)
                {
                    case "blue": return "cold";
                    default: return "?";
                }
            }
            """);
    }

    [Fact]
    public void Break_in_a_switch_inside_a_loop_leaves_only_the_switch()
    {
        ListTests.Same("""
            int n = 0;
            while (n < 5)
            {
                n++;
                switch (n % 2) { case 0: break; default: Console.WriteLine(n); break; }
                if (n == 4) break;
            }
            const int Three = 3;
            switch (n + 1) { case Three + 2: Console.WriteLine("five"); break; }
            """);
    }

    [Fact]
    public void Comparisons_and_or_not_patterns_on_numbers()
    {
        ListTests.Same("""
            float[] temps = { -5f, 0f, 12.5f, 25f, 31f, float.NaN };
            foreach (float t in temps)
            {
                string feel = t switch { < 0 => "frost", 0 => "zero", < 15 => "cold", >= 15 and < 30 => "nice", _ => "hot or NaN" };
                Console.WriteLine(t + " " + feel);
            }
            for (int i = 0; i < 8; i++)
            {
                switch (i)
                {
                    case 1 or 2:
                        Console.WriteLine(i + " one or two");
                        break;
                    case > 5 and not 7:
                        Console.WriteLine(i + " six");
                        break;
                    case (3):
                        Console.WriteLine(i + " three");
                        break;
                    default:
                        Console.WriteLine(i + " else");
                        break;
                }
            }
            double d = 2.5;
            switch (d) { case 2.5: Console.WriteLine("two and a half"); break; }
            """);
    }

    [Fact]
    public void Switch_expressions_on_int_and_string()
    {
        ListTests.Same("""
            for (int i = 0; i < 4; i++)
            {
                string name = i switch { 0 => "zero", 1 => "one", 2 => "two", _ => "many" };
                float half = i switch { 1 => 0.5f, 3 => 1.5f, _ => 0 };
                Console.WriteLine(name + " " + half);
            }
            string dir = "left";
            int turn = dir switch { "left" => -90, "right" => 90, _ => 0 };
            Console.WriteLine(turn);
            """);
    }
}
