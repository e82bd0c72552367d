using FaceLab.Media;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Cli;

public class VideoAssembleCliTests
{
    [Fact]
    public async Task AssembleNamesItsOptionsForALengthChangeAndSaysHowTheAudioWasReencoded()
    {
        using var temp = new TempFolder();
        var video = temp.Combine("camcorder.mov");
        MediaOracle.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=96x64:rate=10", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "pcm_s16le", video);
        await FrameExtractor.ExtractAsync(video, temp.Combine("frames"), new FrameExtractionOptions { Fps = 5 });

        var refused = CliProcess.Run(temp.Path, "video", "assemble", "--frames", "frames", "--reference", "camcorder.mov", "--out", "a.mp4");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("10 frames", refused.Stderr);
        Assert.Contains("--allow-length-change", refused.Stderr);

        var allowed = CliProcess.Run(temp.Path, "video", "assemble", "--frames", "frames", "--reference", "camcorder.mov", "--out", "b.mp4", "--allow-length-change");
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("pcm_s16le audio cannot go into .mp4 as it is; re-encoded losslessly to ALAC", allowed.Stdout);
        Assert.Contains("has 10 frames but the reference camcorder.mov has 20", allowed.Stdout);
    }
}
