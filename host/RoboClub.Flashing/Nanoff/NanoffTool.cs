namespace RoboClub.Flashing.Nanoff;

/// <summary>How to start nanoff: a program and the arguments that come before nanoff's own
/// ("nanoff" alone, or "dotnet FakeNanoff.dll" in tests).</summary>
public sealed record NanoffTool(string FileName, IReadOnlyList<string> PrefixArguments)
{
    public static NanoffTool Parse(string commandLine)
    {
        var parts = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new ArgumentException("empty nanoff command", nameof(commandLine));
        return new NanoffTool(parts[0], parts[1..]);
    }

    public override string ToString() => string.Join(' ', PrefixArguments.Prepend(FileName));
}
