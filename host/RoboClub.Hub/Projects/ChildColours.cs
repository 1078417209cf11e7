namespace RoboClub.Hub.Projects;

/// <summary>One colour a child can pick: a stable key (stored and sent by the API), its names and its shade.</summary>
public sealed record ChildColour(string Key, string En, string Ro, string Hex);

/// <summary>
/// The fixed palette of 12 colours. A child is a name plus a colour, so two Anas in one club pick
/// different colours. Keys never change (they are stored); names are for the page; shades are far
/// enough apart to tell on a cheap tablet, and the name is always shown next to the colour.
/// </summary>
public static class ChildColours
{
    public static readonly IReadOnlyList<ChildColour> All =
    [
        new("red", "red", "roșu", "#E53935"),
        new("orange", "orange", "portocaliu", "#FB8C00"),
        new("yellow", "yellow", "galben", "#FDD835"),
        new("green", "green", "verde", "#43A047"),
        new("turquoise", "turquoise", "turcoaz", "#00ACC1"),
        new("blue", "blue", "albastru", "#1E88E5"),
        new("navy", "navy blue", "bleumarin", "#283593"),
        new("purple", "purple", "mov", "#8E24AA"),
        new("pink", "pink", "roz", "#EC407A"),
        new("brown", "brown", "maro", "#6D4C41"),
        new("grey", "grey", "gri", "#757575"),
        new("black", "black", "negru", "#212121"),
    ];

    public static ChildColour? Find(string? key) => All.FirstOrDefault(c => c.Key == key?.Trim().ToLowerInvariant());
}
