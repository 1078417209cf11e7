using RoboClub.Hub.Qr;

namespace RoboClub.Hub.Tests.Qr;

/// <summary>A real reader, zbarimg, must get the text back from what we draw: the plain module grid, the terminal text and the SVG.</summary>
public sealed class QrZbarTests
{
    public static TheoryData<string, QrErrorCorrection> Inputs()
    {
        var data = new TheoryData<string, QrErrorCorrection>();
        foreach (string text in QrTestTexts.Samples) data.Add(text, QrErrorCorrection.Medium);
        foreach (var level in QrTestTexts.Levels)
        {
            if (level != QrErrorCorrection.Medium) data.Add("http://192.168.1.23:5180/", level); // Medium is in Samples
            data.Add(QrTestTexts.OfUtf8Length(QrTestTexts.ByteCapacity[level][9]), level); // version 10, full
        }
        data.Add(QrTestTexts.OfUtf8Length(1000), QrErrorCorrection.Medium); // version 27: three alignment rows, version info
        data.Add(QrTestTexts.OfUtf8Length(2953), QrErrorCorrection.Low);    // version 40
        return data;
    }

    [ZbarTheory]
    [MemberData(nameof(Inputs))]
    public void Zbarimg_reads_the_symbol(string text, QrErrorCorrection level)
    {
        QrCode qr = QrCode.Encode(text, level);
        const int quiet = 4;
        byte[] image = Zbar.Pgm(qr.Size + 2 * quiet, qr.Size + 2 * quiet, 4, (x, y) => qr[x - quiet, y - quiet]);
        Assert.Equal([text], Zbar.Decode(image));
    }

    /// <summary>Every mask must read, not just the ones the penalty happens to pick for the samples.</summary>
    [ZbarTheory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)]
    [InlineData(4)] [InlineData(5)] [InlineData(6)] [InlineData(7)]
    public void Zbarimg_reads_every_mask(int mask)
    {
        const string text = "http://192.168.1.23:5180/ ș ț ă î â";
        QrCode qr = QrCode.Encode(text, QrErrorCorrection.Quartile, minVersion: 7, mask: mask); // 7+: version information too
        byte[] image = Zbar.Pgm(qr.Size + 8, qr.Size + 8, 4, (x, y) => qr[x - 4, y - 4]);
        Assert.Equal([text], Zbar.Decode(image));
    }

    /// <summary>
    /// The terminal text drawn as a dark terminal shows it: glyph ink light, background dark, each
    /// character one module wide and two tall. Nothing outside the text is added, so the 2-module
    /// quiet zone in the text is all the reader gets.
    /// </summary>
    [ZbarTheory]
    [InlineData("http://192.168.1.23:5180/", false)]
    [InlineData("http://10.0.0.7:5180/join?club=robo&t=8f3a", false)]
    [InlineData("Bună ziua, roboți!", false)]
    [InlineData("http://192.168.1.23:5180/", true)]
    public void Zbarimg_reads_the_terminal_rendering(string text, bool lightBackground)
    {
        string[] lines = QrCode.Encode(text).ToTerminal(lightBackground).TrimEnd('\n').Split('\n');
        byte[] image = Zbar.Pgm(lines[0].Length, lines.Length * 2, 4, (x, y) =>
        {
            char c = lines[y / 2][x];
            bool ink = y % 2 == 0 ? c is '█' or '▀' : c is '█' or '▄';
            return lightBackground ? ink : !ink; // dark terminal: ink is light
        });
        Assert.Equal([text], Zbar.Decode(image));
    }

    /// <summary>
    /// The SVG as a real renderer draws it: librsvg's rsvg-convert makes a PNG (4 px per module), zbarimg
    /// reads that. zbarimg cannot take the SVG itself: its ImageMagick SVG coder, without librsvg, draws it blank.
    /// </summary>
    [RsvgTheory]
    [InlineData("http://192.168.1.23:5180/")]
    [InlineData("Bună ziua, roboți!")]
    [InlineData(QrTestTexts.Romanian + QrTestTexts.Romanian)]
    public void Zbarimg_reads_the_svg_as_rsvg_draws_it(string text)
    {
        string svg = QrCode.Encode(text).ToSvg();
        string png = Path.Combine(Path.GetTempPath(), $"roboclub-qr-{Guid.NewGuid():N}.png");
        try
        {
            var (exit, _, stderr) = QrPeers.Run(QrPeers.RsvgConvert, ["--zoom", "4", "--output", png], svg, TimeSpan.FromMinutes(1));
            Assert.True(exit == 0, $"rsvg-convert failed (exit {exit}): {stderr}");
            Assert.Equal([text], Zbar.Decode(File.ReadAllBytes(png), ".png"));
        }
        finally { File.Delete(png); }
    }
}
