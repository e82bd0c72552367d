using System.Security.Cryptography;
using FaceLab.Common;
using FaceLab.Media;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Media;

public class VideoCutterTests
{
    [Fact]
    public async Task CutHasTheRequestedDurationWithinOneFrameAndKeepsAudio()
    {
        using var temp = new TempFolder();
        var source = TestPaths.VideoWithAudio;
        var before = SHA256.HashData(await File.ReadAllBytesAsync(source));
        var output = temp.Combine("cut.mp4");

        await VideoCutter.CutAsync(source, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2.2), output, overwrite: false);

        var probe = MediaOracle.Probe(output);
        const double frame = 1.0 / 30;
        Assert.InRange(MediaOracle.DecodedFrames(probe), 65, 67); // 2.2 s × 30 fps = 66 ± 1
        var video = MediaOracle.Streams(probe, "video").Single();
        Assert.InRange(MediaOracle.StreamSeconds(video), 2.2 - frame, 2.2 + frame);
        Assert.Single(MediaOracle.Streams(probe, "audio"));
        Assert.InRange(MediaOracle.AudioSeconds(output), 2.2 - 0.05, 2.2 + 0.05);
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(source)));
    }

    [Fact]
    public async Task CutStartsAtTheRequestedFrame()
    {
        using var temp = new TempFolder();
        var source = TestPaths.DemoDestinationVideo;
        var all = MediaOracle.DecodeFrames(source, temp.Combine("all"));
        var output = temp.Combine("cut.mp4");

        await VideoCutter.CutAsync(source, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), output, overwrite: false);

        var cut = MediaOracle.DecodeFrames(output, temp.Combine("cut"));
        Assert.Equal(25, cut.Length);
        // Frame 51 (t = 2.0 s at 25 fps) must be the first frame of the cut: compare against its neighbours.
        var same = MediaOracle.MeanPsnr([all[50]], [cut[0]]);
        Assert.True(same > 30, $"first frame of the cut should be source frame 51 (PSNR {same:0.0})");
        Assert.True(same > MediaOracle.MeanPsnr([all[52]], [cut[0]]) + 3);
    }

    [Fact]
    public async Task RefusesToOverwriteAnExistingFile()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("taken.mp4");
        await File.WriteAllTextAsync(output, "keep me");

        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoCutter.CutAsync(TestPaths.VideoWithAudio, TimeSpan.Zero, TimeSpan.FromSeconds(1), output, overwrite: false));

        Assert.Contains("taken.mp4", error.Message);
        Assert.Equal("keep me", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task StartPastTheEndIsAClearError()
    {
        using var temp = new TempFolder();
        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoCutter.CutAsync(TestPaths.VideoWithAudio, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1), temp.Combine("x.mp4"), false));
        Assert.StartsWith("start 00:05:00", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("00:05:00", 300.0)]
    [InlineData("00:00:55.20", 55.2)]
    [InlineData("01:02", 62.0)]
    [InlineData("12.5", 12.5)]
    public void TimecodesParseLikeDeepFaceLab(string text, double seconds) =>
        Assert.Equal(seconds, Timecode.Parse(text, "--start").TotalSeconds, 6);

    [Theory]
    [InlineData("")]
    [InlineData("ab:cd")]
    [InlineData("-3")]
    [InlineData("1:2:3:4")]
    public void BadTimecodesAreRejected(string text) =>
        Assert.Throws<FaceLabException>(() => Timecode.Parse(text, "--duration"));
}
