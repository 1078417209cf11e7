using System.Text.Encodings.Web;
using System.Text.Json;

namespace RoboClub.Hub.Projects;

/// <summary>
/// The export/import file: <c>{"format":"roboclub-project","formatVersion":1,"name":…,"boardKind":…,
/// "mode":…,"workspace":{…},"source":…,"exportedAt":…}</c>. The workspace is embedded as JSON (not a
/// string) so the file is readable; on import a string holding JSON is accepted too. Unknown extra
/// properties are ignored, so a later version 1 file with more fields still opens.
/// </summary>
public static class ProjectFile
{
    public const string Format = "roboclub-project";
    public const int FormatVersion = 1;

    public static byte[] Export(Project project, DateTimeOffset exportedAt)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "Mașina" stays readable; the file is a download, never HTML
            MaxDepth = ProjectLimits.MaxJsonDepth,
        };
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("name", project.Name);
            w.WriteString("boardKind", project.BoardKind);
            w.WriteString("mode", project.Mode);
            w.WritePropertyName("workspace");
            w.WriteRawValue(project.Workspace, skipInputValidation: true); // checked when it was saved
            w.WriteString("source", project.Source);
            w.WriteString("exportedAt", exportedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"));
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Reads and checks a file completely; throws <see cref="ProjectException"/> saying what is wrong with it.</summary>
    public static NewProject Import(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > ProjectLimits.MaxBodyBytes) throw new ProjectException(ProjectFailure.TooLarge, ProjectText.BodyTooLarge);
        if (bytes.Span.StartsWith("\uFEFF"u8)) bytes = bytes[3..]; // Notepad's BOM
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, ProjectRules.JsonOptions);
        }
        catch (JsonException)
        {
            throw Bad(ProjectText.FileNotJson);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(ProjectText.FileNotJson);
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                throw Bad(ProjectText.FileNotProject);
            if (!root.TryGetProperty("formatVersion", out var version) || !version.TryGetInt64Safe(out long v) || v < 1)
                throw Bad(ProjectText.FileBadVersion);
            if (v > FormatVersion) throw Bad(ProjectText.FileNewer(v));
            try
            {
                var project = new NewProject(
                    JsonFields.Text(root, "name"),
                    JsonFields.Text(root, "boardKind"),
                    JsonFields.Text(root, "mode"),
                    JsonFields.Json(root, "workspace"),
                    JsonFields.Text(root, "source"));
                // Check everything here so the child hears what is wrong with the file, not with a request.
                ProjectRules.ProjectName(project.Name);
                ProjectRules.BoardKind(project.BoardKind);
                ProjectRules.Mode(project.Mode);
                if (project.Workspace is not null) ProjectRules.Workspace(project.Workspace);
                if (project.Source is not null) ProjectRules.Source(project.Source);
                return project;
            }
            catch (ProjectException e)
            {
                throw new ProjectException(e.Failure, ProjectText.FileBad(e.Text));
            }
        }
    }

    static bool TryGetInt64Safe(this JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value);
    }

    static ProjectException Bad(Boards.HubMessage message) => new(ProjectFailure.Invalid, message);
}
