namespace FaceLab.Bench;

/// <summary>Where benchmarks find shared data (../shared/data beside the repository) and scratch space.</summary>
public static class BenchPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SharedData { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string Scratch(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "facelab-bench", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FaceLab.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
