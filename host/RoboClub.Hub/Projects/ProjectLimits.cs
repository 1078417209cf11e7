namespace RoboClub.Hub.Projects;

/// <summary>Sizes that keep one club's database small and every request quick on a library PC.</summary>
public static class ProjectLimits
{
    /// <summary>Blockly workspace JSON, in UTF-8 bytes. A big lesson project is about 50 KB.</summary>
    public const int MaxWorkspaceBytes = 1024 * 1024;

    /// <summary>C# source, in characters.</summary>
    public const int MaxSourceChars = 200_000;

    public const int MaxProjectNameLength = 40;

    /// <summary>Blockly nests every next block inside the previous one, so real workspaces are deep.</summary>
    public const int MaxJsonDepth = 4096;

    /// <summary>A request body or project file: a full workspace and source, escaped, fit well inside.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>Saves closer together than this fold into one version (see README).</summary>
    public static readonly TimeSpan VersionWindow = TimeSpan.FromSeconds(60);
}
