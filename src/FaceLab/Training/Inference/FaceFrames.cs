using OpenCvSharp;

namespace FaceLab.Training.Inference;

/// <summary>
/// A face to predict from with the same face in the previous and next video frames, for models that
/// read motion (<see cref="TrainedModel.TemporalFrames"/> 3). A missing neighbour (a clip's first or
/// last frame, a frame where the face was not found) is the face itself. Each is an aligned face cut
/// with its own frame's landmarks; the caller owns the images.
/// </summary>
public sealed record FaceFrames(Mat Current, Mat? Previous = null, Mat? Next = null)
{
    /// <summary>The three faces in the order a temporal model reads them: previous, current, next.</summary>
    public IReadOnlyList<Mat> InOrder => [Previous ?? Current, Current, Next ?? Current];
}
