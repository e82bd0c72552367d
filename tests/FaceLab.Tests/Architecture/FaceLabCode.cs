using ArchUnitNET.Loader;

namespace FaceLab.Tests.Architecture;

/// <summary>The library, the CLI and the studio, loaded once for every architecture rule.</summary>
internal static class FaceLabCode
{
    public static ArchUnitNET.Domain.Architecture All { get; } = new ArchLoader()
        .LoadAssemblies(
            typeof(FaceLab.Common.FaceLabException).Assembly,
            typeof(FaceLab.Cli.Program).Assembly,
            typeof(FaceLab.Studio.StudioServer).Assembly)
        .Build();
}
