using System.Globalization;
using System.Text.RegularExpressions;

namespace RoboClub.VirtualBoard.Simulation;

/// <summary>One thing wrong with one line of a replay CSV.</summary>
public sealed record CsvError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>A replay CSV was rejected; <see cref="Errors"/> lists the bad lines (the first 50).</summary>
public sealed class WeatherReplayFormatException(IReadOnlyList<CsvError> errors)
    : FormatException(BuildMessage(errors))
{
    public IReadOnlyList<CsvError> Errors { get; } = errors;

    private static string BuildMessage(IReadOnlyList<CsvError> errors) =>
        errors.Count == 1
            ? $"weather CSV: {errors[0]}"
            : $"weather CSV has {errors.Count} errors:{Environment.NewLine}" + string.Join(Environment.NewLine, errors);
}

/// <summary>
/// Replays recorded weather from CSV rows <c>time,quantity,value</c>. Time is either ISO-8601
/// (<c>2024-05-18T06:00:00</c>, optional offset; the station's clock time is taken as written) or
/// seconds from the start of the recording — one style per file. Quantity is one of temperature
/// (°C), humidity (%), pressure (hPa), light (%), wind (km/h), rain (mm since the recording started,
/// so it never decreases). A header row and lines starting with # are allowed; rows may be grouped
/// by quantity. Between samples values are interpolated linearly (rain too: cumulative); before
/// the first sample a quantity holds its first value, after the last its last value. Replay speed
/// is the clock's business: step it by an hour and an hour of weather goes by.
/// </summary>
public sealed partial class WeatherReplay : IWeatherSimulation
{
    public const int MaxRows = 1_000_000;
    private const int MaxErrorsReported = 50;

    /// <summary>Where the sample day is copied next to the program (see <see cref="LoadSample"/>).</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "Simulation", "Data", "sample-day.csv");

    private readonly Dictionary<WeatherQuantity, Series> _series;
    private readonly double _startSecondsOfDay;

    private WeatherReplay(Dictionary<WeatherQuantity, Series> series, double startSecondsOfDay, double durationSeconds, SimulatedClock clock)
    {
        _series = series;
        _startSecondsOfDay = startSecondsOfDay;
        DurationSeconds = durationSeconds;
        Clock = clock;
    }

    public SimulatedClock Clock { get; }

    /// <summary>Seconds from the start of the recording to its last sample.</summary>
    public double DurationSeconds { get; }

    /// <summary>True once the clock has passed the last sample (values then stay at their last).</summary>
    public bool IsFinished => Clock.Seconds >= DurationSeconds;

    public IReadOnlyCollection<WeatherQuantity> Quantities => _series.Keys;

    /// <summary>The samples of one quantity (seconds from start, value), in time order.</summary>
    public IReadOnlyList<(double Seconds, double Value)> Samples(WeatherQuantity quantity) =>
        _series.TryGetValue(quantity, out Series? s) ? [.. s.Times.Zip(s.Values)] : [];

    public void Step(long milliseconds) => Clock.Advance(milliseconds);

    public bool Provides(WeatherQuantity quantity) => _series.ContainsKey(quantity);

    public float Read(WeatherQuantity quantity) => (float)ValueAt(quantity, Clock.Seconds);

    /// <summary>The recording's value at <paramref name="seconds"/> from its start (interpolated).</summary>
    public double ValueAt(WeatherQuantity quantity, double seconds)
    {
        if (!_series.TryGetValue(quantity, out Series? s))
        {
            throw new InvalidOperationException($"the recording has no {Name(quantity)} readings");
        }

        return s.At(seconds);
    }

