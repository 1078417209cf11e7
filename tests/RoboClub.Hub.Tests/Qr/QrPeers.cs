using System.Diagnostics;

namespace RoboClub.Hub.Tests.Qr;

/// <summary>
/// The third-party programs the QR tests check against: python3-qrcode (a reference encoder),
/// zbarimg from zbar-tools (a reader) and rsvg-convert from librsvg2-bin (an SVG renderer). test.sh installs their Debian packages; without them the
/// peer tests are skipped with a message saying so, rather than passing silently.
/// </summary>
static class QrPeers
{
    // The system Python: Debian's python3-qrcode is not visible to pyenv or venv interpreters.
    public const string Python = "/usr/bin/python3";
    public const string Zbarimg = "/usr/bin/zbarimg";
    // An SVG renderer (librsvg, as in GNOME and many browsers' lineage): zbarimg's ImageMagick draws our SVG blank.
    public const string RsvgConvert = "/usr/bin/rsvg-convert";

    static readonly Lazy<string?> s_pythonMissing = new(() =>
        Run(Python, ["-c", "import qrcode"], "", TimeSpan.FromSeconds(30)).ExitCode == 0
            ? null
            : $"python3-qrcode is not installed ({Python} cannot import qrcode); install it with: apt-get install python3-qrcode");

    static readonly Lazy<string?> s_zbarMissing = new(() =>
        File.Exists(Zbarimg) ? null : $"zbarimg is not installed ({Zbarimg}); install it with: apt-get install zbar-tools");

    static readonly Lazy<string?> s_rsvgMissing = new(() =>
        ZbarMissing ?? (File.Exists(RsvgConvert) ? null : $"rsvg-convert is not installed ({RsvgConvert}); install it with: apt-get install librsvg2-bin"));

    public static string? RsvgMissing => s_rsvgMissing.Value;
    public static string? PythonMissing => s_pythonMissing.Value;
    public static string? ZbarMissing => s_zbarMissing.Value;

    public static (int ExitCode, string StdOut, string StdErr) Run(string file, string[] args, string stdin, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e) { return (-1, "", e.Message); }
        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:0} s");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}

/// <summary>A fact that needs python3-qrcode; skipped, with the install hint, when it is missing.</summary>
public sealed class PythonQrFactAttribute : FactAttribute
{
    public PythonQrFactAttribute() { if (QrPeers.PythonMissing is string why) Skip = why; }
}

/// <summary>A theory that needs python3-qrcode.</summary>
public sealed class PythonQrTheoryAttribute : TheoryAttribute
{
    public PythonQrTheoryAttribute() { if (QrPeers.PythonMissing is string why) Skip = why; }
}

/// <summary>A theory that needs zbarimg.</summary>
public sealed class ZbarTheoryAttribute : TheoryAttribute
{
    public ZbarTheoryAttribute() { if (QrPeers.ZbarMissing is string why) Skip = why; }
}

/// <summary>A theory that needs rsvg-convert and zbarimg.</summary>
public sealed class RsvgTheoryAttribute : TheoryAttribute
{
    public RsvgTheoryAttribute() { if (QrPeers.RsvgMissing is string why) Skip = why; }
}

/// <summary>A fact that needs zbarimg.</summary>
public sealed class ZbarFactAttribute : FactAttribute
{
    public ZbarFactAttribute() { if (QrPeers.ZbarMissing is string why) Skip = why; }
}
