using FaceLab.Faces.Landmarks;
using OpenCvSharp;
using Xunit.Abstractions;

namespace FaceLab.Tests.Faces.Landmarks;

/// <summary>
/// Accuracy protocol shared by every landmarker, in the style of 300-W: the face box is the
/// bounding box of the 68 ground-truth points (what the box contract promises a detector gives),
/// and the error is the NME: mean point-to-point distance divided by the distance between the
/// outer eye corners (points 36 and 45, 0-based). The robustness variant moves that box by ±10%
/// of its size and scales it by ±10%, the detector slack the contract allows, and requires the
/// mean NME of every variant to stay within bound.
/// </summary>
public abstract class LandmarkerAccuracyTests(ITestOutputHelper output)
{
    /// <summary>(shift x, shift y, scale) of the box, shifts in box widths/heights.</summary>
    public static readonly (double Dx, double Dy, double Scale)[] BoxVariations =
    [
        (0.1, 0, 1), (-0.1, 0, 1), (0, 0.1, 1), (0, -0.1, 1), (0, 0, 1.1), (0, 0, 0.9),
        (0.1, 0.1, 1.1), (-0.1, -0.1, 0.9), (0.1, -0.1, 0.9), (-0.1, 0.1, 1.1),
    ];

    protected abstract ILandmarker CreateLandmarker();

    /// <summary>Bound on the mean NME over the 9 faces with the tight ground-truth box.</summary>
    protected abstract double MeanNmeBound { get; }

    /// <summary>Bound on the mean NME over the 9 faces for each of the <see cref="BoxVariations"/>.</summary>
    protected abstract double VariedBoxMeanNmeBound { get; }

    public static Rect2d Vary(Rect2d box, (double Dx, double Dy, double Scale) v)
    {
        var (w, h) = (box.Width * v.Scale, box.Height * v.Scale);
        var cx = box.X + box.Width / 2 + v.Dx * box.Width;
        var cy = box.Y + box.Height / 2 + v.Dy * box.Height;
        return new Rect2d(cx - w / 2, cy - h / 2, w, h);
    }

    [Fact]
    public void MeanNmeOnGroundTruthBoxesIsWithinBound()
    {
        using var landmarker = CreateLandmarker();
        var errors = AnnotatedFace.All.Select(face =>
        {
            var nme = LandmarkError.Nme(landmarker.Locate(face.Image, FaceBoxGeometry.BoundsOf(face.Truth)), face.Truth);
            output.WriteLine($"{landmarker.Name} {face.Name}: NME {nme:F4}");
            return nme;
        }).ToList();
        output.WriteLine($"{landmarker.Name} mean NME {errors.Average():F4}");
        Assert.Equal(9, errors.Count);
        Assert.True(errors.Average() < MeanNmeBound, $"mean NME {errors.Average():F4} ≥ {MeanNmeBound}");
    }

    [Fact]
    public void MeanNmeStaysWithinBoundWhenTheBoxIsShiftedOrScaled()
    {
        using var landmarker = CreateLandmarker();
        var worst = 0.0;
        foreach (var variation in BoxVariations)
        {
            var mean = AnnotatedFace.All.Average(face =>
                LandmarkError.Nme(landmarker.Locate(face.Image, Vary(FaceBoxGeometry.BoundsOf(face.Truth), variation)), face.Truth));
            output.WriteLine($"{landmarker.Name} box {variation}: mean NME {mean:F4}");
            worst = Math.Max(worst, mean);
        }
        Assert.True(worst < VariedBoxMeanNmeBound, $"worst mean NME {worst:F4} ≥ {VariedBoxMeanNmeBound}");
    }

    [Fact]
    public void SameInputGivesSameOutput()
    {
        using var first = CreateLandmarker();
        using var second = CreateLandmarker();
        var face = AnnotatedFace.All[0];
        var box = Vary(FaceBoxGeometry.BoundsOf(face.Truth), BoxVariations[6]);
        var a = first.Locate(face.Image, box);
        var b = first.Locate(face.Image, box);
        var c = second.Locate(face.Image, box);
        Assert.Equal(a, b);
        Assert.Equal(a, c);
    }
}
