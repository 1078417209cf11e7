using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.Lessons.Checking;

/// <summary>
/// Judges one goal on a recording and says, in a child's words (ro and en), what the lesson asked
/// and what the program did. Thresholds err on the child's side: weather checks skip the moments
/// right at a threshold or just after it was crossed, since a program reading every second or two
/// cannot react sooner.
/// </summary>
public static partial class GoalEvaluator
{
    public static GoalResult Evaluate(Goal g, Recording r, LessonDefinition def)
    {
        var (asked, passed, detail) = g.Kind switch
        {
            "reach-goal" => ReachGoal(g, r, def),
            "no-wall-touch" => NoWallTouch(r),
            "travel" => Travel(g, r),
            "turn" => Turn(g, r),
            "end-stopped" => EndStopped(r),
            "stop-in-goal" => StopInGoal(r),
            "follow-line" => FollowLine(g, r),
            "motion-at" => MotionAt(g, r),
            "notes" => Notes(g, r),
            "prints-value" => PrintsValue(g, r),
            "plots-every" => PlotsEvery(g, r),
            "plot-value" => PlotValue(g, r),
            "led-when" => LedWhen(g, r),
            "led-at" => LedAt(g, r),
            "prints" => Prints(g, r),
            "broadcasts" => Broadcasts(g, r),
            _ => throw new LessonFormatException($"unknown goal kind '{g.Kind}'"),
        };
        return new GoalResult(g.Kind, passed, g.Say ?? asked, detail, passed ? null : g.Hint);
    }

    static LocalText T(string en, string ro) => new(en, ro);

    /// <summary>A number as a child reads it: one decimal, a comma in Romanian.</summary>
    static (string En, string Ro) N(double v, int decimals = 1) =>
        (Math.Round(v, decimals).ToString(CultureInfo.InvariantCulture), Math.Round(v, decimals).ToString(CultureInfo.InvariantCulture).Replace('.', ','));

    // ---------------------------------------------------------------- robot

    static (LocalText, bool, LocalText) ReachGoal(Goal g, Recording r, LessonDefinition def)
    {
        double within = g.Within ?? def.Check.Seconds;
        var (w, wr) = N(within, 0);
        var asked = T($"The robot reaches the goal (the green zone) within {w} seconds.", $"Robotul ajunge în zona țintă (cea verde) în cel mult {wr} secunde.");
        var first = r.Samples.FirstOrDefault(s => s.InGoal && s.TimeMs <= within * 1000);
        if (first is not null)
        {
            var (a, ar) = N(first.TimeMs / 1000.0);
            return (asked, true, T($"It got there after {a} s.", $"A ajuns după {ar} s."));
        }
        double closest = r.Arena?.Goal is { } goal ? r.Samples.Min(s => DistanceToBox(s.Pose!.Value.Position, goal)) : 0;
        var (c, cr) = N(closest, 0);
        return (asked, false, T($"It has not got there yet: at best it was {c} cm away.", $"Încă n-a ajuns: cel mai aproape a fost la {cr} cm de ea."));
    }

    static (LocalText, bool, LocalText) NoWallTouch(Recording r)
    {
        var asked = T("The robot never bumps into a wall or a box.", "Robotul nu se lovește de niciun perete sau obstacol.");
        var hit = r.Samples.FirstOrDefault(s => s.TouchedWall);
        if (hit is null) return (asked, true, T("No bump at all.", "Nicio lovitură."));
        var (a, ar) = N(hit.TimeMs / 1000.0);
        return (asked, false, T($"It bumped into something after {a} s. Make it stop or turn sooner.", $"S-a lovit de ceva după {ar} s. Fă-l să se oprească sau să se întoarcă mai devreme."));
    }

    static (LocalText, bool, LocalText) Travel(Goal g, Recording r)
    {
        double travelled = r.Samples[^1].TravelledCm;
        var (min, minr) = N(g.MinCm!.Value, 0);
        var (got, gotr) = N(travelled, 0);
        if (g.MaxCm is { } max)
        {
            var (mx, mxr) = N(max, 0);
            var asked = T($"The robot drives between {min} and {mx} cm.", $"Robotul merge între {minr} și {mxr} cm.");
            bool ok = travelled >= g.MinCm && travelled <= max;
            return (asked, ok, T($"It drove {got} cm.", $"A mers {gotr} cm."));
        }
        var askedMin = T($"The robot drives at least {min} cm.", $"Robotul merge cel puțin {minr} cm.");
        return (askedMin, travelled >= g.MinCm, travelled >= g.MinCm
            ? T($"It drove {got} cm.", $"A mers {gotr} cm.")
            : T($"It drove only {got} cm.", $"A mers doar {gotr} cm."));
    }

