using FaceLab.Faces.Detection;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Landmarks;
using FaceLab.Tests.Faces.Landmarks;
using Xunit.Abstractions;

namespace FaceLab.Tests.Faces.Extraction;

/// <summary>
/// Landmark accuracy of the whole extraction (the detector's box, not the ground truth's, feeds
/// the landmarker) on the 9 annotated faces: NME = mean point error / outer-eye-corner distance.
/// </summary>
public class PipelineLandmarkAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("dlib", 0.08)]
    [InlineData("faceapi", 0.09)]
    [InlineData("mesh", 0.10)]
    public void MeanNmeWithDetectorBoxesIsWithinBound(string landmarker, double bound)
    {
        var tools = FaceLandmarkers.Get(landmarker);
        using var extractor = new FrameFaceExtractor(FaceDetectors.Create(FaceDetectors.DefaultName), tools.Create(), new FaceExtractionOptions());
        var errors = new List<double>();
        foreach (var face in AnnotatedFace.All)
        {
            var found = extractor.Extract(face.Image);
            try
            {
                Assert.NotEmpty(found);
                var best = found.MinBy(f => LandmarkError.Nme(f.Aligned.FrameLandmarks, face.Truth))!;
                errors.Add(LandmarkError.Nme(best.Aligned.FrameLandmarks, face.Truth));
                output.WriteLine($"{landmarker} {face.Name}: NME {errors[^1]:0.0000}");
            }
            finally
            {
                foreach (var f in found) f.Dispose();
            }
        }
        output.WriteLine($"{landmarker}: mean NME {errors.Average():0.0000}");
        Assert.True(errors.Average() < bound, $"{landmarker}: mean NME {errors.Average():0.0000} ≥ {bound}");
    }
}
