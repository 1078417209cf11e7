namespace RoboClub.Lessons;

/// <summary>A lesson in one language: front matter, the introduction before the first step, and the steps.</summary>
public sealed record LessonText(string Language, FrontMatter Front, string IntroHtml, IReadOnlyList<LessonStep> Steps);
