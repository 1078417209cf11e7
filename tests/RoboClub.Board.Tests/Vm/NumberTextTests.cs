using System.Globalization;
using RoboClub.Board.Vm;

namespace RoboClub.Board.Tests.Vm;

/// <summary>The board prints numbers exactly as .NET prints a float with the invariant culture:
/// checked here against .NET itself, for chosen values and for random bit patterns.</summary>
public class NumberTextTests
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    [Theory]
    [InlineData(0f, "0")]
    [InlineData(21.5f, "21.5")]
    [InlineData(-3.25f, "-3.25")]
    [InlineData(100f, "100")]
    [InlineData(0.1f, "0.1")]
    [InlineData(1f / 3, "0.33333334")]
    [InlineData(2f / 3, "0.6666667")]
    [InlineData(1013.25f, "1013.25")]
    [InlineData(123456.7f, "123456.7")]
    [InlineData(0.0123f, "0.0123")]
    [InlineData(1e9f, "1E+09")]
    [InlineData(1e-5f, "1E-05")]
    [InlineData(-0f, "-0")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void Floats_print_as_dotnet_prints_them(float value, string expected)
    {
        Assert.Equal(expected, value.ToString(Inv));
        Assert.Equal(expected, NumberText.Format(value));
    }

    static IEnumerable<float> EdgeValues()
    {
        yield return float.MaxValue; yield return float.MinValue; yield return float.Epsilon; yield return -float.Epsilon;
        yield return BitConverter.Int32BitsToSingle(0x007FFFFF); // largest subnormal
        yield return BitConverter.Int32BitsToSingle(0x00800000); // smallest normal
        for (int p = -45; p <= 38; p++)
        {
            float t = (float)Math.Pow(10, p);
            yield return t; yield return -t;
            yield return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(t) + 1);
            yield return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(t) - 1);
            yield return 9.5f * t; yield return 1.5f * t;
        }
        for (int b = -149; b <= 127; b++) yield return (float)Math.Pow(2, b);
        for (int i = -1000; i <= 1000; i++) { yield return i; yield return i / 10f; yield return i / 100f; yield return i / 3f; }
        yield return 16777216f; yield return 16777217f; yield return 123456789f; yield return 0.3f; yield return 2.5f;
    }

    [Fact]
    public void Edge_values_print_as_dotnet_prints_them()
    {
        foreach (float v in EdgeValues()) Assert.Equal(v.ToString(Inv), NumberText.Format(v));
    }

    [Fact]
    public void Random_bit_patterns_print_as_dotnet_prints_them()
    {
        var rng = new Random(20261121);
        int checkedCount = 0;
        for (int i = 0; i < 150_000; i++)
        {
            float v = BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue));
            string expected = v.ToString(Inv), actual = NumberText.Format(v);
            if (expected != actual) Assert.Fail($"bits 0x{BitConverter.SingleToInt32Bits(v):X8}: .NET {expected}, board {actual}");
            checkedCount++;
        }
        Assert.Equal(150_000, checkedCount);
    }

    static readonly string[] FloatFormats = ["F0", "F1", "F2", "F3", "F", "f2", "N0", "N1", "N", "E", "E2", "e3", "E0", "G", "G1", "G3", "G6", "G9", "g4", "F10", "G12"];

    [Fact]
    public void Float_formats_match_dotnet()
    {
        var rng = new Random(7);
        var values = EdgeValues().ToList();
        for (int i = 0; i < 20_000; i++) values.Add(BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue)));
        for (int i = 0; i < 20_000; i++) values.Add((float)(rng.NextDouble() * 2000 - 1000));
        values.AddRange([0.125f, 0.375f, 2.5f, 3.5f, 0.5f, 1.5f, 0.005f, 9.995f, 99.5f, 999999.5f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity]);
        foreach (float v in values)
            foreach (var f in FloatFormats)
            {
                string expected = v.ToString(f, Inv), actual = NumberText.FormatFloat(v, f);
                if (expected != actual) Assert.Fail($"{v:R} (0x{BitConverter.SingleToInt32Bits(v):X8}) {f}: .NET {expected}, board {actual}");
            }
    }

    static readonly string[] IntFormats = ["D", "D3", "d5", "X", "x", "X4", "x8", "F", "F0", "F2", "N", "N0", "N1", "E", "E2", "G", "G3", "G10"];

    [Fact]
    public void Int_formats_match_dotnet()
    {
        var rng = new Random(11);
        var values = new List<int> { 0, 1, -1, 5, -5, 9, 10, 99, 100, 999, 1000, 12345, -255, 65535, int.MaxValue, int.MinValue, 995, 9995, 1250, 1350 };
        for (int i = 0; i < 5_000; i++) { values.Add(rng.Next(int.MinValue, int.MaxValue)); values.Add(rng.Next(-100_000, 100_000)); }
        foreach (int v in values)
            foreach (var f in IntFormats)
                Assert.Equal(v.ToString(f, Inv), NumberText.FormatInt(v, f));
    }

    [Theory]
    [InlineData("0.00")]
    [InlineData("#")]
    [InlineData("Q2")]
    [InlineData("F100")]
    public void Other_formats_are_refused(string format)
    {
        Assert.Null(NumberText.FormatFloat(1.5f, format));
        Assert.Null(NumberText.FormatInt(1, format));
    }
}

