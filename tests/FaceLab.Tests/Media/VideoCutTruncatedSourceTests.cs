using FaceLab.Common;
using FaceLab.Media;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Media;

/// <summary>A cut from a source whose data ends early fails instead of passing off a fragment, and leaves no output.</summary>
public sealed class VideoCutTruncatedSourceTests
{
    /// <summary>The shared 7-s clip with its index moved to the front, then cut to the first <paramref name="fraction"/> of its bytes.</summary>
    private static string Truncated(TempFolder temp, double fraction)
    {
        var indexFirst = temp.Combine("indexed.mp4");
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.VideoWithAudio, "-c", "copy", "-movflags", "+faststart", indexFirst);
        var bytes = File.ReadAllBytes(indexFirst);
        var path = temp.Combine("truncated.mp4");
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * fraction)]);
        File.Delete(indexFirst);
        return path;
    }

    [Fact]
    public async Task ACutShorterThanAskedFailsAndLeavesNothingUnderTheName()
    {
        using var temp = new TempFolder();
        var source = Truncated(temp, 0.15);
        var output = temp.Combine("cut.mp4");

        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoCutter.CutAsync(source, TimeSpan.Zero, TimeSpan.FromSeconds(3), output, overwrite: false));

        Assert.Contains("truncated.mp4", error.Message);
        Assert.Contains("ends early", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(["truncated.mp4"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void TheCliFailsWithOneLineAndARerunNeedsNoOverwrite()
    {
        using var temp = new TempFolder();
        var source = Truncated(temp, 0.15);

        var first = CliProcess.Run(temp.Path, "video", "cut", source, "--start", "0", "--duration", "3", "--out", temp.Combine("cut.mp4"));
        var second = CliProcess.Run(temp.Path, "video", "cut", source, "--start", "0", "--duration", "3", "--out", temp.Combine("cut.mp4"));

        foreach (var run in new[] { first, second })
        {
            Assert.NotEqual(0, run.ExitCode);
            var line = Assert.Single(run.StderrLines);
            Assert.Contains("ends early", line);
        }
        Assert.False(File.Exists(temp.Combine("cut.mp4")));
    }

    [Fact]
    public async Task ARangeBeforeTheDamageStillCuts()
    {
        using var temp = new TempFolder();
        var source = Truncated(temp, 0.6);
        var output = temp.Combine("cut.mp4");

        await VideoCutter.CutAsync(source, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), output, overwrite: false);

        Assert.InRange(MediaOracle.DecodedFrames(MediaOracle.Probe(output)), 29, 31);
    }
}
