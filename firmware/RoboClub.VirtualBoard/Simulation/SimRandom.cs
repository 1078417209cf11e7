namespace RoboClub.VirtualBoard.Simulation;

/// <summary>
/// The simulations' random numbers: SplitMix64, written out here so that a seed gives the same
/// series on every .NET version and platform (System.Random makes no such promise).
/// Not thread-safe; each simulation guards its own.
/// </summary>
public sealed class SimRandom
{
    private ulong _state;
    private double? _spareGaussian;

    public SimRandom(long seed)
    {
        _state = unchecked((ulong)seed ^ 0x9E3779B97F4A7C15UL);
    }

    /// <summary>A new generator whose series depends on this seed and <paramref name="stream"/> only
    /// (so that, say, reading a sensor does not change the weather).</summary>
    public static SimRandom ForStream(long seed, string stream)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a over the stream name
        foreach (char c in stream)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return new SimRandom(unchecked(seed * 31 + (long)hash));
    }

    public ulong NextUInt64()
    {
        ulong z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Normal with mean 0 and the given standard deviation (Box–Muller).</summary>
    public double NextGaussian(double standardDeviation = 1.0)
    {
        if (_spareGaussian is double spare)
        {
            _spareGaussian = null;
            return spare * standardDeviation;
        }

        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        _spareGaussian = radius * Math.Sin(angle);
        return radius * Math.Cos(angle) * standardDeviation;
    }
}
