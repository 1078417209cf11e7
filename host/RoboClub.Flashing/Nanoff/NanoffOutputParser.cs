using System.Globalization;
using System.Text.RegularExpressions;

namespace RoboClub.Flashing.Nanoff;

/// <summary>
/// Turns nanoff's console lines into <see cref="NanoffEvent"/>s. nanoff prints errors as
/// "Error E4005: Failed to open specified COM port." (its ExitCodes enum and Display names), the
/// chip under "Connected to:", "MAC: 24:0a:c4:..", "Updating to 1.12.0.123" and percentages while writing.
/// Unknown lines pass through as plain lines, so a new nanoff version degrades to a log, not a crash.
/// </summary>
public static partial class NanoffOutputParser
{
    [GeneratedRegex(@"\bError (E\d{4})\b")] private static partial Regex ErrorCode();
    [GeneratedRegex(@"\(?\b(\d{1,3}(?:\.\d+)?) ?%")] private static partial Regex Percent();
    [GeneratedRegex(@"\b(ESP32(?:-[A-Z0-9]+)*)\b", RegexOptions.IgnoreCase)] private static partial Regex Chip();
    [GeneratedRegex(@"\bMAC:?\s*((?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2})")] private static partial Regex Mac();
    [GeneratedRegex(@"\b(?:Updating to|Firmware version|Flashing version|firmware package) v?(\d+\.\d+\.\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)] private static partial Regex Version();

    /// <summary>Stateful because the chip name comes on the line after "Connected to:".</summary>
    public sealed class Session
    {
        bool _chipNext;

        public IEnumerable<NanoffEvent> Read(string line)
        {
            string text = line.TrimEnd();
            yield return new(NanoffEventKind.Line, text);
            if (text.Length == 0) yield break;
            if (ErrorCode().Match(text) is { Success: true } e) { yield return new(NanoffEventKind.Error, e.Groups[1].Value); yield break; }
            if (text.StartsWith("Connected to", StringComparison.OrdinalIgnoreCase)) { _chipNext = true; yield break; }
            if ((_chipNext || text.StartsWith("Chip is", StringComparison.OrdinalIgnoreCase)) && Chip().Match(text) is { Success: true } chip)
            {
                _chipNext = false;
                yield return new(NanoffEventKind.Chip, chip.Groups[1].Value.ToUpperInvariant());
            }
            if (Mac().Match(text) is { Success: true } mac) yield return new(NanoffEventKind.Mac, mac.Groups[1].Value.Replace('-', ':').ToLowerInvariant());
            if (Version().Match(text) is { Success: true } v) yield return new(NanoffEventKind.FirmwareVersion, v.Groups[1].Value);
            if (PhaseOf(text) is { } phase) yield return new(NanoffEventKind.Phase, phase);
            if (Percent().Match(text) is { Success: true } p && double.TryParse(p.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double pct) && pct <= 100)
                yield return new(NanoffEventKind.Percent, text, (int)pct);
        }
    }

    /// <summary>The step nanoff is in, by the verb its line starts with.</summary>
    static string? PhaseOf(string text)
    {
        string t = text.TrimStart('.', ' ').ToLowerInvariant();
        if (t.StartsWith("reading details", StringComparison.Ordinal) || t.StartsWith("connecting", StringComparison.Ordinal)) return "connect";
        if (t.StartsWith("erasing", StringComparison.Ordinal)) return "erase";
        if (t.StartsWith("writing", StringComparison.Ordinal) || t.StartsWith("flashing", StringComparison.Ordinal) || t.StartsWith("updating", StringComparison.Ordinal)) return "write";
        if (t.StartsWith("deploying", StringComparison.Ordinal)) return "deploy";
        if (t.StartsWith("verifying", StringComparison.Ordinal)) return "verify";
        if (t.StartsWith("downloading", StringComparison.Ordinal)) return "download";
        return null;
    }
}
