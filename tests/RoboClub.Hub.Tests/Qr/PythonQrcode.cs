using System.Text.Json;
using RoboClub.Hub.Qr;

namespace RoboClub.Hub.Tests.Qr;

/// <summary>What python3-qrcode made for one request.</summary>
public sealed record PythonSymbol(int Version, int Mask, string[] Rows)
{
    public bool this[int x, int y] => Rows[y][x] == '1';
}

/// <summary>
/// Drives python3-qrcode (qrcode.QRCode with box_size=1, border=0) in one process per batch, since a
/// process per symbol would be slow. Text goes in with add_data(optimize=0): one segment in the most
/// compact single mode, the same choice our encoder makes (optimize=20 would split long digit runs).
/// </summary>
static class PythonQrcode
{
    const string Script = """
        import json, sys
        import qrcode, qrcode.base, qrcode.constants as c
        LEVELS = {"L": c.ERROR_CORRECT_L, "M": c.ERROR_CORRECT_M, "Q": c.ERROR_CORRECT_Q, "H": c.ERROR_CORRECT_H}
        out = []
        for r in json.load(sys.stdin):
            if r.get("blocks"):
                out.append({lv: [[[b.total_count, b.data_count] for b in qrcode.base.rs_blocks(v, LEVELS[lv])]
                                 for v in range(1, 41)] for lv in LEVELS})
                continue
            qr = qrcode.QRCode(version=r["version"], error_correction=LEVELS[r["level"]], box_size=1, border=0,
                               mask_pattern=r["mask"])
            qr.add_data(r["text"], optimize=0)
            if r["mask"] is None:
                # What make() does, keeping the mask it picks (make() does not store it).
                qr.best_fit(start=qr._version)
                mask = qr.best_mask_pattern()
                qr.makeImpl(False, mask)
            else:
                qr.make(fit=True)
                mask = r["mask"]
            out.append({"version": qr.version, "mask": mask,
                        "rows": ["".join("1" if m else "0" for m in row) for row in qr.modules]})
        json.dump(out, sys.stdout)
        """;

    public static string LevelLetter(QrErrorCorrection level) => level.ToString()[..1];

    /// <summary>Symbols for (text, level, smallest version or null, mask or null for python's own choice).</summary>
    public static PythonSymbol[] Encode(IEnumerable<(string Text, QrErrorCorrection Level, int? Version, int? Mask)> requests)
    {
        var json = JsonSerializer.Serialize(requests.Select(r => new
        {
            text = r.Text,
            level = LevelLetter(r.Level),
            version = r.Version,
            mask = r.Mask,
        }));
        using var doc = JsonDocument.Parse(RunScript(json));
        return doc.RootElement.EnumerateArray().Select(e => new PythonSymbol(
            e.GetProperty("version").GetInt32(),
            e.GetProperty("mask").GetInt32(),
            e.GetProperty("rows").EnumerateArray().Select(row => row.GetString()!).ToArray())).ToArray();
    }

    /// <summary>python-qrcode's block table: level letter → per version (1–40) → blocks as (total, data) codewords.</summary>
    public static Dictionary<string, int[][][]> Blocks()
    {
        string output = RunScript("""[{"blocks": true}]""");
        return JsonSerializer.Deserialize<Dictionary<string, int[][][]>[]>(output)![0];
    }

    static string RunScript(string stdinJson)
    {
        var (exit, stdout, stderr) = QrPeers.Run(QrPeers.Python, ["-c", Script], stdinJson, TimeSpan.FromMinutes(5));
        if (exit != 0) throw new InvalidOperationException($"python3-qrcode failed (exit {exit}):\n{stderr}");
        return stdout;
    }
}
