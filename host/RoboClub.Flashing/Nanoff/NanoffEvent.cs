namespace RoboClub.Flashing.Nanoff;

public enum NanoffEventKind { Line, Phase, Percent, Chip, Mac, FirmwareVersion, Error }

/// <summary>Something nanoff said, understood: a phase ("erasing"), a percentage, the chip, its MAC, the
/// firmware version it wrote, or an error code (E4000, ...). Every line is also a <see cref="NanoffEventKind.Line"/>.</summary>
public sealed record NanoffEvent(NanoffEventKind Kind, string Text, int Percent = 0);
