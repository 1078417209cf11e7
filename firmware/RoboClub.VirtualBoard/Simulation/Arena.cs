using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoboClub.VirtualBoard.Simulation;

/// <summary>An arena could not be built: bad JSON, or a size or coordinate out of bounds.</summary>
public sealed class ArenaFormatException : FormatException
{
    public ArenaFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>A dark tape line on the floor: a polyline (closed: the last point joins the first) of a given width, cm.</summary>
public sealed record LineTrack(IReadOnlyList<Point2> Points, double Width, bool Closed);

/// <summary>
/// A flat 2D arena for the simulated robot, in centimetres (axes and heading: see Geometry.cs):
/// border walls, obstacles (boxes and thin walls), an optional line track and goal zone, and where
/// the robot starts. Immutable and validated when built. Built-in arenas match the lessons
/// (<see cref="BuiltInNames"/>); lessons can ship their own as JSON (<see cref="FromJson"/>, the
/// same shape <see cref="ToJson"/> writes, which is also what the web editor draws).
/// </summary>
public sealed class Arena
{
    public const double MinSize = 20;
    public const double MaxSize = 1000;
    public const double MaxLineWidth = 10;
    public const int MaxBoxes = 200;
    public const int MaxWalls = 500;
    public const int MaxLinePoints = 2000;

    private readonly Segment[] _segments;
    private readonly Segment[] _lineSegments;

    // The same walls as flat arrays of doubles for the hot loops (collision tests run every 10 ms
    // sub-step, ray casts on every ultrasonic read): no struct copies or calls per segment.
    private readonly double[] _ax, _ay, _dx, _dy, _inverseLengthSquared;
    private readonly Box[] _boxes;

    public Arena(string name, double width, double height, Pose start,
        IReadOnlyList<Box>? boxes = null, IReadOnlyList<WallSegment>? walls = null,
        LineTrack? line = null, Box? goal = null)
    {
        Name = string.IsNullOrWhiteSpace(name) ? "custom" : name.Trim();
        Check(double.IsFinite(width) && width >= MinSize && width <= MaxSize,
            $"width must be between {MinSize} and {MaxSize} cm (got {width})");
        Check(double.IsFinite(height) && height >= MinSize && height <= MaxSize,
            $"height must be between {MinSize} and {MaxSize} cm (got {height})");
        Width = width;
        Height = height;

        CheckPoint("start", start.X, start.Y);
        Check(double.IsFinite(start.HeadingDegrees), "start: headingDegrees must be a number");
        Start = start with { HeadingDegrees = Pose.NormalizeDegrees(start.HeadingDegrees) };

        Boxes = [.. boxes ?? []];
        Check(Boxes.Count <= MaxBoxes, $"at most {MaxBoxes} boxes (got {Boxes.Count})");
        for (int i = 0; i < Boxes.Count; i++)
        {
            CheckBox($"boxes[{i}]", Boxes[i]);
        }

        Walls = [.. walls ?? []];
        Check(Walls.Count <= MaxWalls, $"at most {MaxWalls} walls (got {Walls.Count})");
        for (int i = 0; i < Walls.Count; i++)
        {
            WallSegment w = Walls[i];
            CheckPoint($"walls[{i}] start", w.X1, w.Y1);
            CheckPoint($"walls[{i}] end", w.X2, w.Y2);
            Check(w.X1 != w.X2 || w.Y1 != w.Y2, $"walls[{i}]: the two ends are the same point");
        }

        if (line is not null)
        {
            Check(line.Points is not null && line.Points.Count >= 2, "line: needs at least 2 points");
            Check(line.Points!.Count <= MaxLinePoints, $"line: at most {MaxLinePoints} points (got {line.Points.Count})");
            Check(!line.Closed || line.Points.Count >= 3, "line: a closed line needs at least 3 points");
            Check(double.IsFinite(line.Width) && line.Width > 0 && line.Width <= MaxLineWidth,
                $"line: width must be more than 0 and at most {MaxLineWidth} cm (got {line.Width})");
            for (int i = 0; i < line.Points.Count; i++)
            {
                CheckPoint($"line.points[{i}]", line.Points[i].X, line.Points[i].Y);
            }

            Line = line with { Points = [.. line.Points] };
        }

        for (int i = 0; i < Boxes.Count; i++)
        {
            Check(!Boxes[i].Contains(Start.Position), $"start: ({Start.X}, {Start.Y}) is inside boxes[{i}]");
        }

        if (goal is Box g)
        {
            CheckBox("goal", g);
            Goal = g;
        }

        var segments = new List<Segment>
        {
            new(new(0, 0), new(width, 0)),
            new(new(width, 0), new(width, height)),
            new(new(width, height), new(0, height)),
            new(new(0, height), new(0, 0)),
        };
        segments.AddRange(Boxes.SelectMany(b => b.Edges()));
        segments.AddRange(Walls.Select(w => w.ToSegment()));
        _segments = [.. segments];
        _boxes = [.. Boxes];
        int n = _segments.Length;
        _ax = new double[n];
        _ay = new double[n];
        _dx = new double[n];
        _dy = new double[n];
        _inverseLengthSquared = new double[n];
        for (int i = 0; i < n; i++)
        {
            Segment seg = _segments[i];
            _ax[i] = seg.A.X;
            _ay[i] = seg.A.Y;
            _dx[i] = seg.B.X - seg.A.X;
            _dy[i] = seg.B.Y - seg.A.Y;
            double lengthSquared = _dx[i] * _dx[i] + _dy[i] * _dy[i];
            _inverseLengthSquared[i] = lengthSquared > 0 ? 1 / lengthSquared : 0;
        }

        var lineSegments = new List<Segment>();
        if (Line is not null)
        {
            for (int i = 0; i + 1 < Line.Points.Count; i++)
            {
                lineSegments.Add(new Segment(Line.Points[i], Line.Points[i + 1]));
            }

            if (Line.Closed)
            {
                lineSegments.Add(new Segment(Line.Points[^1], Line.Points[0]));
            }
        }

        _lineSegments = [.. lineSegments];
    }

