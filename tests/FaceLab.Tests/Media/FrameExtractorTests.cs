using FaceLab.Common;
using FaceLab.Media;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Media;

public class FrameExtractorTests
{
    [Fact]
    public async Task FullRateExtractionYieldsEveryFrameFfprobeCounts()
    {
        using var temp = new TempFolder();
        var video = TestPaths.DemoDestinationVideo;

        var result = await FrameExtractor.ExtractAsync(video, temp.Path, new FrameExtractionOptions());

        var expected = MediaOracle.DecodedFrames(MediaOracle.Probe(video));
        Assert.Equal(765, expected);
        Assert.Equal(expected, result.FrameCount);
        var frames = FrameSequence.In(temp.Path);
        Assert.Equal(expected, frames.Count);
        Assert.Equal("00001.png", Path.GetFileName(frames.Files[0]));
        Assert.Equal("00765.png", Path.GetFileName(frames.Files[^1]));
        Assert.Equal((400, 300), frames.RequireUniformSize());
        Assert.All(Directory.GetFileSystemEntries(temp.Path), e => Assert.EndsWith(".png", e, StringComparison.Ordinal)); // no staging left
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0)]
    [InlineData(10.0)]
    public async Task ReducedRateKeepsDurationTimesFps(double fps)
    {
        using var temp = new TempFolder();
        var result = await FrameExtractor.ExtractAsync(
            TestPaths.DemoDestinationVideo, temp.Path, new FrameExtractionOptions { Fps = fps, Format = FrameImageFormat.Jpg });

        var expected = 30.6 * fps; // the demo dst video is 30.6 s long
        Assert.InRange(result.FrameCount, Math.Floor(expected) - 1, Math.Ceiling(expected) + 1);
        Assert.All(FrameSequence.In(temp.Path).Files, f => Assert.EndsWith(".jpg", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task VariableFrameRateVideoYieldsEveryDecodedFrame()
    {
        using var temp = new TempFolder();
        // Drop 3 of every 10 frames but keep timestamps: a variable-frame-rate file, like phone video.
        var vfr = temp.Combine("vfr.mkv");
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.VideoWithAudio, "-t", "3", "-vf", "select='lt(mod(n\\,10)\\,7)'",
            "-fps_mode", "vfr", "-an", "-c:v", "libx264", vfr);
        var expected = MediaOracle.DecodedFrames(MediaOracle.Probe(vfr));

        var result = await FrameExtractor.ExtractAsync(vfr, temp.Combine("frames"), new FrameExtractionOptions());

        Assert.Equal(63, expected);
        Assert.Equal(expected, result.FrameCount);
    }

    [Fact]
    public async Task ExtractedFramesMatchFfmpegDecodePixelForPixel()
    {
        using var temp = new TempFolder();
        var clip = temp.Combine("clip.mp4");
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.DemoDestinationVideo, "-frames:v", "10", "-c:v", "libx264", clip);
        var reference = MediaOracle.DecodeFrames(clip, temp.Combine("ref"));

        await FrameExtractor.ExtractAsync(clip, temp.Combine("ours"), new FrameExtractionOptions());

        var ours = FrameSequence.In(temp.Combine("ours")).Files;
        Assert.True(MediaOracle.MeanPsnr(reference, ours) >= 99, "PNG extraction must be lossless");
    }

    [Fact]
    public async Task RefusesToReplaceExistingFramesUnlessAskedThenReplacesThem()
    {
        using var temp = new TempFolder();
        var first = await FrameExtractor.ExtractAsync(TestPaths.DemoDestinationVideo, temp.Path, new FrameExtractionOptions { Fps = 1 });
        File.WriteAllText(temp.Combine("notes.txt"), "user file");

        var refused = await Assert.ThrowsAsync<FaceLabException>(() =>
            FrameExtractor.ExtractAsync(TestPaths.DemoDestinationVideo, temp.Path, new FrameExtractionOptions { Fps = 2 }));
        Assert.Equal(Remedy.Overwrite, refused.Remedy);
        Assert.Equal(first.FrameCount, FrameSequence.In(temp.Path).Count);

        var second = await FrameExtractor.ExtractAsync(
            TestPaths.DemoDestinationVideo, temp.Path, new FrameExtractionOptions { Fps = 2, Overwrite = true });
        Assert.Equal(second.FrameCount, FrameSequence.In(temp.Path).Count);
        Assert.True(second.FrameCount > first.FrameCount);
        Assert.True(File.Exists(temp.Combine("notes.txt")), "files that are not frames are left alone");
    }

    [Fact]
    public async Task ARateAboveTheVideosIsCappedToEveryFrameOnceWithANotice()
    {
        using var temp = new TempFolder();
        var probe = MediaOracle.Probe(TestPaths.VideoWithAudio);
        var frames = MediaOracle.DecodedFrames(probe);

        var result = await FrameExtractor.ExtractAsync(
            TestPaths.VideoWithAudio, temp.Path, new FrameExtractionOptions { Fps = 1000, Format = FrameImageFormat.Jpg });

        Assert.Equal(frames, result.FrameCount);
        Assert.Equal(frames, FrameSequence.In(temp.Path).Count);
        Assert.Contains(result.Warnings, w => w.Contains("1000 frames per second asked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TruncatedVideoFailsAndLeavesNoFrames()
    {
        using var temp = new TempFolder();
        var truncated = temp.Combine("truncated.mp4");
        var bytes = await File.ReadAllBytesAsync(TestPaths.DemoDestinationVideo);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);

        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            FrameExtractor.ExtractAsync(truncated, temp.Combine("frames"), new FrameExtractionOptions()));

        Assert.Contains("truncated.mp4", error.Message);
        Assert.Contains("truncated or corrupt", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Combine("frames")));
    }

    [Fact]
    public async Task CancellationStopsFfmpegAndLeavesNoFrames()
    {
        using var temp = new TempFolder();
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Done >= 100) cts.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            FrameExtractor.ExtractAsync(TestPaths.DemoSourceVideo, temp.Path, new FrameExtractionOptions(), progress, cts.Token));

        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task JpegFramesDecodeAtTheVideoSize()
    {
        using var temp = new TempFolder();
        await FrameExtractor.ExtractAsync(TestPaths.VideoWithAudio, temp.Path, new FrameExtractionOptions { Fps = 1, Format = FrameImageFormat.Jpg });
        using var image = Cv2.ImRead(FrameSequence.In(temp.Path).Files[0]);
        Assert.Equal(new Size(480, 480), image.Size());
    }
}
