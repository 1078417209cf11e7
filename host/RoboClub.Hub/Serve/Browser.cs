using System.Diagnostics;

namespace RoboClub.Hub.Serve;

/// <summary>Opens the editor in the librarian's default browser; silently does nothing where there is none.</summary>
internal static class Browser
{
    public static void TryOpen(string url)
    {
        try
        {
            var psi = OperatingSystem.IsWindows() ? new ProcessStartInfo(url) { UseShellExecute = true }
                : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", [url])
                : new ProcessStartInfo("xdg-open", [url]);
            psi.RedirectStandardError = !OperatingSystem.IsWindows();
            psi.RedirectStandardOutput = !OperatingSystem.IsWindows();
            using var _ = Process.Start(psi);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            // No browser or no desktop (a server): the URL is printed anyway.
        }
    }
}
