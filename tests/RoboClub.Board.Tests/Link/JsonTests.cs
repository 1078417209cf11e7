using System.Text;
using RoboClub.Board.Link;

namespace RoboClub.Board.Tests.Link;

public class JsonTests
{
    private static string Write(Action<JsonWriter> build)
    {
        var w = new JsonWriter();
        build(w);
        return w.ToString();
    }

    [Fact]
    public void Writer_places_commas_and_nests()
    {
        string s = Write(w => w.BeginObject()
            .Property("a", 1L)
            .Name("b").BeginArray().Number(1L).Number(2.5).Bool(true).Null().String("x").BeginObject().EndObject().EndArray()
            .Property("c", false)
            .EndObject());
        Assert.Equal("{\"a\":1,\"b\":[1,2.5,true,null,\"x\",{}],\"c\":false}", s);
    }

    [Fact]
    public void Writer_escapes_and_keeps_unicode()
    {
        string s = Write(w => w.String("a\"b\\c\n\r\t\b\f\u0001/ș ț ă î â 😀"));
        Assert.Equal("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001/ș ț ă î â 😀\"", s);
    }

    [Fact]
    public void Writer_replaces_lone_surrogates()
    {
        string s = Write(w => w.String("x\uD800y\uDC00"));
        Assert.Equal("\"x\uFFFDy\uFFFD\"", s);
        Assert.Equal("x\uFFFDy\uFFFD", JsonReader.Parse(s).Text);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(21.5, "21.5")]
    [InlineData(-3.0, "-3")]
    [InlineData(1e20, "1E+20")]
    [InlineData(0.1, "0.1")]
    [InlineData(double.NaN, "null")]
    [InlineData(double.PositiveInfinity, "null")]
    public void Writer_numbers(double value, string expected)
    {
        Assert.Equal(expected, Write(w => w.Number(value)));
    }

    [Fact]
    public void Writer_negative_zero_is_zero()
    {
        Assert.Equal("0", Write(w => w.Number(-0.0)));
    }

