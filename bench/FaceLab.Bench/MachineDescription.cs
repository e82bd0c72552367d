using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;

namespace FaceLab.Bench;

/// <summary>The machine and the versions a suite ran on, read from the system (never typed in).</summary>
public static class MachineDescription
{
    private static readonly string[] InterestingFlags = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni", "amx_tile"];

    public static IEnumerable<string> Lines()
    {
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadAllLines("/proc/cpuinfo") : [];
        var model = Field(cpu, "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var flags = (Field(cpu, "flags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var shown = InterestingFlags.Select(f => flags.Contains(f) ? f : $"no {f}");
        yield return $"- CPU: {model}, {Environment.ProcessorCount} cores available ({string.Join(", ", shown)})";
        yield return $"- memory: {MemoryGiB():0.#} GiB; GPU: none used (CPU runs)";
        yield return $"- OS: {OsName()}, kernel {Environment.OSVersion.Version}";
        yield return $"- load average at the start: {LoadAverage()}";
        yield return $"- .NET {Environment.Version}; TorchSharp {Version("TorchSharp")}; OpenCvSharp {Version("OpenCvSharp")} (OpenCV {OpenCvSharp.Cv2.GetVersionString()}); ONNX Runtime {Version("Microsoft.ML.OnnxRuntime")}";
        yield return $"- ffmpeg: {FirstLine("ffmpeg", "-version")}; PyTorch reference: {FirstLine("/usr/bin/python3", "-c", "import torch; print(torch.__version__)")}";
        yield return $"- FaceLab commit: {FirstLine("git", "-C", BenchPaths.RepositoryRoot, "describe", "--always", "--dirty")}";
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? Field(string[] lines, string name) =>
        lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim();

    private static double MemoryGiB()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1048576.0;
    }

    private static string OsName()
    {
        var line = File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) : null;
        return line?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
    }

    private static string Version(string assemblyName)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assemblyName)
            ?? TryLoad(assemblyName);
        return assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly?.GetName().Version?.ToString() ?? "not loaded";
    }

    private static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string FirstLine(string tool, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Split('\n')[0].Trim() : "not available";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not available";
        }
    }
}
