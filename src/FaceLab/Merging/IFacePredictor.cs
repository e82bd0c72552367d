using FaceLab.Training.Inference;
using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// A trained model seen from the merger: it takes dst faces cut at its face type and resolution
/// and returns one prediction per face, in order. Tests plug in stand-ins.
/// </summary>
public interface IFacePredictor
{
    /// <summary>Side of the square faces the model takes and returns, in pixels.</summary>
    int Resolution { get; }

    /// <summary>The crop the model was trained on.</summary>
    FaceType FaceType { get; }

    /// <param name="faces">Aligned dst faces, BGR <c>CV_32FC3</c> in [0, 1], <see cref="Resolution"/>² each; owned by the caller.</param>
    /// <returns>One prediction per face, in order, at <see cref="Resolution"/>; the caller disposes them.</returns>
    IReadOnlyList<FacePrediction> Predict(IReadOnlyList<Mat> faces);

    /// <summary>Video frames the model reads per face: 3 (previous, current, next) for a model that reads motion, else 1.</summary>
    int TemporalFrames => 1;

    /// <summary>
    /// As <see cref="Predict(IReadOnlyList{Mat})"/>, each face with the same face cut from the previous and
    /// next frames (for <see cref="TemporalFrames"/> 3); by default only the current faces are used.
    /// </summary>
    IReadOnlyList<FacePrediction> Predict(IReadOnlyList<FaceFrames> faces) => Predict([.. faces.Select(f => f.Current)]);
}
