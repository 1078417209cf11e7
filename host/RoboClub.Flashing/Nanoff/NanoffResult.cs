namespace RoboClub.Flashing.Nanoff;

/// <summary>How one nanoff run ended, with what was learned on the way (chip, MAC, firmware version).</summary>
public sealed record NanoffResult(int ExitCode, NanoffFailure? Failure, IReadOnlyList<string> Log, string? Chip, string? Mac, string? FirmwareVersion)
{
    public bool Ok => Failure is null;
}