    /// <summary>All the turning, in degrees, whatever the direction (headings unwrapped sample to sample).</summary>
    internal static double TotalTurn(Recording r)
    {
        double total = 0;
        for (int i = 1; i < r.Samples.Count; i++)
        {
            double d = r.Samples[i].Pose!.Value.HeadingDegrees - r.Samples[i - 1].Pose!.Value.HeadingDegrees;
            d = ((d % 360) + 540) % 360 - 180;
            total += Math.Abs(d);
        }
        return total;
    }

    static (LocalText, bool, LocalText) Turn(Goal g, Recording r)
    {
        double turned = TotalTurn(r);
        var (min, minr) = N(g.MinDegrees!.Value, 0);
        var (got, gotr) = N(turned, 0);
        var asked = T($"The robot turns at least {min}° in all.", $"Robotul se întoarce cel puțin {minr}° în total.");
        return (asked, turned >= g.MinDegrees, T($"It turned {got}°.", $"S-a întors {gotr}°."));
    }

    static (LocalText, bool, LocalText) EndStopped(Recording r)
    {
        var asked = T("At the end the robot stands still.", "La sfârșit robotul stă pe loc.");
        var last = r.Samples[^1];
        bool ok = last.LeftPower == 0 && last.RightPower == 0;
        return (asked, ok, ok ? T("It stopped.", "S-a oprit.") : T("Its wheels are still turning at the end. Use the stop block.", "Roțile încă se învârt la sfârșit. Folosește blocul de oprire."));
    }

    static (LocalText, bool, LocalText) StopInGoal(Recording r)
    {
        var asked = T("The robot stops inside the goal zone.", "Robotul se oprește în zona țintă.");
        var last = r.Samples[^1];
        bool stopped = last.LeftPower == 0 && last.RightPower == 0;
        if (last.InGoal && stopped) return (asked, true, T("It stopped right there.", "S-a oprit exact acolo."));
        if (!stopped) return (asked, false, T("It did not stop.", "Nu s-a oprit."));
        double d = r.Arena?.Goal is { } goal ? DistanceToBox(last.Pose!.Value.Position, goal) : 0;
        var (a, ar) = N(d, 0);
        return (asked, false, T($"It stopped {a} cm away from the goal zone.", $"S-a oprit la {ar} cm de zona țintă."));
    }

    static (LocalText, bool, LocalText) FollowLine(Goal g, Recording r)
    {
        var (min, minr) = N(g.MinCm!.Value, 0);
        var asked = T($"The robot follows the line for at least {min} cm without leaving it.", $"Robotul urmărește linia cel puțin {minr} cm fără s-o piardă.");
        var line = r.Arena?.Line;
        if (line is null) return (asked, false, T("This arena has no line.", "Arena aceasta nu are linie."));
        foreach (var s in r.Samples)
        {
            double off = DistanceToLine(s.Pose!.Value.Position, line);
            if (off > g.MaxOffCm)
            {
                var (a, ar) = N(s.TimeMs / 1000.0);
                var (d, dr) = N(s.TravelledCm, 0);
                return (asked, false, T($"It left the line after {a} s ({d} cm).", $"A pierdut linia după {ar} s ({dr} cm)."));
            }
        }
        double travelled = r.Samples[^1].TravelledCm;
        var (got, gotr) = N(travelled, 0);
        return travelled >= g.MinCm
            ? (asked, true, T($"It stayed on the line for {got} cm.", $"A rămas pe linie {gotr} cm."))
            : (asked, false, T($"It stayed on the line but drove only {got} cm.", $"A rămas pe linie, dar a mers doar {gotr} cm."));
    }

