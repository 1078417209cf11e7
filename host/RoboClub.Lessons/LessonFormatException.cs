namespace RoboClub.Lessons;

/// <summary>
/// A lesson file that cannot be used, with a message that names the file and what is wrong, so a
/// volunteer who writes lessons can fix it without reading code.
/// </summary>
public sealed class LessonFormatException(string message, Exception? inner = null) : FormatException(message, inner);
