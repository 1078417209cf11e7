using RoboClub.Hub.Projects;

namespace RoboClub.Hub.Tests.Projects;

/// <summary>A real SQLite projects.db in a temporary folder, deleted afterwards; Reopen() is a hub restart.</summary>
public sealed class TempStore : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("roboclub-projects-").FullName;
    public ManualClock Clock { get; } = new();
    public SqliteProjectStore Store { get; private set; }
    public string DbPath => Path.Combine(Folder, "projects.db");

    public TempStore() => Store = new SqliteProjectStore(DbPath, Clock);

    public SqliteProjectStore Reopen()
    {
        Store.Dispose();
        Store = new SqliteProjectStore(DbPath, Clock);
        return Store;
    }

    public async Task<Child> ChildAsync(string name = "Ana", string colour = "red") => await Store.AddChildAsync(name, colour);

    public async Task<Project> ProjectAsync(long childId, string name = "Robotul meu", string workspace = "{}", string source = "") =>
        await Store.CreateProjectAsync(childId, new NewProject(name, "robot", "blocks", workspace, source));

    public void Dispose()
    {
        Store.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
