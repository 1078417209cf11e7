using System.Globalization;
using System.Text;

namespace RoboClub.Hub.Qr;

/// <summary>Ways to show a <see cref="QrCode"/>: in a terminal and as SVG for the web page.</summary>
public static class QrRendering
{
    /// <summary>Quiet zone in the terminal: the standard asks for 4 modules, but terminals are small and phone readers manage with 2.</summary>
    public const int TerminalQuietZone = 2;

    /// <summary>
    /// The symbol as text, two module rows per line with the half blocks ▀ ▄ █ and space, surrounded by a
    /// 2-module quiet zone. Text ink stands for LIGHT modules and the terminal background for dark ones,
    /// so on the usual dark terminal (light text on a dark background: Linux console, Windows Terminal,
    /// VS Code, most SSH sessions) it shows dark-on-light, as readers expect. On a light-background
    /// terminal pass <paramref name="lightBackground"/> = true to swap, or it would show inverted.
    /// Lines end with '\n'; no colour escapes, so it survives logs and copy-paste.
    /// </summary>
    public static string ToTerminal(this QrCode qr, bool lightBackground = false)
    {
        ArgumentNullException.ThrowIfNull(qr);
        int q = TerminalQuietZone;
        int width = qr.Size + 2 * q;
        var text = new StringBuilder((width + 1) * (width + 1) / 2);
        // The row count is odd; the half row below the last quiet-zone row counts as quiet zone too.
        for (int y = -q; y < qr.Size + q; y += 2)
        {
            for (int x = -q; x < qr.Size + q; x++)
            {
                bool topInk = qr[x, y] == lightBackground;
                bool bottomInk = qr[x, y + 1] == lightBackground;
                text.Append((topInk, bottomInk) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    _ => ' ',
                });
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// A standalone SVG: a white square with one black path of horizontal runs, one unit per module,
    /// with a <paramref name="quietZone"/>-module quiet zone (4 is what the standard asks for). It has a
    /// viewBox and no size, so CSS sets the size; crispEdges keeps module borders sharp when scaled.
    /// </summary>
    public static string ToSvg(this QrCode qr, int quietZone = 4)
    {
        ArgumentNullException.ThrowIfNull(qr);
        ArgumentOutOfRangeException.ThrowIfNegative(quietZone);
        int width = qr.Size + 2 * quietZone;
        var path = new StringBuilder();
        for (int y = 0; y < qr.Size; y++)
            for (int x = 0; x < qr.Size; x++)
            {
                if (!qr[x, y] || qr[x - 1, y]) continue; // start of a dark run only
                int run = 1;
                while (qr[x + run, y]) run++;
                path.Append(CultureInfo.InvariantCulture, $"M{x + quietZone},{y + quietZone}h{run}v1h-{run}z");
            }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + width + "\" shape-rendering=\"crispEdges\">" +
               "<path fill=\"#fff\" d=\"M0,0h" + width + "v" + width + "h-" + width + "z\"/>" +
               "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