    static string MotionOf(Sample s) => (s.LeftPower, s.RightPower) switch
    {
        (0, 0) => "stopped",
        var (l, rr) when l > 0 && rr > 0 && Math.Abs(l - rr) <= Math.Max(l, rr) / 3 => "forward",
        var (l, rr) when l < 0 && rr < 0 && Math.Abs(l - rr) <= Math.Max(-l, -rr) / 3 => "backward",
        var (l, rr) when rr > l => "left",
        _ => "right",
    };

    static LocalText MotionWords(string motion) => motion switch
    {
        "forward" => T("going forward", "merge înainte"),
        "backward" => T("going backward", "merge înapoi"),
        "left" => T("turning left", "se întoarce la stânga"),
        "right" => T("turning right", "se întoarce la dreapta"),
        _ => T("standing still", "stă pe loc"),
    };

    static (LocalText, bool, LocalText) MotionAt(Goal g, Recording r)
    {
        var want = MotionWords(g.Motion!);
        var (a, ar) = N(g.At!.Value);
        var asked = T($"At {a} s the robot is {want.En}.", $"La {ar} s robotul {want.Ro}.");
        string got = MotionOf(r.At(g.At!.Value));
        var gotWords = MotionWords(got);
        return (asked, got == g.Motion, T($"At that moment it was {gotWords.En}.", $"În acel moment {gotWords.Ro}."));
    }

    static (LocalText, bool, LocalText) Notes(Goal g, Recording r)
    {
        int distinct = r.Tones.Select(t => t.FrequencyHz).Distinct().Count();
        var asked = T($"The robot plays at least {g.Min} different notes.", $"Robotul cântă cel puțin {g.Min} note diferite.");
        return (asked, distinct >= g.Min, T($"It played {distinct} different notes.", $"A cântat {distinct} note diferite."));
    }

    // ---------------------------------------------------------------- weather and output

    static LocalText QuantityWords(string q) => q switch
    {
        "temperature" => T("temperature", "temperatura"),
        "humidity" => T("humidity", "umiditatea"),
        "pressure" => T("air pressure", "presiunea aerului"),
        "light" => T("light", "lumina"),
        "wind" => T("wind speed", "viteza vântului"),
        _ => T("rain", "ploaia"),
    };

    static string Unit(string q) => q switch
    {
        "temperature" => " °C",
        "humidity" or "light" => " %",
        "pressure" => " hPa",
        "wind" => " km/h",
        _ => " mm",
    };

    internal static double? Truth(WeatherState? w, string quantity) => quantity switch
    {
        "temperature" => w?.TemperatureCelsius,
        "humidity" => w?.HumidityPercent,
        "pressure" => w?.PressureHectopascals,
        "light" => w?.LightPercent,
        "wind" => w?.WindKilometersPerHour,
        "rain" => w?.RainMillimeters,
        _ => null,
    };

    /// <summary>The simple dew point for children (good when humidity is over 50 %): T − (100 − RH) / 5.</summary>
    internal static double? DewPoint(WeatherState? w) =>
        w?.TemperatureCelsius is { } t && w.HumidityPercent is { } h ? t - (100 - h) / 5 : null;

    [GeneratedRegex(@"-?\d+(?:[.,]\d+)?")]
    private static partial Regex NumberPattern();

    static IEnumerable<double> NumbersIn(string text) =>
        NumberPattern().Matches(text).Select(m => double.Parse(m.Value.Replace(',', '.'), CultureInfo.InvariantCulture));

    static (LocalText, bool, LocalText) PrintsValue(Goal g, Recording r)
    {
        var q = QuantityWords(g.Quantity!);
        var asked = T($"The program prints the {q.En} the sensor measures.", $"Programul afișează {q.Ro} pe care o măsoară senzorul.");
        foreach (var p in r.Prints)
        {
            double? truth = Truth(r.At(p.TimeMs / 1000.0).Weather, g.Quantity!);
            if (truth is { } v && NumbersIn(p.Text).Any(n => Math.Abs(n - v) <= g.Tolerance))
                return (asked, true, T($"It printed “{p.Text}”.", $"A afișat „{p.Text}”."));
        }
        return r.Prints.Count == 0
            ? (asked, false, T("It printed nothing yet.", "Încă n-a afișat nimic."))
            : (asked, false, T($"It printed “{r.Prints[0].Text}”, but that is not the {q.En} the sensor measured.", $"A afișat „{r.Prints[0].Text}”, dar asta nu e {q.Ro} măsurată de senzor."));
    }