    public string Name { get; }

    public double Width { get; }

    public double Height { get; }

    /// <summary>Where the robot is placed when the simulation starts or is reset.</summary>
    public Pose Start { get; }

    public IReadOnlyList<Box> Boxes { get; }

    public IReadOnlyList<WallSegment> Walls { get; }

    public LineTrack? Line { get; }

    public Box? Goal { get; }

    // ---- queries used by the robot ----

    /// <summary>Distance (cm) from <paramref name="origin"/> along the heading to the first wall or obstacle;
    /// +∞ when the ray leaves without hitting anything (only when the origin is outside the arena).</summary>
    public double RayCast(Point2 origin, double headingDegrees) => RayCastRadians(origin, headingDegrees * Math.PI / 180.0);

    internal double RayCastRadians(Point2 origin, double headingRadians) => FirstHit(origin, headingRadians, out _);

    /// <summary>Like a ray cast, but as sound: the first surface hit echoes only when struck within the
    /// incidence limit (cosine of the angle from its normal at least <paramref name="minCosIncidence"/>);
    /// otherwise the sound glances off and there is no echo (+∞).</summary>
    internal double EchoDistance(Point2 origin, double headingRadians, double minCosIncidence)
    {
        double best = FirstHit(origin, headingRadians, out double cosIncidence);
        return cosIncidence + 1e-12 >= minCosIncidence ? best : double.PositiveInfinity;
    }

    /// <summary>Distance to the first segment the ray meets (+∞: none), and |cos| of the angle between the ray and that segment's normal.</summary>
    private double FirstHit(Point2 origin, double headingRadians, out double cosIncidence)
    {
        double rx = Math.Cos(headingRadians), ry = Math.Sin(headingRadians);
        double ox = origin.X, oy = origin.Y;
        double best = double.PositiveInfinity;
        int hit = -1;
        for (int i = 0; i < _ax.Length; i++)
        {
            double sx = _dx[i], sy = _dy[i];
            double denominator = rx * sy - ry * sx; // cross(ray, segment)
            if (Math.Abs(denominator) < 1e-12)
            {
                continue; // parallel: a sensor does not see a wall edge-on
            }

            double aox = _ax[i] - ox, aoy = _ay[i] - oy;
            double t = (aox * sy - aoy * sx) / denominator; // along the ray
            if (t < 0 || t >= best)
            {
                continue;
            }

            double u = (aox * ry - aoy * rx) / denominator; // along the segment
            if (u >= -1e-9 && u <= 1 + 1e-9)
            {
                best = t;
                hit = i;
            }
        }

        cosIncidence = hit < 0 ? 0 : Math.Abs(rx * _dy[hit] - ry * _dx[hit]) * Math.Sqrt(_inverseLengthSquared[hit]);
        return best;
    }

