using System.Text.Json.Serialization;

namespace RoboClub.VirtualBoard.Simulation;

// Arena coordinates: centimetres, origin at the bottom-left corner, x to the right, y up.
// Headings: degrees, 0 = along +x (east), counter-clockwise positive (90 = along +y).
// The web view flips y when drawing.

/// <summary>A point in the arena, cm.</summary>
public readonly record struct Point2(double X, double Y)
{
    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Point2 operator *(Point2 a, double k) => new(a.X * k, a.Y * k);

    [JsonIgnore]
    public double Length => Math.Sqrt(X * X + Y * Y);

    public static double Dot(Point2 a, Point2 b) => a.X * b.X + a.Y * b.Y;

    public static double Cross(Point2 a, Point2 b) => a.X * b.Y - a.Y * b.X;

    public static Point2 FromAngle(double radians) => new(Math.Cos(radians), Math.Sin(radians));
}

/// <summary>Where the robot is: centre of the wheel axle (cm) and heading (degrees, CCW from +x).</summary>
public readonly record struct Pose(double X, double Y, double HeadingDegrees)
{
    [JsonIgnore]
    public Point2 Position => new(X, Y);

    [JsonIgnore]
    public double HeadingRadians => HeadingDegrees * Math.PI / 180.0;

    /// <summary>A point given in the robot's frame (forward, left), in arena coordinates.</summary>
    public Point2 ToArena(double forwardCm, double leftCm)
    {
        double h = HeadingRadians;
        double c = Math.Cos(h), s = Math.Sin(h);
        return new Point2(X + forwardCm * c - leftCm * s, Y + forwardCm * s + leftCm * c);
    }

    /// <summary>Heading folded into [0, 360).</summary>
    public static double NormalizeDegrees(double degrees)
    {
        double d = degrees % 360.0;
        return d < 0 ? d + 360.0 : d;
    }
}

/// <summary>An axis-aligned rectangle: lower-left corner (X, Y) and size, cm.</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Top => Y + Height;

    public bool Contains(Point2 p) => p.X >= X && p.X <= Right && p.Y >= Y && p.Y <= Top;

    internal IEnumerable<Segment> Edges()
    {
        yield return new Segment(new(X, Y), new(Right, Y));
        yield return new Segment(new(Right, Y), new(Right, Top));
        yield return new Segment(new(Right, Top), new(X, Top));
        yield return new Segment(new(X, Top), new(X, Y));
    }
}

/// <summary>A thin wall between two points, cm.</summary>
public readonly record struct WallSegment(double X1, double Y1, double X2, double Y2)
{
    internal Segment ToSegment() => new(new(X1, Y1), new(X2, Y2));
}

internal readonly record struct Segment(Point2 A, Point2 B)
{
    public Point2 ClosestPoint(Point2 p)
    {
        Point2 ab = B - A;
        double lengthSquared = Point2.Dot(ab, ab);
        if (lengthSquared == 0)
        {
            return A;
        }

        double t = Math.Clamp(Point2.Dot(p - A, ab) / lengthSquared, 0.0, 1.0);
        return A + ab * t;
    }

    public double DistanceTo(Point2 p) => (p - ClosestPoint(p)).Length;
}
