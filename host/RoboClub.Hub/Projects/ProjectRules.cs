using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RoboClub.Hub.Projects;

/// <summary>Checks on every name, kind and content before anything is written; each throws a <see cref="ProjectException"/>.</summary>
public static class ProjectRules
{
    public static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = ProjectLimits.MaxJsonDepth };

    public static string ChildName(string? raw) =>
        ChildNames.Clean(raw) ?? throw Invalid(ProjectText.BadChildName);

    public static ChildColour Colour(string? raw) =>
        ChildColours.Find(raw) ?? throw Invalid(ProjectText.BadColour);

    /// <summary>Project names are freer than children's (punctuation, emoji are fine) but never empty or control characters.</summary>
    public static string ProjectName(string? raw)
    {
        string name = TextRules.Tidy(raw);
        if (name.Length is 0 || new StringInfo(name).LengthInTextElements > ProjectLimits.MaxProjectNameLength || name.Any(char.IsControl))
            throw Invalid(ProjectText.BadProjectName);
        return name;
    }

    public static string BoardKind(string? raw) =>
        ProjectKinds.BoardKinds.FirstOrDefault(k => k == raw) ?? throw Invalid(ProjectText.BadBoardKind);

    public static string Mode(string? raw) =>
        ProjectKinds.Modes.FirstOrDefault(k => k == raw) ?? throw Invalid(ProjectText.BadMode);

    /// <summary>The workspace must be JSON (checked, not reformatted: the page gets back exactly what it saved).</summary>
    public static string Workspace(string raw)
    {
        if (Encoding.UTF8.GetByteCount(raw) > ProjectLimits.MaxWorkspaceBytes)
            throw new ProjectException(ProjectFailure.TooLarge, ProjectText.WorkspaceTooLarge);
        try
        {
            using var _ = JsonDocument.Parse(raw, JsonOptions);
        }
        catch (JsonException)
        {
            throw Invalid(ProjectText.WorkspaceNotJson);
        }
        return raw;
    }

    public static string Source(string raw) => raw.Length <= ProjectLimits.MaxSourceChars
        ? raw
        : throw new ProjectException(ProjectFailure.TooLarge, ProjectText.SourceTooLarge);

    static ProjectException Invalid(Boards.HubMessage message) => new(ProjectFailure.Invalid, message);

}