    /// <summary>True when a circle of <paramref name="radius"/> round <paramref name="centre"/> is inside the
    /// arena and overlaps no wall or obstacle (touching is allowed).</summary>
    internal bool CircleFits(Point2 centre, double radius)
    {
        double px = centre.X, py = centre.Y;
        if (px - radius < 0 || py - radius < 0 || px + radius > Width || py + radius > Height)
        {
            return false;
        }

        foreach (Box b in _boxes)
        {
            if (px >= b.X && px <= b.X + b.Width && py >= b.Y && py <= b.Y + b.Height)
            {
                return false;
            }
        }

        double radiusSquared = radius * radius;
        for (int i = 0; i < _ax.Length; i++)
        {
            double t = ((px - _ax[i]) * _dx[i] + (py - _ay[i]) * _dy[i]) * _inverseLengthSquared[i];
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            double ex = px - (_ax[i] + t * _dx[i]), ey = py - (_ay[i] + t * _dy[i]);
            if (ex * ex + ey * ey < radiusSquared)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Distance from a point to the nearest wall or obstacle surface (0 when inside a box or outside the arena).</summary>
    public double Clearance(Point2 p) => Nearest(p).Distance;

    internal (double Distance, Point2 Closest) Nearest(Point2 p)
    {
        if (p.X <= 0 || p.Y <= 0 || p.X >= Width || p.Y >= Height)
        {
            return (0, p);
        }

        foreach (Box b in _boxes)
        {
            if (b.Contains(p))
            {
                return (0, p);
            }
        }

        double bestSquared = double.PositiveInfinity;
        Point2 closest = p;
        for (int i = 0; i < _ax.Length; i++)
        {
            double t = ((p.X - _ax[i]) * _dx[i] + (p.Y - _ay[i]) * _dy[i]) * _inverseLengthSquared[i];
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            double cx = _ax[i] + t * _dx[i], cy = _ay[i] + t * _dy[i];
            double dSquared = (p.X - cx) * (p.X - cx) + (p.Y - cy) * (p.Y - cy);
            if (dSquared < bestSquared)
            {
                bestSquared = dSquared;
                closest = new Point2(cx, cy);
            }
        }

        return (Math.Sqrt(bestSquared), closest);
    }

    /// <summary>True when the point is on the tape (within half the line width of the polyline).</summary>
    public bool IsOnLine(Point2 p)
    {
        if (Line is null)
        {
            return false;
        }

        double half = Line.Width / 2;
        foreach (Segment s in _lineSegments)
        {
            if (s.DistanceTo(p) <= half)
            {
                return true;
            }
        }

        return false;
    }

    public bool IsInGoal(Point2 p) => Goal is Box g && g.Contains(p);

    // ---- built-in arenas ----

    /// <summary>The arenas lessons can ask for by name.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["empty", "square", "wall-ahead", "obstacles", "line-oval", "maze"];

    /// <summary>A built-in arena by name (see <see cref="BuiltInNames"/>; case-insensitive).</summary>
    public static Arena BuiltIn(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            // 2 m x 1.5 m of open floor, robot in the middle facing east.
            "empty" => new Arena("empty", 200, 150, new Pose(100, 75, 0)),

            // Room for a square of up to ~90 cm; the goal is a 20 cm "home" square around the start,
            // so "did the robot come back?" is "is it in the goal?".
            "square" => new Arena("square", 200, 150, new Pose(50, 40, 0), goal: new Box(40, 30, 20, 20)),

            // A wall 110 cm ahead of the robot's centre (103 cm from the sensor); the goal is the strip in
            // front of it where a robot that stopped in time (without touching) ends up.
            "wall-ahead" => new Arena("wall-ahead", 200, 150, new Pose(40, 75, 0),
                boxes: [new Box(150, 25, 6, 100)], goal: new Box(110, 50, 32, 50)),

            // Boxes to drive around (gaps are at least 40 cm) on the way to a goal on the right.
            "obstacles" => new Arena("obstacles", 200, 150, new Pose(20, 75, 0),
                boxes: [new Box(55, 55, 20, 40), new Box(100, 0, 15, 40), new Box(100, 110, 15, 40), new Box(140, 55, 15, 35)],
                goal: new Box(170, 50, 25, 50)),

            // A closed oval (two 80 cm straights, half-circles of radius 45 cm) of 2 cm tape; the robot
            // starts on the bottom straight, heading east (counter-clockwise round the oval).
            "line-oval" => new Arena("line-oval", 200, 150, new Pose(100, 30, 0),
                line: new LineTrack(OvalPoints(new Point2(60, 75), new Point2(140, 75), 45, 24), 2, Closed: true)),

            // 50 cm corridors in a 4 x 3 grid. Start bottom-left heading north, goal bottom-right. A right-hand
            // wall follower explores the middle room (around two wall ends) and comes out at the goal; a
            // left-hand one goes round the top.
            "maze" => new Arena("maze", 200, 150, new Pose(25, 25, 90),
                walls:
                [
                    new WallSegment(50, 0, 50, 100),
                    new WallSegment(100, 0, 100, 50),
                    new WallSegment(100, 100, 150, 100),
                    new WallSegment(150, 0, 150, 100),
                ],
                goal: new Box(155, 5, 40, 40)),

            _ => throw new ArenaFormatException(
                $"there is no built-in arena called \"{name}\" (there are: {string.Join(", ", BuiltInNames)})"),
        };
    }

    /// <summary>A stadium shape: two half-circles of <paramref name="radius"/> round the two centres (left, right), joined by straights.</summary>
    private static Point2[] OvalPoints(Point2 left, Point2 right, double radius, int segmentsPerHalf)
    {
        var points = new List<Point2>();
        for (int i = 0; i <= segmentsPerHalf; i++) // right half: -90° .. 90°
        {
            double a = -Math.PI / 2 + Math.PI * i / segmentsPerHalf;
            points.Add(new Point2(right.X + radius * Math.Cos(a), right.Y + radius * Math.Sin(a)));
        }

        for (int i = 0; i <= segmentsPerHalf; i++) // left half: 90° .. 270°
        {
            double a = Math.PI / 2 + Math.PI * i / segmentsPerHalf;
            points.Add(new Point2(left.X + radius * Math.Cos(a), left.Y + radius * Math.Sin(a)));
        }

        return [.. points.Select(p => new Point2(Math.Round(p.X, 3), Math.Round(p.Y, 3)))];
    }

    // ---- JSON ----

    /// <summary>Reads an arena from JSON (see the README for the shape). Errors name the field at fault.</summary>
    public static Arena FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArenaDocument? doc;
        try
        {
            doc = JsonSerializer.Deserialize<ArenaDocument>(json, ReadOptions);
        }
        catch (JsonException e)
        {
            string where = e.Path is null ? "" : $" at {e.Path}";
            string lineNumber = e.LineNumber is long l ? $" (line {l + 1})" : "";
            throw new ArenaFormatException($"arena JSON is not valid{where}{lineNumber}: {FirstSentence(e.Message)}", e);
        }

        if (doc is null)
        {
            throw new ArenaFormatException("arena JSON is empty (null)");
        }

        double width = Required(doc.Width, "width");
        double height = Required(doc.Height, "height");
        Pose start = doc.Start is null
            ? new Pose(width / 2, height / 2, 0)
            : new Pose(Required(doc.Start.X, "start.x"), Required(doc.Start.Y, "start.y"), doc.Start.HeadingDegrees ?? 0);

        var boxes = new List<Box>();
        for (int i = 0; i < (doc.Boxes?.Count ?? 0); i++)
        {
            BoxDocument b = doc.Boxes![i] ?? throw new ArenaFormatException($"boxes[{i}] is null");
            boxes.Add(ReadBox(b, $"boxes[{i}]"));
        }

        var walls = new List<WallSegment>();
        for (int i = 0; i < (doc.Walls?.Count ?? 0); i++)
        {
            WallDocument w = doc.Walls![i] ?? throw new ArenaFormatException($"walls[{i}] is null");
            string p = $"walls[{i}]";
            walls.Add(new WallSegment(Required(w.X1, p + ".x1"), Required(w.Y1, p + ".y1"), Required(w.X2, p + ".x2"), Required(w.Y2, p + ".y2")));
        }

        LineTrack? line = null;
        if (doc.Line is LineDocument ld)
        {
            var points = new List<Point2>();
            for (int i = 0; i < (ld.Points?.Count ?? 0); i++)
            {
                PointDocument pd = ld.Points![i] ?? throw new ArenaFormatException($"line.points[{i}] is null");
                points.Add(new Point2(Required(pd.X, $"line.points[{i}].x"), Required(pd.Y, $"line.points[{i}].y")));
            }

            line = new LineTrack(points, ld.Width ?? 2.0, ld.Closed ?? false);
        }

        Box? goal = doc.Goal is null ? null : ReadBox(doc.Goal, "goal");
        return new Arena(doc.Name ?? "custom", width, height, start, boxes, walls, line, goal);
    }

