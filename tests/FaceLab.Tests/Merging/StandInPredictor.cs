using FaceLab.Training.Inference;
using FaceLab.Faces.Alignment;
using FaceLab.Merging;
using OpenCvSharp;

namespace FaceLab.Tests.Merging;

/// <summary>
/// A predictor without a model: the face it returns is a function of the dst face it was given
/// (the face itself, a colour-shifted copy, a flat colour); the learned masks are an ellipse
/// (predicted) and the whole square (dst). Counts its calls.
/// </summary>
internal sealed class StandInPredictor(int resolution, Func<Mat, Mat> makeFace, FaceType? faceType = null) : IFacePredictor
{
    public int Resolution { get; } = resolution;

    public FaceType FaceType { get; } = faceType ?? FaceType.Full;

    public List<int> BatchSizes { get; } = [];

    public static StandInPredictor Echo(int resolution = MergeScenes.Resolution) => new(resolution, f => f.Clone());

    /// <summary>The dst face with its colours moved: a different distribution to match back.</summary>
    public static StandInPredictor Shifted(int resolution = MergeScenes.Resolution) => new(resolution, ColorShifted);

    public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<Mat> faces)
    {
        BatchSizes.Add(faces.Count);
        return [.. faces.Select(f =>
        {
            var ellipse = new Mat(Resolution, Resolution, MatType.CV_32FC1, Scalar.All(0));
            Cv2.Ellipse(ellipse, new Point(Resolution / 2, Resolution / 2), new Size(Resolution * 0.3, Resolution * 0.4), 0, 0, 360, Scalar.All(1), -1);
            return new FacePrediction(makeFace(f), ellipse, new Mat(Resolution, Resolution, MatType.CV_32FC1, Scalar.All(1)));
        })];
    }

    /// <summary>Bluer, greener, flatter: every channel moved and scaled, none clipped (stays in [0, 0.95]).</summary>
    public static Mat ColorShifted(Mat face)
    {
        var result = new Mat();
        Cv2.Multiply(face, new Scalar(0.6, 0.85, 0.7), result);
        Cv2.Add(result, new Scalar(0.3, 0.1, 0.05), result);
        return result;
    }
}
