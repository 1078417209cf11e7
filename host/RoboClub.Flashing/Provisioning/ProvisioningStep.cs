namespace RoboClub.Flashing.Provisioning;

/// <summary>The four steps of one board, in order.</summary>
public enum ProvisioningStep { Runtime = 1, App = 2, Settings = 3, Online = 4 }

public static class ProvisioningSteps
{
    /// <summary>Share of the whole bar each step takes (the runtime write is by far the longest).</summary>
    public static (int Start, int Size) Span(this ProvisioningStep step) => step switch
    {
        ProvisioningStep.Runtime => (0, 60),
        ProvisioningStep.App => (60, 25),
        ProvisioningStep.Settings => (85, 5),
        _ => (90, 10),
    };

    public static LocalText Title(this ProvisioningStep step) => step switch
    {
        ProvisioningStep.Runtime => new("Writing nanoFramework", "Se scrie nanoFramework"),
        ProvisioningStep.App => new("Writing the RoboClub app", "Se scrie aplicația RoboClub"),
        ProvisioningStep.Settings => new("Writing Wi-Fi and settings", "Se scriu Wi-Fi-ul și setările"),
        _ => new("Waiting for the board to join the hub", "Se așteaptă ca plăcuța să intre în hub"),
    };
}

/// <summary>One moment of a board's provisioning, for a progress bar and a log.</summary>
/// <param name="Percent">0–100 over all four steps.</param>
public sealed record ProvisioningProgress(ProvisioningStep Step, int Percent, LocalText Message, string? LogLine = null);