    /// <summary>Reads an arena from a JSON file.</summary>
    public static Arena Load(string path) => FromJson(File.ReadAllText(path));

    /// <summary>This arena as JSON, in the shape <see cref="FromJson"/> reads (camelCase).</summary>
    public string ToJson(bool indented = false)
    {
        var doc = new ArenaDocument
        {
            Name = Name,
            Width = Width,
            Height = Height,
            Start = new StartDocument { X = Start.X, Y = Start.Y, HeadingDegrees = Start.HeadingDegrees },
            Boxes = [.. Boxes.Select(b => new BoxDocument { X = b.X, Y = b.Y, Width = b.Width, Height = b.Height })],
            Walls = [.. Walls.Select(w => new WallDocument { X1 = w.X1, Y1 = w.Y1, X2 = w.X2, Y2 = w.Y2 })],
            Line = Line is null ? null : new LineDocument
            {
                Width = Line.Width,
                Closed = Line.Closed,
                Points = [.. Line.Points.Select(p => new PointDocument { X = p.X, Y = p.Y })],
            },
            Goal = Goal is Box g ? new BoxDocument { X = g.X, Y = g.Y, Width = g.Width, Height = g.Height } : null,
        };
        return JsonSerializer.Serialize(doc, indented ? WriteIndentedOptions : WriteOptions);
    }

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, // a misspelt field is an error, not ignored
        MaxDepth = 16,
    };

    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions WriteIndentedOptions = new(WriteOptions) { WriteIndented = true };