    [Fact]
    public void Writer_refuses_misuse()
    {
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().BeginObject().Number(1L));
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().BeginArray().Name("x"));
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().BeginArray().EndObject());
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().Number(1L).Number(2L));
        Assert.Throws<InvalidOperationException>(() => new JsonWriter().BeginObject().ToUtf8());
    }

    [Fact]
    public void Round_trip_of_every_kind()
    {
        var w = new JsonWriter();
        w.BeginObject()
            .Property("text", "Bună ziua, ș ț ă î â \"citat\" \\ \u0007 😀")
            .Property("int", long.MaxValue)
            .Property("neg", -123456789012L)
            .Property("dbl", 3.14159)
            .Property("small", 1.5e-7)
            .Property("t", true)
            .Name("n").Null()
            .Name("arr").BeginArray().Number(1L).BeginArray().String("deep").EndArray().EndArray()
            .EndObject();
        JsonNode n = JsonReader.Parse(w.ToUtf8());
        Assert.Equal(JsonKind.Object, n.Kind);
        Assert.Equal("Bună ziua, ș ț ă î â \"citat\" \\ \u0007 😀", n.Get("text")!.Text);
        Assert.True(n.Get("int")!.IsInteger);
        Assert.Equal(long.MaxValue, n.Get("int")!.Integer);
        Assert.Equal(-123456789012L, n.Get("neg")!.Integer);
        Assert.Equal(3.14159, n.Get("dbl")!.Number);
        Assert.False(n.Get("dbl")!.IsInteger);
        Assert.Equal(1.5e-7, n.Get("small")!.Number);
        Assert.True(n.Get("t")!.Bool);
        Assert.Equal(JsonKind.Null, n.Get("n")!.Kind);
        Assert.Equal("deep", n.Get("arr")![1][0].Text);
        Assert.Null(n.Get("missing"));
        Assert.Equal("arr", n.NameAt(7));
    }

    [Fact]
    public void Reader_decodes_escapes()
    {
        JsonNode n = JsonReader.Parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u0219 \\ud83d\\ude00\"");
        Assert.Equal("\" \\ / \b \f \n \r \t A ș 😀", n.Text);
    }

    [Fact]
    public void Reader_accepts_whitespace_and_numbers()
    {
        JsonNode n = JsonReader.Parse(" \t\r\n[0, -0, 12, -7.25, 1e3, 2E-2, 1.5e+2, 123456789012345678, 12345678901234567890, -9223372036854775808, 9223372036854775808] ");
        Assert.Equal(11, n.Count);
        Assert.Equal(0, n[0].Integer);
        Assert.Equal(12, n[2].Integer);
        Assert.Equal(-7.25, n[3].Number);
        Assert.Equal(1000, n[4].Number);
        Assert.Equal(0.02, n[5].Number);
        Assert.Equal(150, n[6].Number);
        Assert.Equal(123456789012345678L, n[7].Integer);
        Assert.False(n[8].IsInteger); // beyond a long: kept as a double
        Assert.Equal(12345678901234567890.0, n[8].Number);
        Assert.Equal(long.MinValue, n[9].Integer);
        Assert.False(n[10].IsInteger);
    }

    [Theory]
    [InlineData("", "empty input")]
    [InlineData("   ", "empty input")]
    [InlineData("{", "expected a member name")]
    [InlineData("{\"a\":1,}", "expected a member name")]
    [InlineData("[1,]", "expected a value")]
    [InlineData("[1 2]", "expected ',' or ']'")]
    [InlineData("{\"a\" 1}", "expected ':'")]
    [InlineData("{'a':1}", "expected a member name")]
    [InlineData("{a:1}", "expected a member name")]
    [InlineData("{\"a\":1,\"a\":2}", "duplicate member \"a\"")]
    [InlineData("[01]", "leading zero")]
    [InlineData("[-]", "a digit must follow '-'")]
    [InlineData("[1.]", "a digit must follow '.'")]
    [InlineData("[.5]", "expected a value")]
    [InlineData("[+1]", "expected a value")]
    [InlineData("[1e]", "a digit must follow the exponent")]
    [InlineData("[1e999]", "number out of range")]
    [InlineData("NaN", "expected a value")]
    [InlineData("[Infinity]", "expected a value")]
    [InlineData("tru", "invalid literal")]
    [InlineData("nul", "invalid literal")]
    [InlineData("\"abc", "unterminated string")]
    [InlineData("\"a\tb\"", "control character 0x09")]
    [InlineData("\"\\x\"", "invalid escape")]
    [InlineData("\"\\u12\"", "four hex digits")]
    [InlineData("\"\\u12G4\"", "four hex digits")]
    [InlineData("\"\\ud800\"", "high surrogate not followed")]
    [InlineData("\"\\ud800\\u0041\"", "high surrogate not followed by a low surrogate")]
    [InlineData("\"\\udc00\"", "lone low surrogate")]
    [InlineData("{} {}", "after the value")]
    [InlineData("[1] x", "after the value")]
    [InlineData("/* c */ 1", "expected a value")]
    public void Reader_rejects_malformed_input_clearly(string json, string expectedPart)
    {
        var e = Assert.Throws<JsonException>(() => JsonReader.Parse(json));
        Assert.Contains(expectedPart, e.Message);
        Assert.StartsWith("JSON: ", e.Message);
        Assert.Contains(" at byte ", e.Message);
    }

    [Fact]
    public void Reader_reports_the_byte_position()
    {
        var e = Assert.Throws<JsonException>(() => JsonReader.Parse("{\"a\":1,\"b\":x}"));
        Assert.Equal(11, e.Position);
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xC3, 0x28, 0x22 })]             // bad continuation
    [InlineData(new byte[] { 0x22, 0xC0, 0xAF, 0x22 })]             // overlong '/'
    [InlineData(new byte[] { 0x22, 0xE0, 0x80, 0xAF, 0x22 })]       // overlong, 3 bytes
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })]       // encoded surrogate
    [InlineData(new byte[] { 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22 })] // above U+10FFFF
    [InlineData(new byte[] { 0x22, 0xFF, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xE2, 0x82 })]                    // truncated
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x31 })]             // BOM
    public void Reader_rejects_invalid_utf8(byte[] bytes)
    {
        Assert.Throws<JsonException>(() => JsonReader.Parse(bytes));
    }

    [Fact]
    public void Reader_decodes_every_utf8_length()
    {
        string text = "a\u00e9\u0219\u20ac\U0001F600";
        JsonNode n = JsonReader.Parse(Encoding.UTF8.GetBytes("\"" + text + "\""));
        Assert.Equal(text, n.Text);
    }

    [Fact]
    public void Depth_limit()
    {
        string ok = new string('[', 16) + new string(']', 16);
        Assert.Equal(JsonKind.Array, JsonReader.Parse(ok).Kind);
        string deep = new string('[', 17) + new string(']', 17);
        var e = Assert.Throws<JsonException>(() => JsonReader.Parse(deep));
        Assert.Contains("nesting deeper than 16", e.Message);
        var e2 = Assert.Throws<JsonException>(() => JsonReader.Parse(Encoding.UTF8.GetBytes("{\"a\":{\"b\":{}}}"), 100, 2));
        Assert.Contains("nesting deeper than 2", e2.Message);
    }

    [Fact]
    public void Size_and_member_limits()
    {
        byte[] big = Encoding.UTF8.GetBytes("\"" + new string('x', 100) + "\"");
        var e = Assert.Throws<JsonException>(() => JsonReader.Parse(big, 50, 4));
        Assert.Contains("over the limit of 50", e.Message);
        Assert.Equal(100, JsonReader.Parse(big, 102, 4).Text.Length);

        string members = "{" + string.Join(",", Enumerable.Range(0, 65).Select(i => "\"k" + i + "\":0")) + "}";
        var e3 = Assert.Throws<JsonException>(() => JsonReader.Parse(members));
        Assert.Contains("more than 64 members", e3.Message);
    }

    [Fact]
    public void Random_garbage_never_escapes_as_another_exception()
    {
        var rng = new Random(7);
        string alphabet = "{}[]\",:0123456789-+.eEtrufalsn \\u\"ș";
        for (int i = 0; i < 20000; i++)
        {
            var sb = new StringBuilder();
            int len = rng.Next(1, 20);
            for (int j = 0; j < len; j++)
            {
                sb.Append(alphabet[rng.Next(alphabet.Length)]);
            }

            try
            {
                JsonReader.Parse(sb.ToString());
            }
            catch (JsonException)
            {
            }
        }
    }
}
