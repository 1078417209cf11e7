using System.Net;
using System.Text;
using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Qr;

namespace RoboClub.Hub.Flashing;

/// <summary>
/// A printable A4 page of board labels: the big name, robot or weather station, the club, and a QR
/// code opening the board's page on the hub (so anyone can scan a board to find it). 3 × 8 labels of
/// 70 × 37 mm, the common sticker sheet; the browser's print dialog does the rest.
/// </summary>
public static class LabelSheet
{
    public static string Html(IEnumerable<InventoryBoard> boards, string hubUrl, string lang)
    {
        bool ro = lang == "ro";
        var page = new StringBuilder();
        page.Append($"""
            <!doctype html><html lang="{(ro ? "ro" : "en")}"><head><meta charset="utf-8"><title>{(ro ? "Etichete RoboClub" : "RoboClub labels")}</title>
            <style>
            @page {"{"} size: A4; margin: 10mm 0 0 0; {"}"}
            body {"{"} margin: 0; font-family: system-ui, sans-serif; {"}"}
            .sheet {"{"} display: grid; grid-template-columns: repeat(3, 70mm); grid-auto-rows: 37mm; {"}"}
            .label {"{"} box-sizing: border-box; padding: 3mm 4mm; display: flex; gap: 3mm; align-items: center; border: 0.2mm dashed #bbb; break-inside: avoid; {"}"}
            .label svg {"{"} width: 28mm; height: 28mm; flex: none; {"}"}
            .name {"{"} font-size: 15pt; font-weight: 700; white-space: nowrap; {"}"}
            .kind, .club {"{"} font-size: 9pt; color: #333; {"}"}
            .hint {"{"} font-size: 7pt; color: #666; {"}"}
            @media print {"{"} .noprint {"{"} display: none; {"}"} .label {"{"} border-color: transparent; {"}"} {"}"}
            </style></head><body>
            <p class="noprint"><button onclick="print()">{(ro ? "Tipărește" : "Print")}</button> {(ro ? "Foaie A4 cu 3 × 8 etichete de 70 × 37 mm." : "A4 sheet of 3 × 8 labels, 70 × 37 mm.")}</p>
            <div class="sheet">
            """);
        foreach (var b in boards)
        {
            string url = BoardUrl(hubUrl, b.Name);
            bool weather = BoardKits.TryParse(b.Profile, out var kit) && kit.Kind() == BoardKind.Weather;
            string kind = weather ? (ro ? "stație meteo" : "weather station") : "robot";
            page.Append($"""
                <div class="label" data-board="{Enc(b.Name)}">{QrCode.Encode(url, QrErrorCorrection.Medium).ToSvg(quietZone: 1)}<div>
                <div class="name">{Enc(b.Name)}</div><div class="kind">{Enc(kind)}</div><div class="club">{Enc(b.Club)}</div>
                <div class="hint">{(ro ? "Scanează ca să găsești plăcuța" : "Scan to find this board")}</div></div></div>
                """);
        }
        page.Append("</div></body></html>");
        return page.ToString();
    }

    /// <summary>The board's page: the editor with this board chosen.</summary>
    public static string BoardUrl(string hubUrl, string board) => hubUrl.TrimEnd('/') + "/?board=" + Uri.EscapeDataString(board);

    static string Enc(string s) => WebUtility.HtmlEncode(s);
}
