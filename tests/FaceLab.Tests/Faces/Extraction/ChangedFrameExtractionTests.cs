using FaceLab.Faces.Extraction;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Faces.Extraction;

/// <summary>Frames re-extracted from a changed video are not skipped as done: they are redone and their old faces go.</summary>
public sealed class ChangedFrameExtractionTests
{
    [Fact]
    public async Task AFrameReplacedByAnotherPictureIsExtractedAgainAndItsOldFacesGo()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        var aligned = temp.Combine("aligned");
        Directory.CreateDirectory(frames);
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.VideoWithAudio, "-frames:v", "1", Path.Combine(frames, "00001.png"));
        File.Copy(Path.Combine(frames, "00001.png"), Path.Combine(frames, "00002.png"));
        var options = new FaceExtractionOptions { Workers = 1 };
        var first = await FaceExtraction.RunAsync(frames, aligned, FaceExtractionTools.Default, options);
        Assert.Equal(2, first.FacesWritten);
        Assert.True(File.Exists(Path.Combine(aligned, "00002_0.jpg")));

        // The video was extracted again and frame 2 now shows no one.
        using (var empty = new OpenCvSharp.Mat(480, 480, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.Gray))
            OpenCvSharp.Cv2.ImWrite(Path.Combine(frames, "00002.png"), empty);
        var second = await FaceExtraction.RunAsync(frames, aligned, FaceExtractionTools.Default, options);

        Assert.Equal(1, second.Processed);
        Assert.Equal(["00002.png"], second.FramesWithoutFaces);
        Assert.False(File.Exists(Path.Combine(aligned, "00002_0.jpg")), "the old person's face from the replaced frame must go");
        Assert.True(File.Exists(Path.Combine(aligned, "00001_0.jpg")));
    }
}
