using System.Diagnostics;
using System.ComponentModel;

namespace FaceLab.Cli.Commands;

/// <summary>Opens a URL in the user's browser, where there is one to open: not under CI, not without a display.</summary>
internal static class BrowserLauncher
{
    /// <summary>Why no browser can be opened here, or null when one can.</summary>
    public static string? WhyNot()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) return "running under CI";
        if (OperatingSystem.IsLinux() && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
            return "no display";
        return null;
    }

    /// <summary>Asks the desktop to open <paramref name="url"/>; false when it could not be asked.</summary>
    public static bool TryOpen(Uri url)
    {
        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true }
            : new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open", [url.AbsoluteUri]) { UseShellExecute = false };
        try
        {
            using var process = Process.Start(start);
            return process is not null;
        }
        catch (Win32Exception)
        {
            return false; // no xdg-open: the printed URL is the way in
        }
    }
}
