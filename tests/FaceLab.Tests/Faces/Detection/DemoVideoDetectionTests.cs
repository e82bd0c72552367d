using FaceLab.Faces.Detection;
using FaceLab.Tests.Support;
using Xunit.Abstractions;

namespace FaceLab.Tests.Faces.Detection;

/// <summary>Detectors on real video: the demo dst (one face in every frame) and Tears of Steel (cuts, no-face shots).</summary>
public class DemoVideoDetectionTests(ITestOutputHelper output)
{
    [Fact]
    public void UltraFaceFindsExactlyOneFaceInEveryTenthDemoFrame()
    {
        using var detector = new UltraFaceDetector();
        var wrong = new List<string>();
        var frames = 0;
        foreach (var (index, frame) in VideoFrames.Every(TestPaths.DemoDestinationVideo, 10))
        {
            frames++;
            var faces = detector.Detect(frame);
            if (faces.Count != 1) wrong.Add($"frame {index}: {faces.Count} faces");
        }
        output.WriteLine($"{frames} frames checked");
        Assert.Equal(77, frames);
        Assert.Empty(wrong);
    }

    [Fact]
    public void BlazeFaceFindsTheDemoFaceWithKeypointsInsideIt()
    {
        using var detector = new BlazeFaceDetector();
        foreach (var (_, frame) in VideoFrames.Every(TestPaths.DemoDestinationVideo, 50))
        {
            var face = Assert.Single(detector.Detect(frame));
            Assert.Equal(1.0, DetectorProbe.FractionInside(DetectorProbe.Grow(face.Box, 0.3), face.Keypoints));
        }
    }

    public static TheoryData<string> DetectorNames => new(FaceDetectors.Names);

    [Theory]
    [MemberData(nameof(DetectorNames))]
    public void RunsThroughTearsOfSteel(string detectorName)
    {
        using var detector = FaceDetectors.Create(detectorName);
        int frames = 0, withFace = 0;
        foreach (var (_, frame) in VideoFrames.Every(TestPaths.SharedVideo("tears-of-steel_ccby_640x360_24fps_10s.mp4"), 6))
        {
            frames++;
            var faces = detector.Detect(frame);
            Assert.All(faces, f => Assert.True(f.Box.Width > 0 && f.Box.Height > 0 && f.Score > 0));
            Assert.Equal(faces.OrderByDescending(f => f.Area).Select(f => f.Area), faces.Select(f => f.Area));
            if (faces.Count > 0) withFace++;
        }
        output.WriteLine($"{detectorName}: {withFace} of {frames} frames with a face");
        Assert.Equal(40, frames);
        Assert.True(withFace > 0, "no face found in any frame");
        Assert.True(withFace < frames, "a face found in every frame, but the clip has shots without faces");
    }
}
