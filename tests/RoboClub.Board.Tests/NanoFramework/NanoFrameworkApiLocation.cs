namespace RoboClub.Board.Tests.NanoFramework;

/// <summary>
/// Where the nanoFramework API listings are: <c>$ROBOCLUB_NANOFRAMEWORK_API</c> when set, otherwise
/// <c>&lt;repo&gt;/../shared/nanoframework-api</c> when a shared folder is beside the clone (the newest
/// listings), otherwise the copy kept in the repository (<c>NanoFramework/listings</c>, so a clone
/// anywhere checks the firmware). A missing folder is an error, never a silent skip.
/// </summary>
public static class NanoFrameworkApiLocation
{
    public const string EnvironmentVariable = "ROBOCLUB_NANOFRAMEWORK_API";

    /// <summary>The directory holding RoboClub.sln, searched upwards from <paramref name="start"/> (default: the test binaries).</summary>
    public static string FindRepositoryRoot(string? start = null)
    {
        var directory = new DirectoryInfo(start ?? AppContext.BaseDirectory);
        while (directory is not null)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RoboClub.sln")))
            {
                return directory.FullName;
            }
            directory = directory.Parent;
        }
        throw new DirectoryNotFoundException(
            $"RoboClub.sln not found in {start ?? AppContext.BaseDirectory} or any parent directory.");
    }

    public static string FindListingsFolder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        string folder;
        string origin;
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            folder = Path.GetFullPath(fromEnvironment);
            origin = $"${EnvironmentVariable}";
        }
        else
        {
            folder = Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared", "nanoframework-api"));
            origin = "<repo>/../shared/nanoframework-api";
            if (!File.Exists(Path.Combine(folder, "mscorlib.api.txt")))
            {
                folder = Path.Combine(FindRepositoryRoot(), "tests", "RoboClub.Board.Tests", "NanoFramework", "listings");
                origin = "the copy in tests/RoboClub.Board.Tests/NanoFramework/listings";
            }
        }

        if (!File.Exists(Path.Combine(folder, "mscorlib.api.txt")))
        {
            throw new DirectoryNotFoundException(
                $"nanoFramework API listings not found: {folder} (from {origin}) has no mscorlib.api.txt. " +
                "The nanoFramework compatibility check needs them: clone the shared folder beside the repository " +
                $"(<repo>/../shared/nanoframework-api) or set {EnvironmentVariable} to the folder holding the *.api.txt files.");
        }
        return folder;
    }
}
