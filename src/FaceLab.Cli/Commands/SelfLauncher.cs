using System.Reflection;

namespace FaceLab.Cli.Commands;

/// <summary>How this process was started, so cluster nodes start FaceLab the same way (through dotnet for a framework-dependent build).</summary>
internal static class SelfLauncher
{
    public static IReadOnlyList<string> Command
    {
        get
        {
            var process = Environment.ProcessPath ?? "dotnet";
            var entry = Assembly.GetEntryAssembly()?.Location;
            return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry) ? [process, entry] : [process];
        }
    }
}
