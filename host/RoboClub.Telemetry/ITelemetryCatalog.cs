namespace RoboClub.Telemetry;

/// <summary>
/// What a store holds beyond one board: the clubs and boards with samples (a regional hub lists
/// every participating station), and a series' samples in time order after a point (a club hub
/// forwards its history from a cursor). Both stores implement it; it is kept apart from
/// <see cref="ITelemetryStore"/> so adding it changed no existing contract.
/// </summary>
public interface ITelemetryCatalog
{
    /// <summary>Clubs that have at least one sample, in code-point order.</summary>
    Task<IReadOnlyList<string>> ListClubsAsync(CancellationToken cancellationToken = default);

    /// <summary>The club's boards that have at least one sample, in code-point order.</summary>
    Task<IReadOnlyList<string>> ListBoardsAsync(string club, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> samples of <paramref name="series"/> with
    /// <paramref name="afterMs"/> &lt; time ≤ <paramref name="untilMs"/>, oldest first (a primary-key
    /// range scan). <paramref name="limit"/> is 1 to <see cref="MaxReadLimit"/>.
    /// </summary>
    Task<IReadOnlyList<TelemetrySample>> ReadAfterAsync(SeriesKey series, long afterMs, long untilMs, int limit, CancellationToken cancellationToken = default);

    public const int MaxReadLimit = 50_000;

    internal static void CheckRead(SeriesKey series, int limit)
    {
        series.Check();
        if (limit < 1 || limit > MaxReadLimit) throw new ArgumentOutOfRangeException(nameof(limit), limit, $"limit is 1 to {MaxReadLimit}.");
    }
}
