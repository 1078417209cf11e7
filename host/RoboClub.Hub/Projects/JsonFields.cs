using System.Text.Json;

namespace RoboClub.Hub.Projects;

/// <summary>Typed reads of a JSON object's fields, refusing wrong types with an en/ro message (missing or null gives null).</summary>
public static class JsonFields
{
    public static string? Text(JsonElement obj, string field) => Get(obj, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => throw Wrong(field, "text"),
    };

    /// <summary>JSON given either as text or directly as an object/array; returned as text.</summary>
    public static string? Json(JsonElement obj, string field) => Get(obj, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Object or JsonValueKind.Array } e => e.GetRawText(),
        _ => throw Wrong(field, "JSON text or an object"),
    };

    public static long? Whole(JsonElement obj, string field) => Get(obj, field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out long v) => v,
        _ => throw Wrong(field, "a whole number"),
    };

    static JsonElement? Get(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var e) && e.ValueKind != JsonValueKind.Null ? e : null;

    static ProjectException Wrong(string field, string expected) => new(ProjectFailure.Invalid, ProjectText.WrongField(field, expected));
}
