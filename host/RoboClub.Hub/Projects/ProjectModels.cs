namespace RoboClub.Hub.Projects;

// The records the store hands out and the API returns (as camelCase JSON). Times are UTC.

/// <summary>A child: a name and a colour, nothing else. <paramref name="Projects"/> counts projects not in the bin.</summary>
public sealed record Child(long Id, string Name, string Colour, DateTimeOffset CreatedAt, int Projects);

/// <summary>A project without its content, for lists.</summary>
public sealed record ProjectSummary(long Id, long ChildId, string Name, string BoardKind, string Mode,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, long Revision);

/// <summary>
/// A project with its latest content. <paramref name="Workspace"/> is Blockly's workspace JSON as text
/// (the page does JSON.parse), <paramref name="Revision"/> grows with every content change and is
/// what an editor sends back as <c>baseRevision</c> when it autosaves.
/// </summary>
public sealed record Project(long Id, long ChildId, string Name, string BoardKind, string Mode,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version, long Revision, string Workspace, string Source);

/// <summary>A project in the librarian's bin, with whose it is.</summary>
public sealed record DeletedProject(long Id, long ChildId, string ChildName, string ChildColour, string Name,
    string BoardKind, DateTimeOffset UpdatedAt, DateTimeOffset DeletedAt);

/// <summary>One entry of a project's history: when it was started and last written, why, and how big.</summary>
public sealed record VersionInfo(int Number, DateTimeOffset StartedAt, DateTimeOffset SavedAt, string Origin, string Mode,
    int WorkspaceBytes, int SourceChars);

/// <summary>One version with its content.</summary>
public sealed record ProjectVersion(int Number, DateTimeOffset StartedAt, DateTimeOffset SavedAt, string Origin, string Mode,
    string Workspace, string Source);

/// <summary>What a new project starts with (workspace and source may be empty).</summary>
public sealed record NewProject(string? Name, string? BoardKind, string? Mode, string? Workspace = null, string? Source = null);

/// <summary>
/// An autosave. A null part keeps what is stored. <paramref name="BaseRevision"/> is the revision the
/// editor last loaded or saved; only then may the save fold into the latest version (see README).
/// </summary>
public sealed record ProjectContent(string? Mode, string? Workspace, string? Source, long? BaseRevision = null);

/// <summary>What an autosave did: <c>created</c> a version, <c>replaced</c> the latest one, or nothing (<c>unchanged</c>).</summary>
public sealed record SaveResult(string Outcome, Project Project);

/// <summary>Why a version exists.</summary>
public static class VersionOrigin
{
    public const string Created = "created", Saved = "saved", Restored = "restored", Duplicated = "duplicated", Imported = "imported";
}

/// <summary>The allowed board kinds and editor modes, as stored and sent.</summary>
public static class ProjectKinds
{
    public static readonly IReadOnlyList<string> BoardKinds = ["robot", "weather"];
    public static readonly IReadOnlyList<string> Modes = ["blocks", "csharp"];
}
