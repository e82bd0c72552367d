using OpenCvSharp;

namespace FaceLab.Training.Inference;

/// <summary>
/// What a model predicts for one aligned face, at the model's resolution: the face (BGR float
/// <c>CV_32FC3</c> in [0, 1]), the mask learned with it (<c>CV_32FC1</c>), and the mask the dst path
/// learns for the same input (DeepFaceLab's "learned dst" mask). Owns its images.
/// </summary>
public sealed record FacePrediction(Mat Face, Mat PredictedMask, Mat DestinationMask) : IDisposable
{
    /// <summary>Releases the images.</summary>
    public void Dispose()
    {
        Face.Dispose();
        PredictedMask.Dispose();
        if (!ReferenceEquals(DestinationMask, PredictedMask)) DestinationMask.Dispose();
    }
}
