namespace RoboClub.Lessons;

/// <summary>
/// One lesson, loaded and validated: <c>lessons/{Track}/{Slug}/</c> with its texts in both languages,
/// lesson.yaml, the starter and solution programs and the wiring notes.
/// </summary>
public sealed record Lesson(
    string Track,
    string Slug,
    int Number,
    string Folder,
    IReadOnlyDictionary<string, LessonText> Texts,
    IReadOnlyDictionary<string, string> WiringHtml,
    LessonDefinition Definition,
    string Starter,
    string Solution)
{
    /// <summary>"robot/01-move-and-turn": the id the web uses.</summary>
    public string Id => $"{Track}/{Slug}";

    public LessonText Text(string language) => Texts.TryGetValue(language, out var t) ? t : Texts["en"];
}
