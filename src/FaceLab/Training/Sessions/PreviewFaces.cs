using FaceLab.Common;
using FaceLab.FaceSets;
using FaceLab.Training.Models;
using FaceLab.Training.Samples;
using OpenCvSharp;
using static TorchSharp.torch;

namespace FaceLab.Training.Sessions;

/// <summary>
/// The fixed faces of the preview, chosen once when a model is created (by name, so they survive
/// restarts), shown unwarped and unflipped, and the preview image of a model on them.
/// </summary>
internal sealed class PreviewFaces
{
    private readonly SampleBatch _source;
    private readonly SampleBatch _destination;

    public PreviewFaces(FaceCropCache source, FaceCropCache destination, ModelSpec spec, SampleRecipe recipe)
    {
        _source = Build(source, spec.PreviewSource, Still(recipe.Source));
        _destination = Build(destination, spec.PreviewDestination, Still(recipe.Destination));
    }

    private static SampleOptions Still(SampleOptions options) =>
        options with { Transform = SampleTransformOptions.None, RandomWarp = false, RandomHsvPower = 0, ColorTransfer = Imaging.ColorTransfer.ColorTransfers.None };

    /// <summary>Names of <paramref name="rows"/> faces spread evenly over a set.</summary>
    public static string[] Choose(IFaceSet set, int rows)
    {
        var count = Math.Min(rows, set.Count);
        return Enumerable.Range(0, count).Select(i => set[(int)((long)i * set.Count / count)].Name).ToArray();
    }

    /// <summary>The grid: src, src→src, dst, dst→dst, dst→src.</summary>
    public Mat Render(FaceSwapModel model, Device device, int resolution)
    {
        using var scope = NewDisposeScope();
        // The still inputs: the targets themselves for a plain model, smaller or with the neighbour frames for one that reads those.
        var src = tensor(_source.Inputs, _source.InputShape).to(device);
        var dst = tensor(_destination.Inputs, _destination.InputShape).to(device);
        float[] Run(PredictionDirection direction, Tensor input) => model.Predict(direction, input).Face.cpu().data<float>().ToArray();
        var columns = new[]
        {
            _source.Targets, Run(PredictionDirection.SourceToSource, src),
            _destination.Targets, Run(PredictionDirection.DestinationToDestination, dst), Run(PredictionDirection.DestinationToSource, dst),
        };
        return PreviewGrid.Render(columns, Math.Min(_source.Count, _destination.Count), resolution);
    }

    /// <summary>
    /// Writes <c>preview.jpg</c> in the model folder, or <c>history/ITERATION.jpg</c> and then thins
    /// the history to <paramref name="historyLimit"/> previews (null: keeps them all).
    /// </summary>
    public void Write(Mat preview, string folder, long? historyIteration, int? historyLimit = null)
    {
        Cv2.ImEncode(".jpg", preview, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, 92));
        if (historyIteration is not { } iteration)
        {
            AtomicOutput.WriteAllBytes(Path.Combine(folder, "preview.jpg"), jpeg);
            return;
        }
        Directory.CreateDirectory(PreviewHistory.FolderOf(folder));
        AtomicOutput.WriteAllBytes(PreviewHistory.PathOf(folder, iteration), jpeg);
        if (historyLimit is { } limit) PreviewHistory.Thin(folder, limit);
    }

    private static SampleBatch Build(FaceCropCache faces, string[] names, SampleOptions still)
    {
        var set = faces.FaceSet;
        var byName = Enumerable.Range(0, set.Count).ToDictionary(i => set[i].Name, StringComparer.Ordinal);
        // A preview face deleted since the model was created is replaced by the face at the same position.
        var indices = names.Select((n, i) => byName.TryGetValue(n, out var index) ? index : (int)((long)i * set.Count / Math.Max(1, names.Length))).ToArray();
        return new SampleBatchFactory(faces, still, indices.Length, 0, new FixedFaceChooser(indices)).Build(0);
    }
}
