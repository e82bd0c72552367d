using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.Tests.Faces.Detection;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Faces.Extraction;

/// <summary>Frames in still formats other than ffmpeg's png/jpg (16-bit PNG, TIFF from an editor) run through extraction.</summary>
public class FrameFormatExtractionTests
{
    [Fact]
    public async Task SixteenBitPngFramesGiveTheSameFacesAsEightBitOnes()
    {
        using var temp = new TempFolder();
        var eight = Directory.CreateDirectory(temp.Combine("eight")).FullName;
        var sixteen = Directory.CreateDirectory(temp.Combine("sixteen")).FullName;
        foreach (var (name, frame) in Frames(2))
        {
            Cv2.ImWrite(Path.Combine(eight, name + ".png"), frame);
            using var wide = new Mat();
            frame.ConvertTo(wide, MatType.CV_16UC3, 257); // 0..255 → 0..65535
            Cv2.ImWrite(Path.Combine(sixteen, name + ".png"), wide);
        }

        var reference = await Extract(eight);
        var report = await Extract(sixteen);

        Assert.Equal(2, report.FacesWritten);
        Assert.Empty(report.FramesWithoutFaces);
        var a = FaceImageFile.ReadMetadata(Path.Combine(eight, "aligned", "00001_0.jpg"));
        var b = FaceImageFile.ReadMetadata(Path.Combine(sixteen, "aligned", "00001_0.jpg"));
        Assert.Equal(reference.FacesWritten, report.FacesWritten);
        Assert.Equal("00001.png", b.SourceFilename);
        Assert.InRange(a.SourceRect.Zip(b.SourceRect, (x, y) => Math.Abs(x - y)).Max(), 0, 2.0);
    }

    [Fact]
    public async Task ATiffSequenceIsExtractedInNumericOrder()
    {
        using var temp = new TempFolder();
        var frames = Directory.CreateDirectory(temp.Combine("frames")).FullName;
        var names = new List<string>();
        foreach (var (name, frame) in Frames(3))
        {
            var numbered = int.Parse(name, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture); // 1.tif, 2.tif, ...: unpadded
            Cv2.ImWrite(Path.Combine(frames, numbered + ".tif"), frame);
            names.Add(numbered + ".tif");
        }
        File.WriteAllBytes(Path.Combine(frames, "._1.tif"), [0, 0, 0]); // a macOS resource fork, not a frame

        var report = await Extract(frames);

        Assert.Equal(3, report.Frames);
        Assert.Equal(3, report.FacesWritten);
        Assert.Equal(names, names.Select(n => FaceImageFile.ReadMetadata(Path.Combine(frames, "aligned", Path.GetFileNameWithoutExtension(n) + "_0.jpg")).SourceFilename));
    }

    private static Task<FaceExtractionReport> Extract(string frames) =>
        FaceExtraction.RunAsync(frames, Path.Combine(frames, "aligned"), DemoDestinationFixture.DefaultTools(), new FaceExtractionOptions { Workers = 1 });

    /// <summary>Every second of the shared LivePortrait clip (one man facing the camera), named 00001, 00002, ...</summary>
    private static IEnumerable<(string Name, Mat Frame)> Frames(int count) =>
        VideoFrames.Every(TestPaths.VideoWithAudio, 30).Take(count).Select((f, i) => ($"{i + 1:D5}", f.Frame));
}
