using FaceLab.Workspace;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Workspace;

public class WorkspaceInitializerTests
{
    private static readonly string[] DeepFaceLabFolders =
    [
        "data_src", "data_src/aligned", "data_src/aligned_debug",
        "data_dst", "data_dst/aligned", "data_dst/aligned_debug", "data_dst/merged", "data_dst/merged_mask",
        "model",
    ];

    [Fact]
    public void CreatesDeepFaceLabsLayout()
    {
        using var temp = new TempFolder();
        var layout = WorkspaceInitializer.Create(temp.Combine("ws"));

        foreach (var folder in DeepFaceLabFolders)
            Assert.True(Directory.Exists(Path.Combine(layout.Root, folder)), folder);
        Assert.Equal(Path.Combine(layout.Root, "data_dst", "merged"), layout.Merged);
    }

    [Fact]
    public void ClearEmptiesGeneratedFoldersButKeepsVideosModelsTrashAndUserFiles()
    {
        using var temp = new TempFolder();
        var layout = WorkspaceInitializer.Create(temp.Path);
        var kept = new[] { "data_src.mp4", "data_dst.mov", "notes.txt", "model/DF_SAEHD/weights.bin",
            "data_src/aligned_trash/00002_0.jpg", "data_dst/aligned_trash/00007_0.jpg",
            "data_src/my notes.txt", "data_src/holiday.jpg", "data_src/refs/00001.png", "data_dst/aligned/keep/face.jpg",
            "data_dst/aligned/readme.txt" };
        var removed = new[] { "data_src/00001.png", "data_src/aligned/00001_0.jpg", "data_dst/00001.png", "data_dst/123456.jpg",
            "data_dst/aligned/00001_0.jpg", "data_dst/aligned/.facelab-extract.jsonl", "data_dst/aligned_debug/00001.jpg",
            "data_dst/merged/00001.png", "data_dst/merged_mask/00001.png" };
        foreach (var f in kept.Concat(removed))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp.Combine(f))!);
            File.WriteAllText(temp.Combine(f), f);
        }

        var report = WorkspaceInitializer.Clear(layout, includeModels: false);

        Assert.Equal(removed.Length, report.FilesRemoved);
        Assert.All(kept, f => Assert.True(File.Exists(temp.Combine(f)), f));
        Assert.All(removed, f => Assert.False(File.Exists(temp.Combine(f)), f));
        Assert.All(DeepFaceLabFolders, f => Assert.True(Directory.Exists(temp.Combine(f)), f));
    }

    [Fact]
    public void ClearWithModelsAlsoEmptiesModelFolder()
    {
        using var temp = new TempFolder();
        var layout = WorkspaceInitializer.Create(temp.Path);
        Directory.CreateDirectory(temp.Combine("model", "DF"));
        File.WriteAllText(temp.Combine("model", "DF", "w.bin"), "w");
        File.WriteAllText(temp.Combine("data_dst.mp4"), "video");

        WorkspaceInitializer.Clear(layout, includeModels: true);

        Assert.Empty(Directory.GetFileSystemEntries(temp.Combine("model")));
        Assert.True(File.Exists(temp.Combine("data_dst.mp4")));
    }

    [Fact]
    public void FindsWorkspaceVideosAndFrameFoldersByDeepFaceLabNames()
    {
        using var temp = new TempFolder();
        var layout = WorkspaceInitializer.Create(temp.Path);
        File.WriteAllText(temp.Combine("data_dst.avi"), "");

        Assert.Equal(temp.Combine("data_dst.avi"), layout.DestinationVideo);
        Assert.Null(layout.SourceVideo);
        Assert.Equal(layout.SourceFrames, layout.FramesFolderFor("/x/data_src.mkv"));
        Assert.Equal(layout.DestinationFrames, layout.FramesFolderFor("data_dst.mp4"));
        Assert.Null(layout.FramesFolderFor("holiday.mp4"));
    }
}
