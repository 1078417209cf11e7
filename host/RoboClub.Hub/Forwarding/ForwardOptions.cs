using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Forwarding;

/// <summary>Checks the `--forward-*` options before the hub starts, so a typo stops it with a clear message instead of forwarding nowhere.</summary>
public static class ForwardOptions
{
    /// <summary>Null when usable (or forwarding is off); otherwise what is wrong, in English and Romanian.</summary>
    public static HubMessage? Problem(string? to, string? key, string? series, string? boards)
    {
        if (to is null)
            return key is null && series is null && boards is null ? null
                : new("--forward-key, --forward-series and --forward-boards need --forward-to (the regional hub's address).",
                      "--forward-key, --forward-series și --forward-boards au nevoie de --forward-to (adresa hubului regional).");
        if (!Uri.TryCreate(to, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
            return new($"--forward-to takes the regional hub's address, such as https://regional.example/, not \"{to}\".",
                       $"--forward-to primește adresa hubului regional, de exemplu https://regional.example/, nu „{to}”.");
        if (string.IsNullOrWhiteSpace(key))
            return new("--forward-to needs --forward-key: the key the regional hub's librarian gave this club.",
                       "--forward-to are nevoie de --forward-key: cheia dată acestui club de bibliotecarul hubului regional.");
        try { ForwardSelection.Parse(series, boards); }
        catch (ArgumentException e)
        {
            var lines = e.Message.Split('\n');
            return new(lines[0], lines.Length > 1 ? lines[1] : lines[0]);
        }
        return null;
    }
}
