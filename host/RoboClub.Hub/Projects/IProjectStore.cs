namespace RoboClub.Hub.Projects;

/// <summary>
/// Children and their projects with history. SQLite (<see cref="SqliteProjectStore"/>) for one club;
/// the same contract can be kept by PostgreSQL for a network of clubs. Every method validates its
/// input and throws <see cref="ProjectException"/> (with en/ro text) before changing anything.
/// </summary>
public interface IProjectStore
{
    Task<IReadOnlyList<Child>> ListChildrenAsync(CancellationToken ct = default);
    Task<Child> GetChildAsync(long childId, CancellationToken ct = default);
    /// <summary>Throws <see cref="ProjectFailure.Taken"/> if the same name already has that colour.</summary>
    Task<Child> AddChildAsync(string? name, string? colour, CancellationToken ct = default);
    /// <summary>Changes a child's name and/or colour (a null part stays as it is).</summary>
    Task<Child> UpdateChildAsync(long childId, string? name, string? colour, CancellationToken ct = default);

    /// <summary>The child's projects not in the bin, the most recently changed first.</summary>
    Task<IReadOnlyList<ProjectSummary>> ListProjectsAsync(long childId, CancellationToken ct = default);
    Task<Project> CreateProjectAsync(long childId, NewProject project, CancellationToken ct = default);
    Task<Project> GetProjectAsync(long projectId, CancellationToken ct = default);
    /// <summary>Whose project this is, in the bin or not (null: no such project). For access checks.</summary>
    Task<long?> OwnerOfAsync(long projectId, CancellationToken ct = default);
    /// <summary>Autosave; the version rule is in the README.</summary>
    Task<SaveResult> SaveAsync(long projectId, ProjectContent content, CancellationToken ct = default);
    Task<Project> RenameProjectAsync(long projectId, string? name, CancellationToken ct = default);
    /// <summary>A new project with the latest content; <paramref name="name"/> null gives "name (copie)" / "name (copy)".</summary>
    Task<Project> DuplicateAsync(long projectId, string? name, string language, CancellationToken ct = default);
    /// <summary>Moves the project to the librarian's bin; its content and history stay.</summary>
    Task DeleteAsync(long projectId, CancellationToken ct = default);
    Task<IReadOnlyList<DeletedProject>> ListDeletedAsync(CancellationToken ct = default);
    /// <summary>Takes a project out of the bin (no effect if it is not in it).</summary>
    Task<Project> RestoreAsync(long projectId, CancellationToken ct = default);

    /// <summary>The project's versions, the newest first.</summary>
    Task<IReadOnlyList<VersionInfo>> ListVersionsAsync(long projectId, CancellationToken ct = default);
    Task<ProjectVersion> GetVersionAsync(long projectId, int number, CancellationToken ct = default);
    /// <summary>Saves an old version's content as a new latest version (never folded into another).</summary>
    Task<SaveResult> RestoreVersionAsync(long projectId, int number, CancellationToken ct = default);

    /// <summary>Creates a new project for the child from an imported file; never overwrites (a taken name gets " (2)").</summary>
    Task<Project> ImportAsync(long childId, NewProject project, CancellationToken ct = default);
}
