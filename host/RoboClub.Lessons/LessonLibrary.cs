namespace RoboClub.Lessons;

/// <summary>
/// Every lesson under a lessons/ folder, loaded once. Lookups from the web go through the loaded
/// list only (never through a path built from the request), so a lesson id cannot reach other files.
/// A folder that fails to load is kept as a problem for the librarian's view instead of stopping the hub.
/// </summary>
public sealed class LessonLibrary
{
    readonly Dictionary<string, Lesson> _byId = new(StringComparer.Ordinal);

    public LessonLibrary(string root)
    {
        Root = Path.GetFullPath(root);
        var problems = new List<string>();
        foreach (string track in LessonLoader.Tracks)
        {
            string trackFolder = Path.Combine(Root, track);
            if (!Directory.Exists(trackFolder)) continue;
            foreach (string folder in Directory.GetDirectories(trackFolder).Order(StringComparer.Ordinal))
            {
                try
                {
                    var lesson = LessonLoader.Load(folder);
                    _byId[lesson.Id] = lesson;
                }
                catch (Exception e) when (e is LessonFormatException or IOException or UnauthorizedAccessException)
                {
                    problems.Add(e.Message);
                }
            }
        }
        Problems = problems;
        Lessons = [.. _byId.Values.OrderBy(l => Array.IndexOf(LessonLoader.Tracks, l.Track)).ThenBy(l => l.Number)];
    }

    public string Root { get; }

    /// <summary>Lessons in teaching order: the weather track, then the robot track, each by number.</summary>
    public IReadOnlyList<Lesson> Lessons { get; }

    /// <summary>Folders that did not load, with the reason.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The lesson with this track and folder name, or null (also for anything that is not a lesson id).</summary>
    public Lesson? Find(string? track, string? slug)
    {
        if (track is null || slug is null || !LessonLoader.Tracks.Contains(track) || !LessonLoader.SlugPattern().IsMatch(slug)) return null;
        return _byId.GetValueOrDefault($"{track}/{slug}");
    }

    /// <summary>
    /// Where the lessons are: <paramref name="configured"/> if given, else the copy next to the program
    /// (the RoboClub.Lessons project copies lessons/ to every output that references it).
    /// </summary>
    public static string FindRoot(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        return Path.Combine(AppContext.BaseDirectory, "lessons");
    }
}
