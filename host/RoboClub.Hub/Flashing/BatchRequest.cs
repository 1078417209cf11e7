namespace RoboClub.Hub.Flashing;

/// <summary>What the librarian chose in the wizard (POST /api/flashing/batch).</summary>
/// <param name="Count">Stop after this many boards; null: until Stop.</param>
/// <param name="IncludePresent">Also flash boards already plugged in when the batch starts (off by
/// default, so a USB-serial device the PC always has is never flashed by surprise).</param>
public sealed record BatchRequest(string? Profile, string? Club, string? WifiSsid, string? WifiPassword, int? Count, bool IncludePresent, string? Target);
