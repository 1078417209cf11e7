using System.Text.Json;

namespace RoboClub.Hub.Projects;

/// <summary>
/// Reads a request body as JSON ourselves instead of model binding: Blockly workspaces nest deeper
/// than the serializer's default depth of 64, and a too-large body must get the en/ro 413 answer.
/// </summary>
public static class RequestBody
{
    public static async Task<byte[]> BytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > ProjectLimits.MaxBodyBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + n > ProjectLimits.MaxBodyBytes) throw TooLarge();
                buffer.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(); // Kestrel's own limit
        }
        return buffer.ToArray();
    }

    /// <summary>The body as a JSON object (an empty body counts as <c>{}</c>).</summary>
    public static async Task<JsonElement> ObjectAsync(HttpRequest request, CancellationToken ct)
    {
        byte[] bytes = await BytesAsync(request, ct);
        if (bytes.Length == 0) return JsonDocument.Parse("{}").RootElement.Clone();
        try
        {
            using var document = JsonDocument.Parse(bytes, ProjectRules.JsonOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw NotJson();
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw NotJson();
        }
    }

    static ProjectException TooLarge() => new(ProjectFailure.TooLarge, ProjectText.BodyTooLarge);
    static ProjectException NotJson() => new(ProjectFailure.Invalid, ProjectText.BodyNotJson);
}
