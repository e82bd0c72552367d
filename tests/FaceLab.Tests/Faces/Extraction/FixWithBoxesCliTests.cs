using System.Text.Json;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.Tests.Faces.Landmarks;
using FaceLab.Tests.Support;
using Xunit.Abstractions;

namespace FaceLab.Tests.Faces.Extraction;

/// <summary>
/// <c>faces extract --fix --boxes</c> given, for a frame that gave no face, the box automatic
/// extraction recorded for it (the detector's box, looser than the landmarks' box) places the
/// same face: its landmarks match the automatic ones closely.
/// </summary>
public sealed class FixWithBoxesCliTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheRecordedDetectorBoxGivesTheAutomaticLandmarks()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        Directory.CreateDirectory(frames);
        MediaOracle.Run("ffmpeg", "-v", "error", "-i", TestPaths.DemoDestinationVideo, "-vf", "select=eq(n\\,100)+eq(n\\,400)", "-fps_mode", "passthrough",
            "-frames:v", "2", Path.Combine(frames, "%05d.png"));
        var aligned = Path.Combine(frames, "aligned");
        Assert.Equal(0, (await CliInProcess.RunAsync("faces", "extract", frames, "--workers", "1")).ExitCode);
        var automatic = FaceImageFile.ReadMetadata(Path.Combine(aligned, "00001_0.jpg"));

        // as if the detector had missed the face: no face file, and the journal says none
        File.Delete(Path.Combine(aligned, "00001_0.jpg"));
        File.AppendAllText(ExtractionJournal.PathIn(aligned), "{\"frame\":\"00001.png\",\"faces\":0}\n");
        var boxes = temp.Combine("boxes.json");
        File.WriteAllText(boxes, JsonSerializer.Serialize(new Dictionary<string, double[][]> { ["00001.png"] = [automatic.SourceRect] }));

        var fix = await CliInProcess.RunAsync("faces", "extract", frames, "--fix", "--boxes", boxes, "--workers", "1");

        Assert.True(fix.ExitCode == 0, fix.Stderr);
        var placed = FaceImageFile.ReadMetadata(Path.Combine(aligned, "00001_0.jpg"));
        var nme = LandmarkError.Nme(placed.SourceLandmarks, automatic.SourceLandmarks);
        output.WriteLine($"NME of the placed face against the automatic one: {nme:0.0000}");
        Assert.True(nme < 0.02, $"NME {nme:0.0000}");
        Assert.Equal(automatic.SourceRect, placed.SourceRect);
        Assert.Equal(automatic.FaceType, placed.FaceType);
    }
}
