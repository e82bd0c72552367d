using System.Globalization;

namespace FaceLab.Bench;

/// <summary>This process's peak resident set on Linux (<c>VmHWM</c>): reset it, read it.</summary>
internal static class PeakResidentSet
{
    /// <summary>Starts the peak afresh from the current resident set (no-op where the kernel does not offer it).</summary>
    public static void Reset()
    {
        if (File.Exists("/proc/self/clear_refs")) File.WriteAllText("/proc/self/clear_refs", "5");
    }

    /// <summary>The peak in kB, or null off Linux.</summary>
    public static long? Kilobytes()
    {
        var line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            : null;
        // "VmHWM:\t  123456 kB": the padding between the tab and the number shrinks as the number grows.
        return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
