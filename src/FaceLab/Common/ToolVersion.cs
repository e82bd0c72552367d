using System.Reflection;

namespace FaceLab.Common;

/// <summary>The FaceLab version written into face metadata, model descriptions and provenance marks.</summary>
internal static class ToolVersion
{
    /// <summary>The informational version without the source-revision suffix (<c>0.1.0</c>, not <c>0.1.0+abc123</c>).</summary>
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
