using RoboClub.Flashing.Diagnostics;

namespace RoboClub.Flashing.Nanoff;

/// <summary>
/// One failure nanoff reported (or a timeout), for people: what happened, what to do, and whether
/// RoboClub tries once more by itself (<see cref="Retry"/>: only where a second try is known to help —
/// a board that missed the auto-reset into its bootloader, a USB glitch while writing, a board still
/// booting when its files are sent).
/// </summary>
/// <param name="Code">nanoff's code (E4000, ...), "timeout", "nanoff-missing" or "exit-N".</param>
/// <param name="SlowerRetry">Retry at 115200 baud (a long or poor cable corrupts fast writes).</param>
public sealed record NanoffFailure(string Code, LocalText Problem, LocalText Fix, bool Retry, string? DiagnosisId = null, bool SlowerRetry = false);
