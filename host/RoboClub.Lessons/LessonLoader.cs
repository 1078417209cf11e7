using System.Text.RegularExpressions;
using RoboClub.Compiler.Blocks;
using RoboClub.VirtualBoard.Simulation;
using YamlDotNet.Core;

namespace RoboClub.Lessons;

/// <summary>
/// Loads one lesson folder and checks everything a volunteer can get wrong: missing files, front
/// matter that differs between languages, a step count that differs from the toolbox list, unknown
/// blocks, malformed goals, arena or replay files that do not load, cedilla letters in Romanian.
/// Every problem is a <see cref="LessonFormatException"/> that names the file.
/// </summary>
public static partial class LessonLoader
{
    public static readonly string[] Languages = ["ro", "en"];
    public static readonly string[] Tracks = ["weather", "robot"];

    [GeneratedRegex("^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,60}$")]
    private static partial Regex FileNamePattern();

    public static Lesson Load(string folder)
    {
        string slug = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        string track = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder)) ?? "");
        string id = $"{track}/{slug}";
        if (!Tracks.Contains(track)) throw new LessonFormatException($"{id}: a lesson folder must be inside lessons/weather or lessons/robot");
        if (!SlugPattern().IsMatch(slug)) throw new LessonFormatException($"{id}: a lesson folder is named like '01-first-reading' (two digits, a dash, lowercase words with dashes)");
        int number = int.Parse(slug[..2]);

        var texts = new Dictionary<string, LessonText>();
        var wiring = new Dictionary<string, string>();
        foreach (string lang in Languages)
        {
            string name = $"lesson.{lang}.md";
            string text = ReadText(folder, name, id, lang);
            texts[lang] = MarkdownSteps.Parse(text, lang, $"{id}/{name}");
            wiring[lang] = MarkdownSteps.ToHtml(ReadText(folder, $"wiring.{lang}.md", id, lang));
        }

        var definition = ReadDefinition(folder, id);
        foreach (var (lang, t) in texts)
        {
            var f = t.Front;
            string where = $"{id}/lesson.{lang}.md";
            if (f.Title.Trim().Length == 0) throw new LessonFormatException($"{where}: 'title' is missing");
            if (f.Track != track) throw new LessonFormatException($"{where}: 'track' is '{f.Track}' but the lesson is in lessons/{track}");
            if (f.Number != number) throw new LessonFormatException($"{where}: 'number' is {f.Number} but the folder name starts with {slug[..2]}");
            if (f.Duration is < 30 or > 90) throw new LessonFormatException($"{where}: 'duration' must be 30–90 minutes (not {f.Duration})");
            if (f.Board != definition.Board) throw new LessonFormatException($"{where}: 'board' is '{f.Board}' but lesson.yaml says '{definition.Board}'");
            if (f.Profile.Trim().Length == 0) throw new LessonFormatException($"{where}: 'profile' (the real kit's board profile) is missing");
            if (f.Hardware.Count == 0) throw new LessonFormatException($"{where}: 'hardware' needs at least one item");
            if (f.Goals.Count == 0) throw new LessonFormatException($"{where}: 'goals' needs at least one learning goal");
            if (t.Steps.Count == 0) throw new LessonFormatException($"{where}: no steps (each step starts with a '## ' heading)");
            if (t.Steps.Count != definition.Toolbox.Count)
                throw new LessonFormatException($"{where}: {t.Steps.Count} steps but lesson.yaml's 'toolbox' has {definition.Toolbox.Count} entries (one per step)");
        }
        var ro = texts["ro"].Front;
        var en = texts["en"].Front;
        if (ro.Duration != en.Duration || ro.Profile != en.Profile || ro.Goals.Count != en.Goals.Count || ro.Hardware.Count != en.Hardware.Count)
            throw new LessonFormatException($"{id}: lesson.ro.md and lesson.en.md must have the same duration, profile and as many hardware items and goals");

        string starter = ReadText(folder, "starter.cs", id, "");
        string solution = ReadText(folder, "solution.cs", id, "");
        return new Lesson(track, slug, number, Path.GetFullPath(folder), texts, wiring, definition, starter, solution);
    }

    static string ReadText(string folder, string name, string id, string lang)
    {
        string path = Path.Combine(folder, name);
        if (!File.Exists(path)) throw new LessonFormatException($"{id}: {name} is missing");
        string text = File.ReadAllText(path);
        if (text.Length > 200_000) throw new LessonFormatException($"{id}/{name}: longer than 200,000 characters");
        if (lang == "ro" && text.IndexOfAny(['ş', 'ţ', 'Ş', 'Ţ']) is int at and >= 0)
        {
            int line = text[..at].Count(c => c == '\n') + 1;
            throw new LessonFormatException($"{id}/{name} line {line}: use ș ț with a comma below (U+0219, U+021B), not the cedilla letters ş ţ");
        }
        return text;
    }

    static LessonDefinition ReadDefinition(string folder, string id)
    {
        string where = $"{id}/lesson.yaml";
        LessonDefinition d;
        try
        {
            d = MarkdownSteps.Yaml.Deserialize<LessonDefinition>(ReadText(folder, "lesson.yaml", id, "")) ?? throw new LessonFormatException($"{where}: the file is empty");
        }
        catch (YamlException e)
        {
            throw new LessonFormatException($"{where} line {e.Start.Line + 1}: {MarkdownSteps.Inner(e)} {MarkdownSteps.YamlTip}", e);
        }
        if (d.Board is not ("robot" or "weather")) throw new LessonFormatException($"{where}: 'board' must be robot or weather (not '{d.Board}')");
        if (d.Board == "weather" && (d.Arena is not null || d.SensorOnServo)) throw new LessonFormatException($"{where}: 'arena' and 'sensorOnServo' are for robots");
        if (d.Board == "robot" && d.Replay is not null) throw new LessonFormatException($"{where}: 'replay' is for weather stations");
        if (d.Arena is { } arena)
        {
            if (arena.EndsWith(".json", StringComparison.Ordinal))
            {
                try { Arena.Load(LessonFile(folder, arena, where)); }
                catch (ArenaFormatException e) { throw new LessonFormatException($"{where}: arena {arena}: {e.Message}", e); }
            }
            else if (!Arena.BuiltInNames.Contains(arena))
                throw new LessonFormatException($"{where}: 'arena' is neither a built-in arena ({string.Join(", ", Arena.BuiltInNames)}) nor a .json file");
        }
        if (d.Replay is { } replay)
        {
            try { WeatherReplay.Load(LessonFile(folder, replay, where)); }
            catch (WeatherReplayFormatException e) { throw new LessonFormatException($"{where}: replay {replay}: {e.Message}", e); }
        }
        if (d.Toolbox.Count == 0) throw new LessonFormatException($"{where}: 'toolbox' needs one list of blocks per step");
        for (int i = 0; i < d.Toolbox.Count; i++)
        {
            if (d.Toolbox[i] is null || d.Toolbox[i].Count == 0) throw new LessonFormatException($"{where}: toolbox step {i + 1} shows no blocks");
            foreach (string type in d.Toolbox[i])
                if (type is not ("variables" or "functions") && (BlockCatalog.Find(type) is not { Hidden: false } block || !Fits(block, d.Board)))
                    throw new LessonFormatException($"{where}: toolbox step {i + 1}: '{type}' is not a {d.Board} block of the catalog (docs/blocks.md), nor 'variables' or 'functions'");
        }
        var c = d.Check;
        if (c.Seconds is < 1 or > 3600 || double.IsNaN(c.Seconds)) throw new LessonFormatException($"{where}: check 'seconds' must be 1–3600 (not {c.Seconds})");
        if (c.Goals.Count == 0) throw new LessonFormatException($"{where}: check 'goals' needs at least one goal");
        for (int i = 0; i < c.Goals.Count; i++) GoalRules.Validate(c.Goals[i] ?? throw new LessonFormatException($"{where}: goal {i + 1} is empty"), $"{where}: goal {i + 1}", d.Board);
        for (int i = 0; i < c.Inputs.Count; i++)
        {
            var input = c.Inputs[i];
            if (input.At < 0 || input.At > c.Seconds) throw new LessonFormatException($"{where}: input {i + 1}: 'at' must be within the check's {c.Seconds} seconds");
            if ((input.Message is null) == (input.Button is null)) throw new LessonFormatException($"{where}: input {i + 1}: give exactly one of 'message' or 'button'");
            if (input.Message is { } m && !RoboClub.Board.Link.Topics.IsValidName(m))
                throw new LessonFormatException($"{where}: input {i + 1}: a message name has 1–32 lowercase letters a-z, digits or '-' (as boards send them), not '{m}'");
            if (input.Button is < 1 or > 60_000) throw new LessonFormatException($"{where}: input {i + 1}: 'button' is a press of 1–60000 ms");
        }
        return d;
    }

    static bool Fits(BlockDef block, string board) =>
        block.Boards == BoardKinds.Both || block.Boards == (board == "weather" ? BoardKinds.Weather : BoardKinds.Robot);

    /// <summary>A file named in lesson.yaml: a plain name inside the lesson folder (no folders, no "..").</summary>
    public static string LessonFile(string folder, string name, string where)
    {
        if (!FileNamePattern().IsMatch(name) || name.Contains(".."))
            throw new LessonFormatException($"{where}: '{name}' must be a plain file name in the lesson folder (lowercase letters, digits, '.', '-', '_')");
        string path = Path.Combine(folder, name);
        if (!File.Exists(path)) throw new LessonFormatException($"{where}: {name} is missing from the lesson folder");
        return path;
    }
}