    /// <summary>
    /// Words and series names compare without case and without diacritics ("Temperatură" = "temperatura").
    /// The hub runs with invariant globalization, where Unicode normalization does not strip accents,
    /// so Romanian letters (with comma or cedilla) are folded by hand.
    /// </summary>
    internal static string Plain(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s.Trim().ToLowerInvariant())
        {
            sb.Append(c switch
            {
                'ă' or 'â' or 'á' or 'à' or 'ä' => 'a',
                'î' or 'í' or 'ì' or 'ï' => 'i',
                'ș' or 'ş' => 's',
                'ț' or 'ţ' => 't',
                'é' or 'è' or 'ë' or 'ê' => 'e',
                'ó' or 'ö' or 'ô' => 'o',
                'ú' or 'ü' or 'û' => 'u',
                _ => c,
            });
        }
        return sb.ToString();
    }

    static bool SeriesMatches(Goal g, string series) => g.Series.Count == 0 || g.Series.Any(s => Plain(s) == Plain(series));

    static string Names(Goal g) => string.Join(" / ", g.Series.Select(s => $"\"{s}\""));

    static (LocalText, bool, LocalText) PlotsEvery(Goal g, Recording r)
    {
        double every = g.EverySeconds!.Value, until = g.ToSeconds!.Value;
        var (e, er) = N(every, 0);
        var (u, ur) = N(until, 0);
        string names = g.Series.Count > 0 ? $" {Names(g)}" : "";
        var asked = T($"The program draws a point{names} on the chart every {e} seconds, for {u} seconds.", $"Programul desenează un punct{names} pe grafic la fiecare {er} secunde, timp de {ur} secunde.");
        var points = r.Plots.Where(p => SeriesMatches(g, p.Series) && p.TimeMs <= (until + every / 2) * 1000).ToList();
        int needed = (int)Math.Floor(until / every);
        if (points.Count < needed)
            return (asked, false, T($"It drew {points.Count} points; {needed} are needed.", $"A desenat {points.Count} puncte; trebuie {needed}."));
        double slack = Math.Max(1, every * 0.1);
        for (int i = 1; i < points.Count; i++)
        {
            double gap = (points[i].TimeMs - points[i - 1].TimeMs) / 1000.0;
            if (Math.Abs(gap - every) > slack)
            {
                var (gs, gsr) = N(gap);
                return (asked, false, T($"Two points came {gs} s apart instead of {e} s.", $"Două puncte au venit la {gsr} s unul de altul în loc de {er} s."));
            }
        }
        if (g.Quantity is { } q)
        {
            foreach (var p in points)
            {
                double? truth = Truth(r.At(p.TimeMs / 1000.0).Weather, q);
                if (truth is { } v && Math.Abs(p.Value - v) > g.Tolerance)
                {
                    var qw = QuantityWords(q);
                    var (pv, pvr) = N(p.Value);
                    var (tv, tvr) = N(v);
                    return (asked, false, T($"A point was {pv} but the {qw.En} was {tv}{Unit(q)}.", $"Un punct era {pvr}, dar {qw.Ro} era {tvr}{Unit(q)}."));
                }
            }
        }
        return (asked, true, T($"It drew {points.Count} points, {e} s apart.", $"A desenat {points.Count} puncte, la {er} s unul de altul."));
    }

    static (LocalText, bool, LocalText) PlotValue(Goal g, Recording r)
    {
        string stat = g.Stat!;
        var q = g.Quantity is { } qq ? QuantityWords(qq) : T("", "");
        var what = stat switch
        {
            "min" => T($"the lowest {q.En}", $"cea mai mică valoare a mărimii: {q.Ro}"),
            "max" => T($"the highest {q.En}", $"cea mai mare valoare a mărimii: {q.Ro}"),
            "average" => T($"the average {q.En}", $"media mărimii: {q.Ro}"),
            "now" => T($"the {q.En} now", $"{q.Ro} de acum"),
            _ => T("the dew point", "punctul de rouă"),
        };
        var asked = T($"The program draws {what.En} on the chart as {Names(g)}.", $"Programul desenează pe grafic {what.Ro}, ca {Names(g)}.");
        var points = r.Plots.Where(p => SeriesMatches(g, p.Series)).ToList();
        if (points.Count == 0) return (asked, false, T($"There is no point called {Names(g)} on the chart yet.", $"Pe grafic încă nu e niciun punct numit {Names(g)}."));

        if (stat is "now" or "dewpoint")
        {
            foreach (var p in points)
            {
                var w = r.At(p.TimeMs / 1000.0).Weather;
                double? truth = stat == "now" ? Truth(w, g.Quantity!) : DewPoint(w);
                if (truth is { } v && Math.Abs(p.Value - v) > g.Tolerance)
                {
                    var (pv, pvr) = N(p.Value);
                    var (tv, tvr) = N(v);
                    return (asked, false, T($"A point was {pv}, but it should be about {tv}.", $"Un punct era {pvr}, dar trebuia să fie cam {tvr}."));
                }
            }
            return (asked, true, T($"All {points.Count} points are right.", $"Toate cele {points.Count} puncte sunt corecte."));
        }

        double from = (g.FromSeconds ?? 0) * 1000, to = (g.ToSeconds ?? r.EndMs / 1000.0) * 1000;
        var values = r.Samples.Where(s => s.TimeMs >= from && s.TimeMs <= to).Select(s => Truth(s.Weather, g.Quantity!)).OfType<double>().ToList();
        double expected = stat switch { "min" => values.Min(), "max" => values.Max(), _ => values.Average() };
        double last = points[^1].Value;
        var (lv, lvr) = N(last);
        var (ev, evr) = N(expected);
        return Math.Abs(last - expected) <= g.Tolerance
            ? (asked, true, T($"It drew {lv}: right!", $"A desenat {lvr}: corect!"))
            : (asked, false, T($"The last point was {lv}, but it should be about {ev}.", $"Ultimul punct a fost {lvr}, dar trebuia să fie cam {evr}."));
    }

    static (LocalText, bool, LocalText) LedWhen(Goal g, Recording r)
    {
        string q = g.Quantity!;
        var qw = QuantityWords(q);
        string color = g.Color!;
        double threshold = g.Above ?? g.Below!.Value;
        bool above = g.Above is not null;
        double margin = g.Tolerance ?? 0.3;
        var (th, thr) = N(threshold);
        var asked = above
            ? T($"The LED is {color} exactly when the {qw.En} is above {th}{Unit(q)}.", $"LED-ul e {LedNames.Romanian(color)} exact atunci când {qw.Ro} e peste {thr}{Unit(q)}.")
            : T($"The LED is {color} exactly when the {qw.En} is below {th}{Unit(q)}.", $"LED-ul e {LedNames.Romanian(color)} exact atunci când {qw.Ro} e sub {thr}{Unit(q)}.");
        const long ReactMs = 2500; // a program that reads every second or two has this long to react
        long lastChange = 0;
        bool? was = null;
        int checkedSamples = 0, whenTrue = 0;
        foreach (var s in r.Samples)
        {
            if (Truth(s.Weather, q) is not { } v) continue;
            bool now = above ? v > threshold : v < threshold;
            if (was != now) { lastChange = s.TimeMs; was = now; }
            if (s.TimeMs < ReactMs || s.TimeMs - lastChange < ReactMs || Math.Abs(v - threshold) <= margin) continue;
            checkedSamples++;
            if (now) whenTrue++;
            bool lit = LedNames.Nearest(s.Led) == color;
            if (lit != now)
            {
                var (a, ar) = N(s.TimeMs / 1000.0, 0);
                var (vv, vvr) = N(v);
                string shown = LedNames.Nearest(s.Led);
                return (asked, false, now
                    ? T($"At {a} s the {qw.En} was {vv}{Unit(q)} but the LED was {shown}, not {color}.", $"La {ar} s {qw.Ro} era {vvr}{Unit(q)}, dar LED-ul era {LedNames.Romanian(shown)}, nu {LedNames.Romanian(color)}.")
                    : T($"At {a} s the {qw.En} was {vv}{Unit(q)} but the LED was {color} anyway.", $"La {ar} s {qw.Ro} era {vvr}{Unit(q)}, dar LED-ul era totuși {LedNames.Romanian(color)}."));
            }
        }
        if (whenTrue == 0 || whenTrue == checkedSamples)
            return (asked, false, T("The recorded weather never tested both cases (a lesson file problem: tell the librarian).", "Vremea înregistrată nu a încercat ambele cazuri (o problemă a lecției: spune-i bibliotecarului)."));
        return (asked, true, T("The LED always showed the right colour.", "LED-ul a avut mereu culoarea potrivită."));
    }

    static (LocalText, bool, LocalText) LedAt(Goal g, Recording r)
    {
        var (a, ar) = N(g.At!.Value);
        string color = g.Color!;
        var asked = T($"At {a} s the LED is {color}.", $"La {ar} s LED-ul e {LedNames.Romanian(color)}.");
        string shown = LedNames.Nearest(r.At(g.At!.Value).Led);
        return (asked, shown == color, T($"It was {shown}.", $"Era {LedNames.Romanian(shown)}."));
    }

    static (LocalText, bool, LocalText) Window(Goal g, Recording r, IEnumerable<(long TimeMs, string Text)> items, LocalText what)
    {
        double from = g.FromSeconds ?? 0, to = g.ToSeconds ?? r.EndMs / 1000.0;
        var (f, fr) = N(from, 0);
        var (t, tr) = N(to, 0);
        string words = string.Join(" / ", g.Words.Select(w => $"“{w}”"));
        string wordsRo = string.Join(" / ", g.Words.Select(w => $"„{w}”"));
        string windowEn = g.FromSeconds is null && g.ToSeconds is null ? "" : $" between {f} s and {t} s";
        string windowRo = g.FromSeconds is null && g.ToSeconds is null ? "" : $" între {fr} s și {tr} s";
        var asked = g.Not
            ? T($"The program does not {what.En} {words}{windowEn}.", $"Programul nu {what.Ro} {wordsRo}{windowRo}.")
            : T($"The program {what.En}s {words}{windowEn}.", $"Programul {what.Ro} {wordsRo}{windowRo}.");
        var plainWords = g.Words.Select(Plain).ToList();
        var hit = items.FirstOrDefault(i => i.TimeMs >= from * 1000 && i.TimeMs <= to * 1000 && plainWords.Any(w => Plain(i.Text).Contains(w, StringComparison.Ordinal)));
        bool found = hit.Text is not null;
        if (found)
        {
            var (a, ar) = N(hit.TimeMs / 1000.0);
            var at = T($"At {a} s: “{hit.Text}”.", $"La {ar} s: „{hit.Text}”.");
            return (asked, !g.Not, g.Not ? T($"But it did. {at.En}", $"Dar a făcut-o. {at.Ro}") : at);
        }
        return (asked, g.Not, g.Not ? T("Right.", "Corect.") : T("Not yet.", "Încă nu."));
    }

    static (LocalText, bool, LocalText) Prints(Goal g, Recording r) =>
        Window(g, r, r.Prints.Select(p => (p.TimeMs, p.Text)), T("print", "afișează"));

    static (LocalText, bool, LocalText) Broadcasts(Goal g, Recording r) =>
        Window(g, r, r.Broadcasts.Select(b => (b.TimeMs, b.Name)), T("send the message", "trimite mesajul"));

    // ---------------------------------------------------------------- geometry

    static double DistanceToBox(Point2 p, Box b)
    {
        double dx = Math.Max(Math.Max(b.X - p.X, 0), p.X - (b.X + b.Width));
        double dy = Math.Max(Math.Max(b.Y - p.Y, 0), p.Y - (b.Y + b.Height));
        return Math.Sqrt(dx * dx + dy * dy);
    }

    static double DistanceToLine(Point2 p, LineTrack line)
    {
        double best = double.MaxValue;
        int n = line.Points.Count;
        int segments = line.Closed ? n : n - 1;
        for (int i = 0; i < segments; i++)
        {
            Point2 a = line.Points[i], b = line.Points[(i + 1) % n];
            double vx = b.X - a.X, vy = b.Y - a.Y;
            double len2 = vx * vx + vy * vy;
            double u = len2 == 0 ? 0 : Math.Clamp(((p.X - a.X) * vx + (p.Y - a.Y) * vy) / len2, 0, 1);
            double dx = a.X + u * vx - p.X, dy = a.Y + u * vy - p.Y;
            best = Math.Min(best, Math.Sqrt(dx * dx + dy * dy));
        }
        return best;
    }
}
