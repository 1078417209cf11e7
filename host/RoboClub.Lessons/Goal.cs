namespace RoboClub.Lessons;

/// <summary>
/// One thing the program must do, tested on the recording of a virtual-board run. <see cref="Kind"/>
/// says which test; the other fields are its settings (lessons/README.md lists every kind with its
/// fields; <see cref="GoalRules"/> rejects missing or misplaced ones).
/// </summary>
public sealed class Goal
{
    public string Kind { get; set; } = "";

    // ---- time windows and thresholds shared by several kinds
    /// <summary>reach-goal: seconds; motion-at, led-at: the moment to look at.</summary>
    public double? Within { get; set; }
    public double? At { get; set; }
    public double? FromSeconds { get; set; }
    public double? ToSeconds { get; set; }

    // ---- robot
    public double? MinCm { get; set; }
    public double? MaxCm { get; set; }
    public double? MinDegrees { get; set; }
    public double? MaxOffCm { get; set; }
    /// <summary>motion-at: forward, backward, left, right or stopped.</summary>
    public string? Motion { get; set; }
    /// <summary>notes: how many different notes at least.</summary>
    public int? Min { get; set; }

    // ---- weather and output
    /// <summary>temperature, humidity, pressure, light, wind or rain.</summary>
    public string? Quantity { get; set; }
    public double? Above { get; set; }
    public double? Below { get; set; }
    public string? Color { get; set; }
    public double? Tolerance { get; set; }
    public double? EverySeconds { get; set; }
    /// <summary>plot-value: min, max, average, now or dewpoint.</summary>
    public string? Stat { get; set; }
    /// <summary>Chart series names that count (any of them; case and diacritics do not matter).</summary>
    public List<string> Series { get; set; } = [];
    /// <summary>prints, broadcasts: any of these words (or message names).</summary>
    public List<string> Words { get; set; } = [];
    /// <summary>prints, broadcasts: true = must NOT happen in the window.</summary>
    public bool Not { get; set; }

    /// <summary>Optional: what the lesson asks, in the children's words (else a sentence made from the kind).</summary>
    public LocalText? Say { get; set; }
    /// <summary>Optional: a hint shown when this goal is not met yet.</summary>
    public LocalText? Hint { get; set; }
}

/// <summary>A text in Romanian and English.</summary>
public sealed class LocalText
{
    public string Ro { get; set; } = "";
    public string En { get; set; } = "";

    public LocalText() { }

    public LocalText(string en, string ro) { En = en; Ro = ro; }

    public string In(string language) => language == "ro" ? Ro : En;
}
