using RoboClub.Compiler.Subset;

namespace RoboClub.Compiler.Tests.Codegen;

public class SubsetTests
{
    static CompileDiagnostic Single(string source, string id, string spanText)
    {
        var r = ChildCompiler.Compile(source);
        Assert.False(r.Success);
        var d = Assert.Single(r.Errors);
        Assert.Equal(id, d.Id);
        Assert.Equal(spanText, source.Substring(d.Start, d.Length));
        Assert.False(string.IsNullOrEmpty(d.MessageEn));
        Assert.False(string.IsNullOrEmpty(d.MessageRo));
        return d;
    }

    [Fact]
    public void Classes_are_refused_in_both_languages()
    {
        var d = Single("Console.WriteLine(1);\nclass Dog { }\n", "RC1001", "class Dog { }");
        Assert.Equal("Boards can't use classes yet", d.MessageEn);
        Assert.Equal("Plăcuța nu știe încă să folosească clase", d.MessageRo);
        Assert.Equal("Plăcuța nu știe încă să folosească clase", d.Message("ro"));
        Assert.Equal(2, d.Line);
        Assert.Equal(1, d.Column);
    }

    [Theory]
    [InlineData("struct P { }", "RC1002", "struct P { }")]
    [InlineData("record R(int X);", "RC1003", "record R(int X);")]
    [InlineData("bool x = true;\nswitch (x) { case true: break; }", "RC1012", "x")]
    [InlineData("int x = 1;\nswitch (x) { case int n: break; }", "RC1012", "int n")]
    [InlineData("int x = 1;\nswitch (x) { case 1 when x > 0: break; }", "RC1012", "case 1 when x > 0:")]
    [InlineData("int x = 1;\nint n = x switch { 1 when x > 0 => 1, _ => 0 };", "RC1012", "when x > 0")]
    [InlineData("int x = 1;\nstring s = x switch { 1 => \"a\" };", "RC1012", "x switch { 1 => \"a\" }")]
    [InlineData("int x = 1;\nswitch (x) { case 1: goto case 2; case 2: break; }", "RC1015", "goto case 2;")]
    [InlineData("var a = new int[2, 2];", "RC1010", "int[2, 2]")]
    [InlineData("int[][] j = { };", "RC1010", "int[][]")]
    [InlineData("char[] cs = new char[2];", "RC1011", "cs = new char[2]")]
    [InlineData("var l = new List<List<int>>();", "RC1011", "l = new List<List<int>>()")]
    [InlineData("var l = new List<int>();\nl.Sort();", "RC1031", "l.Sort()")]
    [InlineData("int[] a = { 1 };\nConsole.WriteLine(a[^1]);", "RC1032", "^1")]
    [InlineData("foreach (var c in \"ab\") { }", "RC1013", "\"ab\"")]
    [InlineData("try { } catch { }", "RC1008", "try { } catch { }")]
    [InlineData("var d = new System.Collections.Generic.Dictionary<int, int>();", "RC1029", "new System.Collections.Generic.Dictionary<int, int>()")]
    [InlineData("T Id<T>(T x) => x;", "RC1009", "<T>")]
    [InlineData("var f = () => 1;", "RC1014", "() => 1")]
    [InlineData("System.Action a = () => Robot.Stop();", "RC1014", "() => Robot.Stop()")]
    [InlineData("long big = 5;", "RC1017", "big = 5")]
    [InlineData("string s = null;", "RC1028", "null")]
    [InlineData("int x = 1;\nvoid F() { Every(100, () => x++); }\nF();", "RC1019", "Every(100, () => x++)")]
    [InlineData("int p = 100;\nEvery(p, () => { });", "RC1020", "p")]
    [InlineData("Every(5, () => { });", "RC1020", "5")]
    [InlineData("string m = \"a\";\nOnMessage(m, () => { });", "RC1021", "m")]
    [InlineData("Console.WriteLine(System.DateTime.Now);", "RC1018", "System.DateTime.Now")]
    [InlineData("Console.WriteLine(\"a\".LastIndexOf(\"a\"));", "RC1018", "\"a\".LastIndexOf(\"a\")")]
    [InlineData("double t = 1.5;\nConsole.WriteLine($\"{t:0.00}\");", "RC1024", ":0.00")]
    [InlineData("Console.WriteLine(1.5.ToString(\"D2\"));", "RC1024", "\"D2\"")]
    [InlineData("a: goto a;", "RC1015", "a: goto a;")]
    public void Unsupported_constructs_get_their_diagnostic_and_span(string source, string id, string spanText)
    {
        Single(source, id, spanText);
    }

    [Fact]
    public void Every_message_is_translated_with_diacritics()
    {
        Assert.Equal(UnsupportedConstructs.All.Count, UnsupportedConstructs.All.Select(u => u.Id).Distinct().Count());
        foreach (var u in UnsupportedConstructs.All)
        {
            Assert.Matches(@"^RC1\d{3}$", u.Id);
            Assert.NotEqual(u.MessageEn, u.MessageRo);
            Assert.DoesNotContain("ş", u.MessageRo); // cedilla forms are wrong in Romanian: ș ț
            Assert.DoesNotContain("ţ", u.MessageRo);
        }
    }

    [Fact]
    public void Roslyn_errors_reach_the_child_translated_at_the_right_place()
    {
        string source = "int x = \"text\";\nConsole.WriteLine(y);\nWiat(100);";
        var r = ChildCompiler.Compile(source);
        Assert.False(r.Success);
        Assert.Null(r.Image);
        Assert.Contains(r.Errors, d => d.Id == "CS0029" && d.Line == 1 && source.Substring(d.Start, d.Length) == "\"text\""
            && d.MessageEn.Contains("Text in quotes is not a number") && !string.IsNullOrEmpty(d.MessageRo));
        Assert.Contains(r.Errors, d => d.Id == "CS0103" && d.Line == 2 && d.Column == 19 && d.MessageEn.Contains("`y`"));
        // did-you-mean from the child API
        Assert.Contains(r.Errors, d => d.Id == "CS0103" && d.Line == 3 && d.MessageEn.Contains("`Wait`") && d.MessageRo!.Contains("`Wait`"));
    }

    [Fact]
    public void Syntax_errors_are_passed_through()
    {
        var r = ChildCompiler.Compile("Robot.Forward(50)\n");
        Assert.Contains(r.Errors, d => d.Id == "CS1002");
    }
}
