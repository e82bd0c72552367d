using System.Diagnostics;
using System.Globalization;

namespace FaceLab.Training.Devices;

/// <summary>
/// Total memory per CUDA GPU from <c>nvidia-smi</c> (LibTorch does not report it through
/// TorchSharp). Empty when the tool is missing or says nothing useful.
/// </summary>
internal static class GpuMemory
{
    public static IReadOnlyList<long> TotalMegabytes()
    {
        try
        {
            var psi = new ProcessStartInfo("nvidia-smi", "--query-gpu=memory.total --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(psi);
            if (process is null) return [];
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000) || process.ExitCode != 0) return [];
            return Parse(output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return []; // no nvidia-smi on this machine
        }
    }

    internal static IReadOnlyList<long> Parse(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => long.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) ? mb : -1)
            .ToList() is var values && values.All(v => v >= 0) ? values : [];

    /// <summary>Index of the GPU with the most memory (the first on a tie); 0 when unknown.</summary>
    public static int Largest(IReadOnlyList<long> totals, int deviceCount)
    {
        if (totals.Count != deviceCount || deviceCount == 0) return 0;
        var best = 0;
        for (var i = 1; i < totals.Count; i++)
            if (totals[i] > totals[best]) best = i;
        return best;
    }
}
