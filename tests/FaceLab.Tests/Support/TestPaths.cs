using FaceLab.Assets;

namespace FaceLab.Tests.Support;

/// <summary>
/// Where tests find real data: <c>../shared/data/</c> beside the repository (read in place, never
/// copied) and the set-up cache of models and demo videos (<c>./facelab setup</c> fills it).
/// </summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string SharedVideo(string name) => Existing(Path.Combine(SharedData, "videos", name));

    public static string SharedLandmarks { get; } = Path.Combine(SharedData, "landmarks");

    /// <summary>A cached model or demo file; fails with the set-up command when missing.</summary>
    public static string Asset(AssetFile asset) => AssetStore.Default.Require(asset);

    public static string DemoDestinationVideo => Asset(AssetCatalog.DemoDestinationVideo);

    public static string DemoSourceVideo => Asset(AssetCatalog.DemoSourceVideo);

    /// <summary>LivePortrait clip with AAC audio, 480x480, 30 fps.</summary>
    public static string VideoWithAudio => SharedVideo("liveportrait_d18_man_480x480_30fps_7s.mp4");

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"test data missing: {path}");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceLab.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (FaceLab.slnx) above " + AppContext.BaseDirectory);
    }
}
