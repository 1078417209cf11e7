using Microsoft.Data.Sqlite;

namespace RoboClub.Telemetry.Tests;

/// <summary>A fresh folder under /tmp for one test's database files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "roboclub-telemetry-tests", Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name = "telemetry.db") => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections of raw test connections keep files open
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
