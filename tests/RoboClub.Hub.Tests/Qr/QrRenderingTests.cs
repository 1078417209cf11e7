using System.Text.RegularExpressions;
using RoboClub.Hub.Qr;

namespace RoboClub.Hub.Tests.Qr;

public sealed partial class QrRenderingTests
{
    [Theory]
    [InlineData("http://192.168.1.23:5180/")]   // version 2, 25 modules
    [InlineData("A")]                           // version 1, 21 modules
    [InlineData(QrTestTexts.Romanian)]
    public void Terminal_text_is_the_matrix_in_half_blocks_with_a_two_module_quiet_zone(string text)
    {
        QrCode qr = QrCode.Encode(text);
        foreach (bool lightBackground in new[] { false, true })
        {
            string rendered = qr.ToTerminal(lightBackground);
            Assert.EndsWith("\n", rendered);
            string[] lines = rendered[..^1].Split('\n');
            int width = qr.Size + 4;
            Assert.Equal((width + 1) / 2, lines.Length);
            Assert.All(lines, line => Assert.Equal(width, line.Length));
            Assert.All(rendered, c => Assert.Contains(c, "▀▄█ \n"));
            for (int y = -2; y < qr.Size + 3; y++)     // one half row past the quiet zone, also light
                for (int x = -2; x < qr.Size + 2; x++)
                {
                    char c = lines[(y + 2) / 2][x + 2];
                    bool ink = (y + 2) % 2 == 0 ? c is '█' or '▀' : c is '█' or '▄';
                    Assert.True(ink == (qr[x, y] == lightBackground), $"module ({x}, {y}) lightBackground={lightBackground}");
                }
        }
    }

    [Fact]
    public void Dark_terminal_default_draws_light_modules_so_the_quiet_zone_is_solid_ink()
    {
        string[] lines = QrCode.Encode("http://192.168.1.23:5180/").ToTerminal().Split('\n');
        Assert.Equal(new string('█', 29), lines[0]);        // quiet-zone rows -2 and -1
        // Rows 0 and 1 of the finder: its dark top edge is background, the light ring below it is ink (▄).
        Assert.Equal("██ ▄▄▄▄▄ █", lines[1][..10]);
    }

    [Theory]
    [InlineData("http://192.168.1.23:5180/", 4)]
    [InlineData(QrTestTexts.Romanian, 4)]
    [InlineData("1", 0)]
    public void Svg_path_draws_exactly_the_dark_modules_inside_its_quiet_zone(string text, int quiet)
    {
        QrCode qr = QrCode.Encode(text);
        string svg = qr.ToSvg(quiet);
        var (width, dark) = RasteriseSvg(svg);
        Assert.Equal(qr.Size + 2 * quiet, width);
        for (int y = 0; y < width; y++)
            for (int x = 0; x < width; x++)
                Assert.True(dark[y, x] == qr[x - quiet, y - quiet], $"({x}, {y})");
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.DoesNotContain("\n", svg);
    }

    [Fact]
    public void Svg_is_compact()
    {
        QrCode qr = QrCode.Encode("http://192.168.1.23:5180/");
        // One subpath per horizontal run; a URL symbol stays well under 4 KB for the page.
        Assert.True(qr.ToSvg().Length < 4096, $"{qr.ToSvg().Length} bytes");
    }

    /// <summary>
    /// Reads back the SVG our renderer writes (a white square, then black "Mx,yhNv1h-Nz" runs) into a
    /// grid. Deliberately strict: anything else in the path is a test failure, not silently ignored.
    /// </summary>
    internal static (int Width, bool[,] Dark) RasteriseSvg(string svg)
    {
        Match box = ViewBox().Match(svg);
        Assert.True(box.Success, "no viewBox");
        int width = int.Parse(box.Groups[1].Value);
        var paths = PathData().Matches(svg);
        Assert.Equal(2, paths.Count);
        Assert.Equal("#fff", paths[0].Groups[1].Value);
        Assert.Equal($"M0,0h{width}v{width}h-{width}z", paths[0].Groups[2].Value);
        Assert.Equal("#000", paths[1].Groups[1].Value);
        var dark = new bool[width, width];
        string rest = Run().Replace(paths[1].Groups[2].Value, m =>
        {
            int x = int.Parse(m.Groups[1].Value), y = int.Parse(m.Groups[2].Value), n = int.Parse(m.Groups[3].Value);
            Assert.Equal(n.ToString(), m.Groups[4].Value);
            for (int i = 0; i < n; i++)
            {
                Assert.False(dark[y, x + i], "overlapping runs");
                dark[y, x + i] = true;
            }
            return "";
        });
        Assert.Equal("", rest);
        return (width, dark);
    }

    [GeneratedRegex(@"viewBox=""0 0 (\d+) \1""")]
    private static partial Regex ViewBox();
    [GeneratedRegex("""<path fill="(#[0-9a-f]{3})" d="([^"]*)"/>""")]
    private static partial Regex PathData();
    [GeneratedRegex(@"M(\d+),(\d+)h(\d+)v1h-(\d+)z")]
    private static partial Regex Run();
}
