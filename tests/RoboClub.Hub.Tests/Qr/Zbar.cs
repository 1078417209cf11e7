namespace RoboClub.Hub.Tests.Qr;

/// <summary>
/// Reads QR codes with zbarimg. Images are written as binary PGM (P5), which zbarimg's ImageMagick
/// reads without any extra delegate, unlike SVG (needs a renderer) or PNG (needs a writer here).
/// </summary>
static class Zbar
{
    /// <summary>An image of <paramref name="width"/>×<paramref name="height"/> cells, each <paramref name="scale"/> pixels square; dark(x, y) says which cells are black.</summary>
    public static byte[] Pgm(int width, int height, int scale, Func<int, int, bool> dark)
    {
        var header = System.Text.Encoding.ASCII.GetBytes($"P5\n{width * scale} {height * scale}\n255\n");
        var image = new byte[header.Length + width * scale * height * scale];
        header.CopyTo(image, 0);
        int i = header.Length;
        for (int py = 0; py < height * scale; py++)
            for (int px = 0; px < width * scale; px++)
                image[i++] = dark(px / scale, py / scale) ? (byte)0 : (byte)255;
        return image;
    }

    /// <summary>The texts zbarimg finds in the image (its usual charset guessing on, as a phone app would).</summary>
    public static string[] Decode(byte[] image, string extension = ".pgm")
    {
        string path = Path.Combine(Path.GetTempPath(), $"roboclub-qr-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, image);
        try
        {
            // -q: just "QR-Code:<text>" lines; exit 4 means it ran but found nothing. QR only: in big
            // images the 1-D decoders sometimes "find" a Codabar in the module pattern.
            var (exit, stdout, stderr) = QrPeers.Run(QrPeers.Zbarimg,
                ["-q", "--nodbus", "-Sdisable", "-Sqrcode.enable", path], "", TimeSpan.FromMinutes(1));
            if (exit is not (0 or 4)) throw new InvalidOperationException($"zbarimg failed (exit {exit}):\n{stderr}");
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.StartsWith("QR-Code:", StringComparison.Ordinal) ? line["QR-Code:".Length..] : "?" + line)
                .ToArray();
        }
        finally { File.Delete(path); }
    }
}
