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

        var result = await VideoAssembler.AssembleAsync(frames, output, new VideoAssemblyOptions { Reference = TestPaths.DemoDestinationVideo, AllowLengthChange = true });

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
            VideoAssembler.AssembleAsync(frames, temp.Combine("blocker", "out.mp4"), new VideoAssemblyOptions { Reference = clip.Clip, AllowLengthChange = true }));

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

        var shortened = new VideoAssemblyOptions { Reference = clip.Clip, AllowLengthChange = true };
        await Assert.ThrowsAsync<FaceLabException>(() => VideoAssembler.AssembleAsync(frames, output, shortened));
        Assert.Equal("previous result", await File.ReadAllTextAsync(output));

        await VideoAssembler.AssembleAsync(frames, output, shortened with { Overwrite = true });
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

    [Fact]
    public async Task AGapInTheNumberingIsRefusedNamingTheMissingFrame()
    {
        using var temp = new TempFolder();
        var frames = NumberedFrames(temp.Combine("frames"), "00001.png", "00002.png", "00004.png", "00005.png");

        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoAssembler.AssembleAsync(frames, temp.Combine("out.mp4"), new VideoAssemblyOptions { FrameRate = new Rational(25, 1) }));

        Assert.Equal("00003.png", Path.GetFileName(error.Subject));
        Assert.Contains("missing", error.Problem);
        Assert.Contains("00004.png", error.Hint);
        Assert.False(File.Exists(temp.Combine("out.mp4")));
    }

    [Theory]
    [InlineData("00005.png", "00005.jpg", "00005.png")]
    [InlineData("5.png", "005.png", "5.png")]
    public async Task ADuplicateFrameNumberIsRefusedNamingTheFrame(string one, string other, string named)
    {
        using var temp = new TempFolder();
        var frames = NumberedFrames(temp.Combine("frames"), "00003.png", "00004.png", one, other, "00006.png");

        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoAssembler.AssembleAsync(frames, temp.Combine("out.mp4"), new VideoAssemblyOptions { FrameRate = new Rational(25, 1) }));

        Assert.Equal(named, Path.GetFileName(error.Subject));
        Assert.Contains("5", error.Problem);
    }

    [Fact]
    public async Task AFrameCountUnlikeTheReferencesIsRefusedUnlessAllowedOrTheRateIsGiven()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(clip.Clip, frames, new FrameExtractionOptions { Fps = 5 });

        var error = await Assert.ThrowsAsync<FaceLabException>(() =>
            VideoAssembler.AssembleAsync(frames, temp.Combine("a.mp4"), new VideoAssemblyOptions { Reference = clip.Clip }));
        Assert.Contains("10 frames", error.Problem);
        Assert.Contains("60", error.Problem);
        Assert.False(File.Exists(temp.Combine("a.mp4")));

        var allowed = await VideoAssembler.AssembleAsync(frames, temp.Combine("b.mp4"), new VideoAssemblyOptions { Reference = clip.Clip, AllowLengthChange = true });
        Assert.Contains(allowed.Notes, n => n.Contains("10 frames", StringComparison.Ordinal));
        var given = await VideoAssembler.AssembleAsync(frames, temp.Combine("c.mp4"), new VideoAssemblyOptions { Reference = clip.Clip, FrameRate = new Rational(5, 1) });
        Assert.Single(given.Notes);
        Assert.InRange(MediaOracle.AudioSeconds(temp.Combine("c.mp4")), 1.95, 2.05);
    }

    [Theory]
    [InlineData("camcorder.mov", "pcm_s16le", "alac", "losslessly")]
    [InlineData("studio.mkv", "pcm_f32le", "aac", "AAC")]
    public async Task AudioTheContainerCannotHoldIsReencodedAndSaidSo(string reference, string sourceCodec, string expectedCodec, string said)
    {
        using var temp = new TempFolder();
        var video = temp.Combine(reference);
        MediaOracle.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=96x64:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", sourceCodec, video);
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(video, frames, new FrameExtractionOptions());
        var output = temp.Combine("result.mp4");

        var result = await VideoAssembler.AssembleAsync(frames, output, new VideoAssemblyOptions { Reference = video });

        var audio = MediaOracle.Streams(MediaOracle.Probe(output), "audio").Single();
        Assert.Equal(expectedCodec, audio.GetProperty("codec_name").GetString());
        Assert.InRange(MediaOracle.AudioSeconds(output), 1.95, 2.05);
        Assert.Contains(result.Notes, n => n.Contains(sourceCodec, StringComparison.Ordinal) && n.Contains(said, StringComparison.Ordinal));
    }

    private static string NumberedFrames(string folder, params string[] names)
    {
        Directory.CreateDirectory(folder);
        using var image = new Mat(32, 48, MatType.CV_8UC3, Scalar.All(90));
        foreach (var name in names) Cv2.ImWrite(Path.Combine(folder, name), image);
        return folder;
    }

    private static string AudioPacketsHash(string video) =>
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", video, "-map", "0:a:0", "-c", "copy", "-f", "hash", "-hash", "sha256", "-");
}
