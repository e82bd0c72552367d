using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// What a model makes of one cut face, at model resolution: the swapped face (BGR <c>CV_32FC3</c>
/// in [0, 1]) and the two learned masks (<c>CV_32FC1</c> in [0, 1]): the face's mask as the model
/// predicts it for the src face, and the dst face's mask. Owns its images.
/// </summary>
public sealed record FacePrediction(Mat Face, Mat PredictedMask, Mat DestinationMask) : IDisposable
{
    public void Dispose()
    {
        Face.Dispose();
        PredictedMask.Dispose();
        DestinationMask.Dispose();
    }
}
