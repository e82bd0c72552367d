using FaceLab.Common;
using FaceLab.Tests.Support;
using FaceLab.Workspace;

namespace FaceLab.Tests.Workspace;

/// <summary><c>workspace init --clear</c> deletes only what FaceLab generated: never through a link, never the trash, never without consent.</summary>
public sealed class WorkspaceClearSafetyTests
{
    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void ASymlinkedAlignedFolderIsNeitherFollowedNorRemoved()
    {
        using var temp = new TempFolder();
        var library = temp.Combine("face-library");
        Write(Path.Combine(library, "00001_0.jpg"), "shared face");
        Write(Path.Combine(library, "sub", "00002_0.jpg"), "shared face 2");
        var layout = WorkspaceLayout.At(temp.Combine("ws"));
        Directory.CreateDirectory(layout.SourceFrames);
        Directory.CreateSymbolicLink(layout.SourceAligned, library);
        Directory.CreateSymbolicLink(layout.DestinationFrames, library);   // a linked frames folder too
        WorkspaceInitializer.Create(layout.Root);
        Write(Path.Combine(layout.SourceFrames, "00001.png"), "frame");

        var report = WorkspaceInitializer.Clear(layout, includeModels: false);

        Assert.Equal("shared face", File.ReadAllText(Path.Combine(library, "00001_0.jpg")));
        Assert.Equal("shared face 2", File.ReadAllText(Path.Combine(library, "sub", "00002_0.jpg")));
        Assert.NotNull(new DirectoryInfo(layout.SourceAligned).LinkTarget);
        Assert.NotNull(new DirectoryInfo(layout.DestinationFrames).LinkTarget);
        Assert.Contains(layout.SourceAligned, report.LinksLeftAlone);
        Assert.False(File.Exists(Path.Combine(layout.SourceFrames, "00001.png")));
        Assert.Equal(1, report.FilesRemoved);
    }

    [Fact]
    public void ASymlinkedModelFolderIsNotEmptiedEvenWithModelsIncluded()
    {
        using var temp = new TempFolder();
        var models = temp.Combine("all-models");
        Write(Path.Combine(models, "DF", "w.bin"), "weights");
        var layout = WorkspaceLayout.At(temp.Combine("ws"));
        Directory.CreateDirectory(layout.Root);
        Directory.CreateSymbolicLink(layout.Models, models);
        WorkspaceInitializer.Create(layout.Root);

        WorkspaceInitializer.Clear(layout, includeModels: true);

        Assert.Equal("weights", File.ReadAllText(Path.Combine(models, "DF", "w.bin")));
    }

    [Fact]
    public void ALinkInsideModelIsRemovedNeverItsTarget()
    {
        using var temp = new TempFolder();
        var elsewhere = temp.Combine("elsewhere");
        Write(Path.Combine(elsewhere, "keep.bin"), "keep");
        var layout = WorkspaceInitializer.Create(temp.Combine("ws"));
        Write(Path.Combine(layout.Models, "DF", "w.bin"), "w");
        Directory.CreateSymbolicLink(Path.Combine(layout.Models, "DF", "pretrained"), elsewhere);

        var report = WorkspaceInitializer.Clear(layout, includeModels: true);

        Assert.Equal("keep", File.ReadAllText(Path.Combine(elsewhere, "keep.bin")));
        Assert.False(File.Exists(Path.Combine(layout.Models, "DF", "w.bin")));
        Assert.Contains(Path.Combine(layout.Models, "DF", "pretrained"), report.LinksLeftAlone);
    }

    [Fact]
    public void AFolderInUseByAnotherOperationIsRefusedBeforeAnythingIsDeleted()
    {
        using var temp = new TempFolder();
        var layout = WorkspaceInitializer.Create(temp.Path);
        Write(Path.Combine(layout.DestinationFrames, "00001.png"), "frame");
        Write(Path.Combine(layout.DestinationAligned, "00001_0.jpg"), "face");

        using (ResourceLock.Acquire(layout.DestinationAligned, "faces extract"))
        {
            var error = Assert.Throws<FaceLabException>(() => WorkspaceInitializer.Clear(layout, includeModels: false));
            Assert.Contains("in use", error.Message);
        }

        Assert.True(File.Exists(Path.Combine(layout.DestinationFrames, "00001.png")));
        Assert.True(File.Exists(Path.Combine(layout.DestinationAligned, "00001_0.jpg")));
    }

    [Fact]
    public void WithoutYesOutsideATerminalTheCliRefusesAndDeletesNothing()
    {
        using var temp = new TempFolder();
        var layout = WorkspaceInitializer.Create(temp.Path);
        Write(Path.Combine(layout.DestinationFrames, "00001.png"), "frame");
        Write(Path.Combine(layout.DestinationAligned, "00001_0.jpg"), "face");

        var refused = CliProcess.Run(temp.Path, "workspace", "init", "--clear");

        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(refused.StderrLines);
        Assert.Contains("would delete 2 files", line);
        Assert.Contains("--yes", line);
        Assert.True(File.Exists(Path.Combine(layout.DestinationFrames, "00001.png")));
        Assert.True(File.Exists(Path.Combine(layout.DestinationAligned, "00001_0.jpg")));

        var done = CliProcess.Run(temp.Path, "workspace", "init", "--clear", "--yes");

        Assert.Equal(0, done.ExitCode);
        Assert.False(File.Exists(Path.Combine(layout.DestinationFrames, "00001.png")));
    }
}