    public WeatherState Snapshot()
    {
        long now = Clock.Milliseconds;
        double seconds = now / 1000.0;
        double clockSeconds = _startSecondsOfDay + seconds;
        int day = (int)Math.Floor(clockSeconds / 86400.0);
        double inDay = clockSeconds - day * 86400.0;
        double? Get(WeatherQuantity q) => _series.TryGetValue(q, out Series? s) ? s.At(seconds) : null;
        return new WeatherState(now, day, TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(Math.Min(inDay, 86399.999))), "replay",
            Get(WeatherQuantity.Temperature), Get(WeatherQuantity.Humidity), Get(WeatherQuantity.Pressure),
            Get(WeatherQuantity.Light), Get(WeatherQuantity.Wind), Get(WeatherQuantity.Rain), null);
    }

    // ---- loading ----

    /// <summary>Reads a replay CSV file.</summary>
    public static WeatherReplay Load(string path, SimulatedClock? clock = null, TimeOnly? startTimeOfDay = null) =>
        Parse(File.ReadAllText(path), clock, startTimeOfDay);

    /// <summary>The sample day shipped with RoboClub (synthetic but plausible; see the file's header).</summary>
    public static WeatherReplay LoadSample(SimulatedClock? clock = null) => Load(SamplePath, clock);

    /// <summary>
    /// Parses and validates a replay CSV. Every line is checked; all bad lines (up to 50) are reported
    /// together in a <see cref="WeatherReplayFormatException"/>. <paramref name="startTimeOfDay"/> is the
    /// station's clock time at second 0 for files with times in seconds (default midnight); ISO times
    /// carry their own.
    /// </summary>
    public static WeatherReplay Parse(string csv, SimulatedClock? clock = null, TimeOnly? startTimeOfDay = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new List<CsvError>();
        var rows = new List<Row>();
        bool? iso = null;
        int isoStyleLine = 0;
        bool sawContent = false;

        string[] lines = csv.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i].TrimEnd('\r').Trim();
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (!sawContent)
            {
                sawContent = true;
                if (fields.Length == 3 && fields[0].Trim().Equals("time", StringComparison.OrdinalIgnoreCase)
                    && fields[1].Trim().Equals("quantity", StringComparison.OrdinalIgnoreCase)
                    && fields[2].Trim().Equals("value", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // header
                }
            }

            if (rows.Count >= MaxRows)
            {
                errors.Add(new CsvError(lineNumber, $"too many rows (at most {MaxRows})"));
                break;
            }

            if (fields.Length != 3)
            {
                errors.Add(new CsvError(lineNumber, $"expected 3 fields (time,quantity,value), found {fields.Length}"));
                continue;
            }

            string timeText = fields[0].Trim(), quantityText = fields[1].Trim(), valueText = fields[2].Trim();
            int before = errors.Count;

            double seconds = 0;
            DateTimeOffset? stamp = null;
            if (double.TryParse(timeText, NumberStyles.Float, CultureInfo.InvariantCulture, out double s))
            {
                if (!double.IsFinite(s) || s < 0)
                {
                    errors.Add(new CsvError(lineNumber, $"time \"{timeText}\" must be 0 or more seconds"));
                }
                else if (iso == true)
                {
                    errors.Add(new CsvError(lineNumber, $"time \"{timeText}\" is in seconds but line {isoStyleLine} used ISO-8601 times; use one style per file"));
                }
                else
                {
                    iso ??= false;
                    isoStyleLine = isoStyleLine == 0 ? lineNumber : isoStyleLine;
                    seconds = s;
                }
            }
            else if (IsoTime().IsMatch(timeText)
                && DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                if (iso == false)
                {
                    errors.Add(new CsvError(lineNumber, $"time \"{timeText}\" is ISO-8601 but line {isoStyleLine} used seconds; use one style per file"));
                }
                else
                {
                    iso ??= true;
                    isoStyleLine = isoStyleLine == 0 ? lineNumber : isoStyleLine;
                    stamp = parsed;
                }
            }
            else
            {
                errors.Add(new CsvError(lineNumber, $"time \"{timeText}\" is neither seconds (like 3600) nor ISO-8601 (like 2024-05-18T06:00:00)"));
            }

            WeatherQuantity quantity = default;
            if (!TryParseQuantity(quantityText, out quantity))
            {
                errors.Add(new CsvError(lineNumber, $"unknown quantity \"{quantityText}\" (use one of: {string.Join(", ", Enum.GetValues<WeatherQuantity>().Select(Name))})"));
            }

            double value = 0;
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            {
                errors.Add(new CsvError(lineNumber, $"value \"{valueText}\" is not a number"));
            }
            else if (errors.Count == before)
            {
                (double min, double max, string unit) = Limits(quantity);
                if (value < min || value > max)
                {
                    errors.Add(new CsvError(lineNumber, $"{Name(quantity)} {valueText} {unit} is outside {min}..{max} {unit}"));
                }
            }

            if (errors.Count == before)
            {
                rows.Add(new Row(lineNumber, seconds, stamp, quantity, value));
            }

            if (errors.Count >= MaxErrorsReported)
            {
                break;
            }
        }

        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(new CsvError(Math.Max(1, lines.Length), "no readings (expected rows of time,quantity,value)"));
        }

        // ISO stamps become seconds from the earliest one.
        double startSecondsOfDay = (startTimeOfDay ?? TimeOnly.MinValue).ToTimeSpan().TotalSeconds;
        if (iso == true && rows.Count > 0)
        {
            DateTimeOffset first = rows.Min(r => r.Stamp!.Value);
            startSecondsOfDay = first.TimeOfDay.TotalSeconds;
            rows = [.. rows.Select(r => r with { Seconds = (r.Stamp!.Value - first).TotalSeconds })];
        }

        // Per quantity: strictly increasing times; rain never decreasing.
        var series = new Dictionary<WeatherQuantity, Series>();
        foreach (IGrouping<WeatherQuantity, Row> group in rows.GroupBy(r => r.Quantity))
        {
            Row? previous = null;
            var times = new List<double>();
            var values = new List<double>();
            foreach (Row row in group)
            {
                if (previous is Row p && row.Seconds <= p.Seconds)
                {
                    errors.Add(new CsvError(row.Line, $"{Name(row.Quantity)} at {Format(row.Seconds)} s is not after the previous {Name(row.Quantity)} sample (line {p.Line}, {Format(p.Seconds)} s); rows of one quantity must be in time order"));
                    continue;
                }

                if (previous is Row pr && row.Quantity == WeatherQuantity.Rain && row.Value < pr.Value)
                {
                    errors.Add(new CsvError(row.Line, $"rain {Format(row.Value)} mm is less than on line {pr.Line} ({Format(pr.Value)} mm); rain is the total since the recording started and never decreases"));
                    continue;
                }

                times.Add(row.Seconds);
                values.Add(row.Value);
                previous = row;
            }

            series[group.Key] = new Series([.. times], [.. values]);
        }

        if (errors.Count > 0)
        {
            throw new WeatherReplayFormatException([.. errors.OrderBy(e => e.Line).Take(MaxErrorsReported)]);
        }

        double duration = series.Values.Max(s => s.Times[^1]);
        return new WeatherReplay(series, startSecondsOfDay, duration, clock ?? new SimulatedClock());
    }

    /// <summary>The CSV name of a quantity (lower case).</summary>
    public static string Name(WeatherQuantity quantity) => quantity.ToString().ToLowerInvariant();

    private static bool TryParseQuantity(string text, out WeatherQuantity quantity)
    {
        foreach (WeatherQuantity q in Enum.GetValues<WeatherQuantity>())
        {
            if (Name(q).Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                quantity = q;
                return true;
            }
        }

        quantity = default;
        return false;
    }

    /// <summary>What a plausible reading is, per quantity.</summary>
    private static (double Min, double Max, string Unit) Limits(WeatherQuantity quantity) => quantity switch
    {
        WeatherQuantity.Temperature => (-60, 60, "°C"),
        WeatherQuantity.Humidity => (0, 100, "%"),
        WeatherQuantity.Pressure => (800, 1100, "hPa"),
        WeatherQuantity.Light => (0, 100, "%"),
        WeatherQuantity.Wind => (0, 300, "km/h"),
        WeatherQuantity.Rain => (0, 10_000, "mm"),
        _ => throw new ArgumentOutOfRangeException(nameof(quantity)),
    };

    private static string Format(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoTime();

    private readonly record struct Row(int Line, double Seconds, DateTimeOffset? Stamp, WeatherQuantity Quantity, double Value);

    private sealed class Series(double[] times, double[] values)
    {
        public double[] Times { get; } = times;

        public double[] Values { get; } = values;

        public double At(double seconds)
        {
            if (seconds <= Times[0])
            {
                return Values[0];
            }

            if (seconds >= Times[^1])
            {
                return Values[^1];
            }

            int index = Array.BinarySearch(Times, seconds);
            if (index >= 0)
            {
                return Values[index];
            }

            int after = ~index;
            int before = after - 1;
            double f = (seconds - Times[before]) / (Times[after] - Times[before]);
            return Values[before] + (Values[after] - Values[before]) * f;
        }
    }
}
