using RoboClub.Hub.Serve;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Telemetry;

/// <summary>
/// Which telemetry store the hub uses, from `--db` (setting Hub:Database): nothing or "sqlite" is
/// the one-club file {data}/telemetry.db; postgres://user:password@host:port/database is a
/// PostgreSQL database that several clubs' hubs may share (host/RoboClub.Telemetry/README.md).
/// </summary>
public static class TelemetryDatabase
{
    /// <summary>Null when <paramref name="setting"/> is usable; otherwise what is wrong, in English and Romanian.</summary>
    public static (string En, string Ro)? Problem(string? setting)
    {
        if (IsSqlite(setting)) return null;
        if (PostgresUrl.TryParse(setting, out string? en, out string? ro) is not null) return null;
        if (!PostgresUrl.LooksLikePostgres(setting))
            return ($"--db takes \"sqlite\" or a PostgreSQL address such as postgres://user:password@host:5432/database, not \"{PostgresUrl.Hide(setting)}\".",
                    $"--db primește „sqlite” sau o adresă PostgreSQL ca postgres://utilizator:parolă@server:5432/bază, nu „{PostgresUrl.Hide(setting)}”.");
        return (en!, ro!);
    }

    static bool IsSqlite(string? setting) => string.IsNullOrWhiteSpace(setting) || setting.Equals("sqlite", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the configured store; throws <see cref="TelemetryStoreException"/> (English and Romanian for a bad address).</summary>
    public static ITelemetryStore Open(HubSettings settings)
    {
        if (IsSqlite(settings.Database))
        {
            Directory.CreateDirectory(settings.DataDirectory); // the first start: nothing made the data folder yet
            return SqliteTelemetryStore.Open(Path.Combine(settings.DataDirectory, "telemetry.db"));
        }
        if (Problem(settings.Database) is { } problem) throw new TelemetryStoreException($"{problem.En}\n{problem.Ro}");
        // The store is created once, while the hub starts; nothing runs on a synchronization context here.
        return PostgresTelemetryStore.OpenAsync(PostgresUrl.Parse(settings.Database!)).GetAwaiter().GetResult();
    }
}
