namespace RoboClub.Flashing;

/// <summary>A sentence the librarian reads, in English and Romanian (every user-facing text has both).</summary>
public sealed record LocalText(string En, string Ro)
{
    public string In(string lang) => lang == "ro" ? Ro : En;

    public override string ToString() => En;
}
