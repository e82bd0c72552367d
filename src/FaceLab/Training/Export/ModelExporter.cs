using FaceLab.Common;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using Google.Protobuf;
using Onnx;

namespace FaceLab.Training.Export;

/// <summary>
/// Writes a trained model's swap predictor (dst face in; the face in the src identity, its mask and
/// the dst path's mask out, as <see cref="TrainedModel.Predict(IReadOnlyList{OpenCvSharp.Mat}, PredictionDirection)"/> returns them) as an ONNX file.
/// The graph is written layer by layer from the model's own layers and weights (see
/// <see cref="ExportFormat"/> for the layouts); it runs in ONNX Runtime, DeepFaceLive and tools
/// that read DeepFaceLive's models.
/// </summary>
public static class ModelExporter
{
    /// <summary>ONNX IR version 7, the one that goes with opset 12.</summary>
    private const long IrVersion = 7;

    /// <summary>The usual file extension of <paramref name="format"/> (<c>.onnx</c>, <c>.dfm</c>).</summary>
    public static string Extension(ExportFormat format) => format == ExportFormat.Dfm ? ".dfm" : ".onnx";

    /// <summary>
    /// Exports <paramref name="model"/> to <paramref name="path"/>, atomically; refuses to replace a file
    /// unless <see cref="ExportOptions.Overwrite"/>. A model type whose layers write no ONNX graph is a
    /// <see cref="FaceLabException"/>.
    /// </summary>
    public static ExportedModel Export(TrainedModel model, string path, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        using var output = AtomicOutput.Begin(path, options.Overwrite);
        var proto = model.Use(m => Build(model, m, options));
        try
        {
            using (var stream = new FileStream(output.TemporaryPath, FileMode.CreateNew, FileAccess.Write))
                proto.WriteTo(stream);
        }
        catch (IOException e)
        {
            throw new FaceLabException(path, $"cannot write ({e.Message})", "check the folder's permissions and free space", e);
        }
        output.Commit();
        return new ExportedModel(output.FinalPath, new FileInfo(output.FinalPath).Length, proto.Graph.Node.Count, model.Resolution);
    }

    private static ModelProto Build(TrainedModel trained, FaceSwapModel model, ExportOptions options)
    {
        var graph = new OnnxGraph(trained.Definition.Name, options.HalfPrecisionWeights);
        long r = model.Resolution, i = model.InputResolution, frames = model.TemporalFrames;
        if (options.Format == ExportFormat.Dfm)
        {
            // DeepFaceLive feeds one face: a model that reads three frames gets the current one as all three.
            var input = graph.Input(ExportLayout.DfmInput, null, i, i, 3);
            var face = graph.Transpose(input, 0, 3, 1, 2);
            var swap = model.ExportSwap(graph, frames == 1 ? face : graph.Concat(1, [.. Enumerable.Repeat(face, (int)frames)]));
            graph.Output(ToChannelsLast(graph, swap.DestinationMask), ExportLayout.DfmOutputs[0], null, r, r, 1);
            graph.Output(ToChannelsLast(graph, swap.Face), ExportLayout.DfmOutputs[1], null, r, r, 3);
            graph.Output(ToChannelsLast(graph, swap.Mask), ExportLayout.DfmOutputs[2], null, r, r, 1);
        }
        else
        {
            // N×(3·frames)×I×I: with three frames, the previous, current and next face's BGR planes in that order.
            var swap = model.ExportSwap(graph, graph.Input(ExportLayout.OnnxInput, null, 3 * frames, i, i));
            graph.Output(swap.Face, ExportLayout.OnnxFace, null, 3, r, r);
            graph.Output(swap.Mask, ExportLayout.OnnxMask, null, 1, r, r);
            graph.Output(swap.DestinationMask, ExportLayout.OnnxDestinationMask, null, 1, r, r);
        }
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "FaceLab",
            ProducerVersion = ToolVersion.Current,
            Graph = graph.Proto,
            DocString = i == r && frames == 1
                ? $"FaceLab {trained.Definition.Name} swap predictor: {trained.FaceType} face, {r} px, BGR in [0, 1]; synthetic media"
                : $"FaceLab {trained.Definition.Name} swap predictor: {trained.FaceType} face, {i} px in ({frames} frames: previous, current, next), {r} px out, BGR in [0, 1]; synthetic media",
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxGraph.Opset });
        foreach (var (key, value) in Metadata(trained))
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return proto;
    }

    private static OnnxValue ToChannelsLast(OnnxGraph graph, OnnxValue nchw) => graph.Transpose(nchw, 0, 2, 3, 1);

    /// <summary>What a user of the file needs to cut faces for it, and where it came from.</summary>
    private static IEnumerable<(string Key, string Value)> Metadata(TrainedModel model) =>
    [
        ("facelab.model_type", model.Definition.Name),
        ("facelab.model", Path.GetFileName(Path.TrimEndingDirectorySeparator(model.Folder))),
        ("facelab.face_type", model.FaceType.ToString()),
        ("facelab.resolution", model.Resolution.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("facelab.input_resolution", model.InputResolution.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("facelab.temporal_frames", model.TemporalFrames.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("facelab.iteration", model.Iteration.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("facelab.channels", "BGR"),
    ];
}