/// <summary>float.Parse on the board (NumberText.TryParseFloat) against .NET's.</summary>
public class NumberParseTests
{
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    static void Same(string text)
    {
        bool ok = float.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, Inv, out float expected);
        bool board = NumberText.TryParseFloat(text, out float actual);
        Assert.True(ok == board, $"'{text}': .NET {(ok ? "parses" : "refuses")}, board {(board ? "parses" : "refuses")}");
        if (ok) Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual)),
            $"'{text}': .NET {expected:R}, board {actual:R}");
    }

    [Theory]
    [InlineData("1.5")] [InlineData("-0.1")] [InlineData(" 42 ")] [InlineData("+3.25e2")] [InlineData("1e-45")] [InlineData("7e-46")] [InlineData("3.4028235e38")]
    [InlineData("3.5e38")] [InlineData("1e39")] [InlineData("-0")] [InlineData("0.000")] [InlineData(".5")] [InlineData("5.")] [InlineData("1,234.5")]
    [InlineData("NaN")] [InlineData("nan")] [InlineData("infinity")] [InlineData("∞")] [InlineData("-nan")] [InlineData("+INFINITY")] [InlineData("- 1")] [InlineData("1 000")] [InlineData("Infinity")] [InlineData("-Infinity")] [InlineData("abc")] [InlineData("")] [InlineData("1e")] [InlineData("1.2.3")]
    [InlineData("--1")] [InlineData("1e5x")] [InlineData("0.1000000000000000000000000000000000000000000000001")] [InlineData("16777217")] [InlineData("1E+10")]
    [InlineData(",5")] [InlineData("1,,2")] [InlineData("1.5,0")] [InlineData("00012")] [InlineData("1e-50")] [InlineData("1.4012984643e-45")] [InlineData("0.7006492321624085e-45")]
    public void Chosen_texts_parse_as_dotnet_parses_them(string text) => Same(text);

    [Fact]
    public void Random_numbers_in_many_spellings_parse_as_dotnet_parses_them()
    {
        var rng = new Random(5);
        for (int i = 0; i < 30_000; i++)
        {
            float v = BitConverter.Int32BitsToSingle(rng.Next(int.MinValue, int.MaxValue));
            if (float.IsNaN(v) || float.IsInfinity(v)) continue;
            Same(v.ToString("R", Inv));
            Same(v.ToString("E" + rng.Next(0, 12), Inv));
            Same(((double)v).ToString("R", Inv));
            Same((v * (1 + rng.NextDouble() * 1e-7)).ToString("G17", Inv));
        }
        for (int i = 0; i < 20_000; i++)
        {
            int digits = rng.Next(1, 30);
            var sb = new System.Text.StringBuilder();
            for (int k = 0; k < digits; k++) sb.Append((char)('0' + rng.Next(10)));
            if (rng.Next(2) == 0) sb.Insert(rng.Next(sb.Length + 1), '.');
            if (rng.Next(2) == 0) sb.Append('e').Append(rng.Next(-60, 45));
            Same(sb.ToString());
        }
    }
}
