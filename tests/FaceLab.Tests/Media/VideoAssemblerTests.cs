using FaceLab.Common;
using FaceLab.Media;
using FaceLab.Provenance;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Media;

public class VideoAssemblerTests(ShortClipFixture clip) : IClassFixture<ShortClipFixture>
{
    [Theory]
    [InlineData("result.mp4", false, 35.0)]
    [InlineData("result.mp4", true, 50.0)]
    [InlineData("result.avi", false, 35.0)]
    public async Task RoundTripKeepsFrameRateAudioQualityAndProvenance(string name, bool lossless, double minPsnr)
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(clip.Clip, frames, new FrameExtractionOptions());
        var output = temp.Combine(name);

        var result = await VideoAssembler.AssembleAsync(frames, output, new VideoAssemblyOptions { Reference = clip.Clip, Lossless = lossless });

        var probe = MediaOracle.Probe(output);
        Assert.Equal(clip.SourceFrames.Length, MediaOracle.DecodedFrames(probe));
        Assert.Equal(30.0, MediaOracle.FrameRate(probe), 3);
        Assert.Single(MediaOracle.Streams(probe, "audio"));
        Assert.InRange(MediaOracle.AudioSeconds(output), 1.95, 2.05);
        Assert.True(result.HasAudio);
        Assert.Contains("Synthetic media made with FaceLab", MediaOracle.FormatTag(probe, "comment"));
        Assert.NotNull(await ProvenanceReader.ReadAsync(output));

        var decoded = MediaOracle.DecodeFrames(output, temp.Combine("decoded"));
        var psnr = MediaOracle.MeanPsnr(clip.SourceFrames, decoded);
        Assert.True(psnr >= minPsnr, $"{name} lossless={lossless}: PSNR {psnr:0.00} dB < {minPsnr} dB");
    }

    [Fact]
    public async Task Mp4IsH264Yuv420pWithTheAudioCopiedBitExact()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(clip.Clip, frames, new FrameExtractionOptions());
        var output = temp.Combine("result.mp4");

        await VideoAssembler.AssembleAsync(frames, output, new VideoAssemblyOptions { Reference = clip.Clip });

        var video = MediaOracle.Streams(MediaOracle.Probe(output), "video").Single();
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal("yuv420p", video.GetProperty("pix_fmt").GetString());
        Assert.Equal(AudioPacketsHash(clip.Clip), AudioPacketsHash(output));
    }

    [Fact]
    public async Task ReferenceWithoutAudioGivesVideoWithoutAudio()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(TestPaths.DemoDestinationVideo, frames, new FrameExtractionOptions { Fps = 5 });
        var output = temp.Combine("silent.mp4");

        var result = await VideoAssembler.AssembleAsync(frames, output, new VideoAssemblyOptions { Reference = TestPaths.DemoDestinationVideo });

        var probe = MediaOracle.Probe(output);
        Assert.False(result.HasAudio);
        Assert.Empty(MediaOracle.Streams(probe, "audio"));
        Assert.Equal(25.0, MediaOracle.FrameRate(probe), 3);
    }

    [Fact]
    public async Task EmptyFramesFolderIsAClearErrorWithNoOutput()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("merged"));

        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoAssembler.AssembleAsync(temp.Combine("merged"), temp.Combine("out.mp4"), new VideoAssemblyOptions { Reference = clip.Clip }));

        Assert.Contains("no frames", error.Message);
        Assert.Contains("merged", error.Message);
        Assert.False(File.Exists(temp.Combine("out.mp4")));
    }

    [Fact]
    public async Task MixedFrameSizesAreAClearErrorNamingTheFrame()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(clip.Clip, frames, new FrameExtractionOptions { Fps = 5 });
        using (var small = new Mat(100, 120, MatType.CV_8UC3, Scalar.All(128)))
            Cv2.ImWrite(Path.Combine(frames, "00004.png"), small);

        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoAssembler.AssembleAsync(frames, temp.Combine("out.mp4"), new VideoAssemblyOptions { Reference = clip.Clip }));

        Assert.Contains("00004.png", error.Message);
        Assert.Contains("120x100", error.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public async Task UnwritableOutputFailsBeforeEncodingAndLeavesNothing()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(clip.Clip, frames, new FrameExtractionOptions { Fps = 5 });
        await File.WriteAllTextAsync(temp.Combine("blocker"), "a file where a folder should be");

        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoAssembler.AssembleAsync(frames, temp.Combine("blocker", "out.mp4"), new VideoAssemblyOptions { Reference = clip.Clip }));

        Assert.Contains("cannot write", error.Message);
        Assert.Equal("a file where a folder should be", await File.ReadAllTextAsync(temp.Combine("blocker")));
    }

    [Fact]
    public async Task ExistingOutputIsKeptUnlessOverwriteIsGiven()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(clip.Clip, frames, new FrameExtractionOptions { Fps = 5 });
        var output = temp.Combine("result.mp4");
        await File.WriteAllTextAsync(output, "previous result");

        await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoAssembler.AssembleAsync(frames, output, new VideoAssemblyOptions { Reference = clip.Clip }));
        Assert.Equal("previous result", await File.ReadAllTextAsync(output));

        await VideoAssembler.AssembleAsync(frames, output, new VideoAssemblyOptions { Reference = clip.Clip, Overwrite = true });
        Assert.Equal(10, MediaOracle.DecodedFrames(MediaOracle.Probe(output)));
        Assert.Single(Directory.GetFiles(temp.Path)); // no temporary file left beside it
    }

    [Fact]
    public async Task WithoutReferenceTheFrameRateMustBeGiven()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(clip.Clip, frames, new FrameExtractionOptions { Fps = 5 });

        await Assert.ThrowsAsync<FaceLabException>(() => VideoAssembler.AssembleAsync(frames, temp.Combine("a.mp4"), new VideoAssemblyOptions()));
        await VideoAssembler.AssembleAsync(frames, temp.Combine("b.mp4"), new VideoAssemblyOptions { FrameRate = new Rational(24000, 1001) });

        Assert.Equal(23.976, MediaOracle.FrameRate(MediaOracle.Probe(temp.Combine("b.mp4"))), 3);
    }

    private static string AudioPacketsHash(string video) =>
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", video, "-map", "0:a:0", "-c", "copy", "-f", "hash", "-hash", "sha256", "-");
}
