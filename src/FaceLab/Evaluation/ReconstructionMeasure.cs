using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Imaging;
using FaceLab.Merging;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using OpenCvSharp;

namespace FaceLab.Evaluation;

/// <summary>
/// SSIM and PSNR of the model's dst → dst reconstructions over the whole face square: dst faces
/// evenly spread in frame order, cut from their frames at the model's face type and resolution as
/// the merger cuts them. The trainer trains on every dst face, so these faces were seen in
/// training; the figure measures how well the model has learnt the dst, as the DeepFaceLab paper's SSIM does.
/// </summary>
internal static class ReconstructionMeasure
{
    /// <summary>PSNR of identical images is infinite; it is reported as this many dB.</summary>
    private const double PsnrCeiling = 100;

    public static ReconstructionFigures Measure(TrainedModel model, IReadOnlyList<(string FramePath, FrameFace Face)> faces, int count,
        IProgress<OperationProgress>? progress, CancellationToken ct)
    {
        var chosen = SourceIdentity.EvenlySpread(faces.Count, count);
        var step = chosen.Count > 1 ? chosen[1] - chosen[0] : 1;
        double ssim = 0, psnr = 0;
        progress?.Report(new OperationProgress("reconstruct", 0, chosen.Count, "faces"));
        for (var start = 0; start < chosen.Count; start += model.BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            var batch = chosen.Skip(start).Take(model.BatchSize).Select(i => faces[i]).ToList();
            var cuts = batch.Select(f => Cut(f.FramePath, f.Face, model)).ToList();
            try
            {
                var predictions = model.Predict(cuts, PredictionDirection.DestinationToDestination);
                for (var n = 0; n < cuts.Count; n++)
                {
                    using var prediction = predictions[n];
                    using var target = ImageTensors.ToBgrFloat01(cuts[n], model.Resolution);
                    ssim += StructuralSimilarity.Of(target, prediction.Face);
                    psnr += Math.Min(PsnrCeiling, Cv2.PSNR(target, prediction.Face, 1.0));
                }
            }
            finally
            {
                foreach (var cut in cuts) cut.Dispose();
            }
            progress?.Report(new OperationProgress("reconstruct", Math.Min(start + model.BatchSize, chosen.Count), chosen.Count, "faces"));
        }
        var selection = step == 1
            ? $"all {faces.Count} dst faces (seen in training)"
            : $"one in every {step} of the {faces.Count} dst faces in frame order, from the first (seen in training: the trainer uses every dst face)";
        return new ReconstructionFigures(chosen.Count, selection, ssim / chosen.Count, psnr / chosen.Count);
    }

    private static Mat Cut(string framePath, FrameFace face, TrainedModel model)
    {
        using var frame = ImageDecoding.Read(framePath);
        return FaceWarp.ToFace(frame, FaceAligner.ImageToFace(face.Landmarks, model.FaceType, model.Resolution), model.Resolution);
    }
}
