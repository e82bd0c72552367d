using FaceLab.Common;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Landmarks;
using FaceLab.Tests.Faces.Landmarks;
using OpenCvSharp;
using Xunit.Abstractions;

namespace FaceLab.Tests.Faces.Extraction;

/// <summary>
/// Faces placed by hand on the 9 annotated faces: boxes drawn loosely (the ground truth's box
/// scaled by up to ±30 % and moved by up to ±15 % of its size, seeded) go through extraction's
/// manual-box path, the one the studio and <c>faces extract --fix --boxes</c> share, and must give
/// landmarks as good as a detected face's (300-W NME: mean point error / outer-eye-corner distance).
/// </summary>
public sealed class HandBoxLandmarksTests(ITestOutputHelper output)
{
    private const int BoxesPerFace = 6;

    internal static Rect2d HandDrawn(Rect2d tight, Random random)
    {
        double Spread(double limit) => (random.NextDouble() * 2 - 1) * limit;
        var scale = 1 + Spread(0.30);
        var (w, h) = (tight.Width * scale, tight.Height * scale);
        var cx = tight.X + tight.Width / 2 + Spread(0.15) * tight.Width;
        var cy = tight.Y + tight.Height / 2 + Spread(0.15) * tight.Height;
        return new Rect2d(cx - w / 2, cy - h / 2, w, h);
    }

    [Fact]
    public void LooselyDrawnBoxesGiveLandmarksWithinNme008()
    {
        using var extractor = new FrameFaceExtractor(FaceExtractionTools.Default.CreateDetector(), FaceLandmarkers.Default.Create(), new FaceExtractionOptions());
        var random = new Random(20261201);
        var errors = new List<double>();
        foreach (var face in AnnotatedFace.All)
        {
            var tight = FaceBoxGeometry.BoundsOf(face.Truth);
            for (var i = 0; i < BoxesPerFace; i++)
            {
                var box = HandDrawn(tight, random);
                var found = extractor.Extract(face.Image, [box], face.Name);
                var placed = Assert.Single(found);
                errors.Add(LandmarkError.Nme(placed.Aligned.FrameLandmarks, face.Truth));
                Assert.Equal(box.BottomRight.X, placed.SourceRect.BottomRight.X, 6);
                Assert.Equal(box.TopLeft.Y, placed.SourceRect.TopLeft.Y, 6);
                placed.Dispose();
            }
            output.WriteLine($"{face.Name}: mean NME {errors[^BoxesPerFace..].Average():0.0000}, worst {errors[^BoxesPerFace..].Max():0.0000}");
        }
        output.WriteLine($"all {errors.Count} boxes: mean NME {errors.Average():0.0000}, worst {errors.Max():0.0000}");
        Assert.True(errors.Average() <= 0.08, $"mean NME {errors.Average():0.0000} > 0.08");
        Assert.True(errors.Max() < 0.15, $"worst NME {errors.Max():0.0000}: a face came out scattered");
    }

    [Fact]
    public void ABoxFarLargerThanTheFaceIsRefusedWithAOneLineError()
    {
        using var extractor = new FrameFaceExtractor(FaceExtractionTools.Default.CreateDetector(), FaceLandmarkers.Default.Create(), new FaceExtractionOptions());
        var face = AnnotatedFace.All[0];
        var tight = FaceBoxGeometry.BoundsOf(face.Truth);
        // three times the face's size: the landmarks cannot fill it, whatever they find
        var box = FaceBoxGeometry.Square(tight, 3.0);

        var error = Assert.Throws<FaceLabException>(() => extractor.Extract(face.Image, [box], "00012.png"));

        output.WriteLine(error.Message);
        Assert.Equal("00012.png", error.Subject);
        Assert.Contains("no face fits the box", error.Problem);
        Assert.DoesNotContain('\n', error.Message);
    }
}
