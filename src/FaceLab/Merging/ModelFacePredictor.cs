using FaceLab.Faces.Alignment;
using FaceLab.Training.Inference;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>A trained model as the merger's predictor: the swap dst → src with both learned masks.</summary>
public sealed class ModelFacePredictor(TrainedModel model) : IFacePredictor
{
    /// <inheritdoc/>
    public int Resolution => model.Resolution;

    /// <inheritdoc/>
    public FaceType FaceType => model.FaceType;

    /// <inheritdoc/>
    public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<Mat> faces) => model.Predict(faces);

    /// <inheritdoc/>
    public int TemporalFrames => model.TemporalFrames;

    /// <inheritdoc/>
    public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<FaceFrames> faces) => model.Predict(faces);
}
