using System.Reflection;

namespace RoboClub.Lessons;

/// <summary>
/// Which fields each goal kind needs and allows, so a typo or a forgotten field in lesson.yaml is an
/// error with the goal's number instead of a check that silently passes.
/// </summary>
public static class GoalRules
{
    // kind -> (required fields, optional fields); say and hint are allowed everywhere.
    static readonly Dictionary<string, (string[] Required, string[] Optional)> Kinds = new()
    {
        ["reach-goal"] = ([], ["within"]),
        ["no-wall-touch"] = ([], []),
        ["travel"] = (["minCm"], ["maxCm"]),
        ["turn"] = (["minDegrees"], []),
        ["end-stopped"] = ([], []),
        ["stop-in-goal"] = ([], []),
        ["follow-line"] = (["minCm", "maxOffCm"], []),
        ["motion-at"] = (["at", "motion"], []),
        ["notes"] = (["min"], []),
        ["prints-value"] = (["quantity", "tolerance"], []),
        ["plots-every"] = (["everySeconds", "toSeconds"], ["series", "quantity", "tolerance"]),
        ["plot-value"] = (["series", "stat", "tolerance"], ["quantity", "fromSeconds", "toSeconds"]),
        ["led-when"] = (["quantity", "color"], ["above", "below", "tolerance"]),
        ["led-at"] = (["at", "color"], []),
        ["prints"] = (["words"], ["fromSeconds", "toSeconds", "not"]),
        ["broadcasts"] = (["words"], ["fromSeconds", "toSeconds", "not"]),
    };

    public static IReadOnlyCollection<string> KindNames => Kinds.Keys;

    public static readonly string[] Quantities = ["temperature", "humidity", "pressure", "light", "wind", "rain"];
    public static readonly string[] Motions = ["forward", "backward", "left", "right", "stopped"];
    public static readonly string[] Stats = ["min", "max", "average", "now", "dewpoint"];
    public static readonly string[] Colors = ["off", "red", "green", "blue", "yellow", "orange", "purple", "white", "pink", "cyan"];

    /// <summary>Throws a <see cref="LessonFormatException"/> naming <paramref name="where"/> when the goal is malformed.</summary>
    public static void Validate(Goal goal, string where, string board)
    {
        if (!Kinds.TryGetValue(goal.Kind, out var rule))
            throw new LessonFormatException($"{where}: unknown goal kind '{goal.Kind}' (known: {string.Join(", ", Kinds.Keys)})");
        var set = SetFields(goal);
        foreach (string r in rule.Required)
            if (!set.Contains(r)) throw new LessonFormatException($"{where} ({goal.Kind}): '{r}' is missing");
        foreach (string s in set)
            if (!rule.Required.Contains(s) && !rule.Optional.Contains(s) && s is not ("say" or "hint" or "kind"))
                throw new LessonFormatException($"{where} ({goal.Kind}): '{s}' does not belong to this kind (it takes {string.Join(", ", rule.Required.Concat(rule.Optional))})");
        bool robotGoal = goal.Kind is "reach-goal" or "no-wall-touch" or "travel" or "turn" or "end-stopped" or "stop-in-goal" or "follow-line" or "motion-at";
        bool weatherGoal = goal.Kind is "prints-value" or "led-when" || goal.Quantity is not null;
        if (robotGoal && board != "robot") throw new LessonFormatException($"{where} ({goal.Kind}): this goal needs a robot board");
        if (weatherGoal && board != "weather") throw new LessonFormatException($"{where} ({goal.Kind}): this goal needs a weather board");
        if (goal.Quantity is { } q && !Quantities.Contains(q)) throw new LessonFormatException($"{where}: quantity '{q}' is not one of {string.Join(", ", Quantities)}");
        if (goal.Motion is { } m && !Motions.Contains(m)) throw new LessonFormatException($"{where}: motion '{m}' is not one of {string.Join(", ", Motions)}");
        if (goal.Stat is { } st && !Stats.Contains(st)) throw new LessonFormatException($"{where}: stat '{st}' is not one of {string.Join(", ", Stats)}");
        if (goal.Stat is "min" or "max" or "average" or "now" && goal.Quantity is null) throw new LessonFormatException($"{where}: stat '{goal.Stat}' needs a 'quantity'");
        if (goal.Color is { } c && !Colors.Contains(c)) throw new LessonFormatException($"{where}: color '{c}' is not one of {string.Join(", ", Colors)}");
        if (goal.Kind == "led-when" && (goal.Above is null) == (goal.Below is null)) throw new LessonFormatException($"{where} (led-when): give exactly one of 'above' or 'below'");
        if (goal.Kind == "plots-every" && goal.Quantity is not null && goal.Tolerance is null) throw new LessonFormatException($"{where} (plots-every): 'quantity' needs a 'tolerance'");
        foreach (var (name, value) in Numbers(goal))
            if (value is { } v && (double.IsNaN(v) || v < 0 || v > 100_000))
                throw new LessonFormatException($"{where}: '{name}' must be a number from 0 to 100000 (not {v})");
        if (goal.Say is { } say && (say.En.Length == 0 || say.Ro.Length == 0)) throw new LessonFormatException($"{where}: 'say' needs both 'en' and 'ro'");
        if (goal.Hint is { } hint && (hint.En.Length == 0 || hint.Ro.Length == 0)) throw new LessonFormatException($"{where}: 'hint' needs both 'en' and 'ro'");
    }

    static IEnumerable<(string, double?)> Numbers(Goal g) =>
    [
        ("within", g.Within), ("at", g.At), ("fromSeconds", g.FromSeconds), ("toSeconds", g.ToSeconds), ("minCm", g.MinCm),
        ("maxCm", g.MaxCm), ("minDegrees", g.MinDegrees), ("maxOffCm", g.MaxOffCm), ("tolerance", g.Tolerance), ("everySeconds", g.EverySeconds),
    ];

    /// <summary>The camelCase names of the fields the file set (null, empty lists and false count as not set).</summary>
    static HashSet<string> SetFields(Goal goal)
    {
        var set = new HashSet<string>();
        foreach (PropertyInfo p in typeof(Goal).GetProperties())
        {
            object? v = p.GetValue(goal);
            bool isSet = v switch
            {
                null => false,
                string s => s.Length > 0,
                bool b => b,
                System.Collections.ICollection c => c.Count > 0,
                _ => true,
            };
            if (isSet) set.Add(char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);
        }
        return set;
    }
}