    private static Box ReadBox(BoxDocument b, string path) =>
        new(Required(b.X, path + ".x"), Required(b.Y, path + ".y"), Required(b.Width, path + ".width"), Required(b.Height, path + ".height"));

    private static double Required(double? value, string path) =>
        value ?? throw new ArenaFormatException($"{path} is missing");

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private void CheckPoint(string what, double x, double y)
    {
        Check(double.IsFinite(x) && double.IsFinite(y), $"{what}: coordinates must be numbers");
        Check(x >= 0 && x <= Width && y >= 0 && y <= Height,
            $"{what}: ({x}, {y}) is outside the arena (0..{Width} x 0..{Height} cm)");
    }

    private void CheckBox(string what, Box b)
    {
        Check(double.IsFinite(b.X) && double.IsFinite(b.Y) && double.IsFinite(b.Width) && double.IsFinite(b.Height),
            $"{what}: coordinates must be numbers");
        Check(b.Width > 0 && b.Height > 0, $"{what}: width and height must be more than 0 (got {b.Width} x {b.Height})");
        Check(b.X >= 0 && b.Y >= 0 && b.Right <= Width && b.Top <= Height,
            $"{what}: the box from ({b.X}, {b.Y}) to ({b.Right}, {b.Top}) is not inside the arena (0..{Width} x 0..{Height} cm)");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArenaFormatException(message);
        }
    }

    // The JSON shape. Nullable fields so that a missing one is reported by name.
    private sealed class ArenaDocument
    {
        public string? Name { get; set; }
        public double? Width { get; set; }
        public double? Height { get; set; }
        public StartDocument? Start { get; set; }
        public List<BoxDocument?>? Boxes { get; set; }
        public List<WallDocument?>? Walls { get; set; }
        public LineDocument? Line { get; set; }
        public BoxDocument? Goal { get; set; }
    }

    private sealed class StartDocument
    {
        public double? X { get; set; }
        public double? Y { get; set; }
        public double? HeadingDegrees { get; set; }
    }

    private sealed class BoxDocument
    {
        public double? X { get; set; }
        public double? Y { get; set; }
        public double? Width { get; set; }
        public double? Height { get; set; }
    }

    private sealed class WallDocument
    {
        public double? X1 { get; set; }
        public double? Y1 { get; set; }
        public double? X2 { get; set; }
        public double? Y2 { get; set; }
    }

    private sealed class LineDocument
    {
        public double? Width { get; set; }
        public bool? Closed { get; set; }
        public List<PointDocument?>? Points { get; set; }
    }

    private sealed class PointDocument
    {
        public double? X { get; set; }
        public double? Y { get; set; }
    }
}
