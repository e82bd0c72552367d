using FaceLab.FaceSets;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.FaceSets;

/// <summary>The real CLI: faces sort, restore, pack, unpack and their exit codes.</summary>
[Collection(FaceSetCollection.Name)]
public sealed class FaceSetCliTests(FaceSetFixture data)
{
    [Fact]
    public void SortPrintsTheValuesItSortedBySoThresholdsAreNotGuesswork()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        FaceSetFixture.CopyFaces(dir, data.Destination);

        var sort = CliProcess.Run(temp.Path, "faces", "sort", dir, "--by", "blur");

        Assert.True(sort.ExitCode == 0, sort.Stderr);
        Assert.Contains("blur values in the new order: 00000.jpg ", sort.Stdout);
        Assert.Contains(" … ", sort.Stdout);
        Assert.Matches(@"blur values of all \d+ faces: min [\d.]+, 10% [\d.]+, median [\d.]+, 90% [\d.]+, max [\d.]+", sort.Stdout);
    }

    [Fact]
    public void SortRestorePackUnpackFromTheCommandLine()
    {
        using var temp = new TempFolder();
        var dir = temp.Combine("aligned");
        var faces = FaceSetFixture.CopyFaces(dir, data.Destination);
        var all = FaceSetFixture.HashesInOrder(dir).Order().ToList();

        var sort = CliProcess.Run(temp.Path, "faces", "sort", dir, "--by", "best", "--count", "10");
        Assert.True(sort.ExitCode == 0, sort.Stderr);
        Assert.Contains($"moved {faces.Length - 10} to", sort.Stdout);
        Assert.Equal(10, FaceSetFolder.ListFaces(dir).Count);

        var restore = CliProcess.Run(temp.Path, "faces", "restore", dir);
        Assert.True(restore.ExitCode == 0, restore.Stderr);
        Assert.Equal(all, FaceSetFixture.HashesInOrder(dir).Order().ToList());

        var bad = CliProcess.Run(temp.Path, "faces", "sort", dir, "--by", "hist", "--trash-below", "1");
        Assert.Equal(1, bad.ExitCode);
        var line = Assert.Single(bad.StderrLines);
        Assert.StartsWith("facelab: error: value thresholds", line);
        Assert.Contains("--trash-below", line); // the CLI names its flag for the library's remedy

        // data_dst means the workspace's data_dst/aligned, as in DeepFaceLab's scripts.
        Directory.CreateDirectory(temp.Combine("data_dst"));
        Directory.Move(dir, temp.Combine("data_dst", "aligned"));
        var byName = CliProcess.Run(temp.Path, "faces", "sort", "data_dst", "--by", "origname");
        Assert.True(byName.ExitCode == 0, byName.Stderr);
        Assert.True(File.Exists(temp.Combine("data_dst", "aligned", "00000.jpg")));
        Directory.Move(temp.Combine("data_dst", "aligned"), dir);

        var pack = CliProcess.Run(temp.Path, "faces", "pack", dir, "--out", temp.Combine("set.pak"));
        Assert.True(pack.ExitCode == 0, pack.Stderr);
        var unpack = CliProcess.Run(temp.Path, "faces", "unpack", temp.Combine("set.pak"), "--out", temp.Combine("copy"));
        Assert.True(unpack.ExitCode == 0, unpack.Stderr);
        Assert.Equal(all, FaceSetFixture.HashesInOrder(temp.Combine("copy")).Order().ToList());
    }
}
