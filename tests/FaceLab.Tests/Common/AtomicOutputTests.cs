using FaceLab.Common;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Common;

public class AtomicOutputTests
{
    [Fact]
    public void WriteAllBytesReplacesTheFileAndLeavesNoTemporaryName()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("state.json");
        File.WriteAllText(path, "old");

        AtomicOutput.WriteAllBytes(path, "new"u8);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["state.json"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void AFailedWriteLeavesTheOldFileAndNoTemporaryName()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("state.json");
        File.WriteAllText(path, "old");
        Directory.CreateDirectory(temp.Combine("sub"));

        var error = Assert.Throws<FaceLabException>(() => AtomicOutput.WriteAllBytes(temp.Combine("sub", "missing", "x.json"), "new"u8));

        Assert.EndsWith("x.json", error.Subject);
        Assert.NotNull(error.Hint);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.partial*", SearchOption.AllDirectories));
    }

    [Fact]
    public void CopyFileIsByteIdentical()
    {
        using var temp = new TempFolder();
        var bytes = Enumerable.Range(0, 3_000_000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(temp.Combine("a.bin"), bytes);

        AtomicOutput.CopyFile(temp.Combine("a.bin"), temp.Combine("b.bin"));

        Assert.Equal(bytes, File.ReadAllBytes(temp.Combine("b.bin")));
        Assert.Equal(2, Directory.GetFiles(temp.Path).Length);
    }

    [Fact]
    public void BeginAndCommitPublishTheProducersFileAndDisposeWithoutCommitLeavesNothing()
    {
        using var temp = new TempFolder();
        var final = temp.Combine("out.mp4");
        using (var output = AtomicOutput.Begin(final, overwrite: false))
        {
            Assert.StartsWith(".", Path.GetFileName(output.TemporaryPath));
            Assert.EndsWith(".mp4", output.TemporaryPath);
            File.WriteAllText(output.TemporaryPath, "video");
            output.Commit();
        }
        Assert.Equal("video", File.ReadAllText(final));

        using (var abandoned = AtomicOutput.Begin(temp.Combine("other.mp4"), overwrite: false))
            File.WriteAllText(abandoned.TemporaryPath, "half");
        Assert.Equal(["out.mp4"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));

        var refused = Assert.Throws<FaceLabException>(() => AtomicOutput.Begin(final, overwrite: false));
        Assert.Equal("already exists", refused.Problem);
    }

    [Fact]
    public void PublishMovesFinishedFilesIntoPlace()
    {
        using var temp = new TempFolder();
        var staging = Directory.CreateDirectory(temp.Combine(".staging")).FullName;
        File.WriteAllText(Path.Combine(staging, "00001.png"), "a");
        File.WriteAllText(Path.Combine(staging, "00002.png"), "b");

        AtomicOutput.Publish([(Path.Combine(staging, "00001.png"), temp.Combine("00001.png")), (Path.Combine(staging, "00002.png"), temp.Combine("00002.png"))]);

        Assert.Equal("b", File.ReadAllText(temp.Combine("00002.png")));
        Assert.Empty(Directory.GetFiles(staging));
    }

    [Fact]
    public void FilesAndFoldersCanBeFlushedAndAMissingFolderIsAnError()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("f.bin"), [1, 2, 3]);

        DiskFlush.File(temp.Combine("f.bin"));
        DiskFlush.Folder(temp.Path); // opens the folder read-only through libc and fsyncs it

        if (!OperatingSystem.IsWindows())
            Assert.Throws<IOException>(() => DiskFlush.Folder(temp.Combine("missing")));
    }
}
