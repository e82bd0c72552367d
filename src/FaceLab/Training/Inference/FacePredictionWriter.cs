using FaceLab.Common;
using FaceLab.FaceSets;
using FaceLab.FaceSets.Packing;
using FaceLab.Imaging;
using FaceLab.Training.Models;
using FaceLab.Training.Samples;
using OpenCvSharp;

namespace FaceLab.Training.Inference;

/// <summary>
/// Runs a model over a folder (or pack) of aligned faces and writes what it predicts as PNG files of
/// the same names, and optionally its masks (<c>NAME_mask.png</c>): to inspect a model, or to build
/// face-level datasets. Faces of another face type than the model's are re-cut from their landmarks.
/// </summary>
public static class FacePredictionWriter
{
    /// <summary>Returns the number of faces written; existing outputs are kept (a rerun continues).</summary>
    public static int Run(TrainedModel model, string faces, string output, PredictionDirection direction, bool masks,
        IProgress<OperationProgress>? progress = null, CancellationToken ct = default)
    {
        using var set = FaceSet.Open(faces);
        AtomicOutput.EnsureWritableFolder(output, output);
        var options = new SampleOptions { Resolution = model.Resolution, FaceType = model.FaceType, CropMargin = 0 };
        using var crops = new FaceCropCache(set, options);
        var pending = Enumerable.Range(0, set.Count).Where(i => !File.Exists(OutputPath(output, set[i].Name))).ToList();
        var done = set.Count - pending.Count;
        progress?.Report(new OperationProgress("predict", done, set.Count, "faces"));
        foreach (var chunk in pending.Chunk(model.BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var predictions = model.Predict([.. chunk.Select(i => crops.Get(i).Image)], direction);
            foreach (var (index, prediction) in chunk.Zip(predictions))
            {
                using (prediction)
                {
                    if (masks) Write(prediction.PredictedMask, MaskPath(output, set[index].Name));
                    Write(prediction.Face, OutputPath(output, set[index].Name));
                }
            }
            done += chunk.Length;
            progress?.Report(new OperationProgress("predict", done, set.Count, "faces"));
        }
        return pending.Count;
    }

    private static string OutputPath(string output, string name) => Path.Combine(output, Path.GetFileNameWithoutExtension(name) + ".png");

    private static string MaskPath(string output, string name) => Path.Combine(output, Path.GetFileNameWithoutExtension(name) + "_mask.png");

    private static void Write(Mat float01, string path)
    {
        using var bgrBytes = Pixels.Float01ToBytes(float01);
        Cv2.ImEncode(".png", bgrBytes, out var png);
        AtomicOutput.WriteAllBytes(path, png);
    }
}
