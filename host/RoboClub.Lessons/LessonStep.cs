namespace RoboClub.Lessons;

/// <summary>One step of a lesson in one language: its heading, its Markdown and that Markdown as safe HTML.</summary>
public sealed record LessonStep(string Title, string Markdown, string Html);
