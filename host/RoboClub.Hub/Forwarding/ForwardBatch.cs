using System.Text.Json;
using RoboClub.Hub.Boards;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Forwarding;

/// <summary>
/// One batch a club hub sends to its regional hub (README.md, *Batches*):
/// <c>{"format":1,"club":"arad","stream":"…","sequence":12,"series":[{"board":"station-1","series":"temperature","points":[[t,v],…]}]}</c>.
/// (<see cref="Stream"/>, <see cref="Sequence"/>) names the batch: a resent batch has the same name and the same samples.
/// </summary>
public sealed record ForwardBatch(string Club, string Stream, long Sequence, IReadOnlyList<ForwardSeries> Series)
{
    public const int Format = 1;

    /// <summary>Points in one batch at most: ~300 KB of JSON, far below the hub's 2 MB request limit.</summary>
    public const int MaxPoints = 10_000;

    public const int MaxSeriesEntries = 1_000;

    public int PointCount => Series.Sum(s => s.Points.Count);

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("format", Format);
            w.WriteString("club", Club);
            w.WriteString("stream", Stream);
            w.WriteNumber("sequence", Sequence);
            w.WriteStartArray("series");
            foreach (var s in Series)
            {
                w.WriteStartObject();
                w.WriteString("board", s.Board);
                w.WriteString("series", s.Name);
                w.WriteStartArray("points");
                foreach (var p in s.Points)
                {
                    w.WriteStartArray();
                    w.WriteNumberValue(p.TimeMs);
                    w.WriteNumberValue(p.Value);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a batch strictly: every field present and of its type, valid names, finite values,
    /// times 1970–9999, no unknown fields. A bad batch is refused whole (nothing of it is stored),
    /// with what is wrong in English and Romanian.
    /// </summary>
    public static ForwardBatch Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { throw Bad($"The batch is not valid JSON ({e.Message}).", $"Lotul nu e JSON valid ({e.Message})."); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad("The batch must be a JSON object.", "Lotul trebuie să fie un obiect JSON.");
            foreach (var p in root.EnumerateObject())
                if (p.Name is not ("format" or "club" or "stream" or "sequence" or "series"))
                    throw Bad($"Unknown field \"{Clip(p.Name)}\" in the batch.", $"Câmp necunoscut „{Clip(p.Name)}” în lot.");
            if (!root.TryGetProperty("format", out var format) || !format.TryGetInt32(out int f) || f != Format)
                throw Bad($"The batch's \"format\" must be {Format}; this regional hub may be older than the club hub.",
                          $"„format” al lotului trebuie să fie {Format}; hubul regional poate fi mai vechi decât hubul clubului.");
            string club = Name(root, "club", "club");
            string stream = Text(root, "stream");
            if (stream.Length is < 1 or > 64 || !stream.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                throw Bad("The batch's \"stream\" must be 1–64 lowercase letters, digits or '-'.", "„stream” al lotului trebuie să aibă 1–64 de litere mici, cifre sau „-”.");
            if (!root.TryGetProperty("sequence", out var seq) || seq.ValueKind != JsonValueKind.Number || !seq.TryGetInt64(out long sequence) || sequence < 1)
                throw Bad("The batch's \"sequence\" must be a whole number from 1 up.", "„sequence” al lotului trebuie să fie un număr întreg de la 1 în sus.");
            if (!root.TryGetProperty("series", out var list) || list.ValueKind != JsonValueKind.Array)
                throw Bad("The batch needs a \"series\" list.", "Lotului îi lipsește lista „series”.");
            if (list.GetArrayLength() > MaxSeriesEntries)
                throw Bad($"At most {MaxSeriesEntries} series in one batch.", $"Cel mult {MaxSeriesEntries} de serii într-un lot.");
            var series = new List<ForwardSeries>();
            int total = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) throw Bad("Each entry of \"series\" must be an object.", "Fiecare element din „series” trebuie să fie un obiect.");
                foreach (var p in item.EnumerateObject())
                    if (p.Name is not ("board" or "series" or "points"))
                        throw Bad($"Unknown field \"{Clip(p.Name)}\" in a series.", $"Câmp necunoscut „{Clip(p.Name)}” într-o serie.");
                string board = Name(item, "board", "board");
                string name = Name(item, "series", "series");
                if (!item.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array)
                    throw Bad($"The series {board}/{name} needs a \"points\" list.", $"Seriei {board}/{name} îi lipsește lista „points”.");
                total += points.GetArrayLength();
                if (total > MaxPoints) throw Bad($"At most {MaxPoints} points in one batch.", $"Cel mult {MaxPoints} de puncte într-un lot.");
                var samples = new List<TelemetrySample>(points.GetArrayLength());
                foreach (var point in points.EnumerateArray())
                {
                    if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() != 2
                        || point[0].ValueKind != JsonValueKind.Number || !point[0].TryGetInt64(out long t) || t < 0 || t > TimeRange.MaxTimeMs
                        || point[1].ValueKind != JsonValueKind.Number || !point[1].TryGetDouble(out double v) || !double.IsFinite(v))
                        throw Bad($"A point of {board}/{name} is not [time in ms since 1970 (up to 9999), finite number]: {Clip(point.GetRawText())}.",
                                  $"Un punct din {board}/{name} nu e [timp în ms de la 1970 (până în 9999), număr finit]: {Clip(point.GetRawText())}.");
                    samples.Add(new TelemetrySample(name, t, v));
                }
                series.Add(new ForwardSeries(board, name, samples));
            }
            return new ForwardBatch(club, stream, sequence, series);
        }
    }

    static string Text(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()!
        : throw Bad($"The field \"{field}\" must be text.", $"Câmpul „{field}” trebuie să fie text.");

    static string Name(JsonElement obj, string field, string what)
    {
        string name = Text(obj, field);
        return TelemetryNames.IsValid(name) ? name
            : throw Bad($"\"{Clip(name)}\" is not a valid {what} name (1–32 letters, digits, '-', '_' or '.').",
                        $"„{Clip(name)}” nu e un nume valid de {(what == "board" ? "plăcuță" : what == "club" ? "club" : "serie")} (1–32 de litere, cifre, „-”, „_” sau „.”).");
    }

    static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;

    static ForwardBatchException Bad(string en, string ro) => new(new HubMessage(en, ro));
}

/// <summary>The samples of one series in a batch, oldest first.</summary>
public sealed record ForwardSeries(string Board, string Name, IReadOnlyList<TelemetrySample> Points);

/// <summary>A batch the regional hub refuses as malformed (HTTP 400), with the reason in both languages.</summary>
public sealed class ForwardBatchException(HubMessage message) : Exception(message.En)
{
    public HubMessage Text { get; } = message;
}
