using FaceLab.Common;
using FaceLab.Tests.Support;
using FaceLab.Training.Export;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using OpenCvSharp;
using Xunit.Abstractions;

namespace FaceLab.Tests.Training.Export;

/// <summary>
/// <c>model export</c>: for every registered model type, ONNX Runtime running the exported file
/// gives what the inference API gives on real demo faces; the dfm file keeps DeepFaceLive's contract.
/// </summary>
[Collection(ExportCollection.Name)]
public class ExportTests(ExportModelsFixture models, ITestOutputHelper output)
{
    /// <summary>float32 export against the inference API: the same arithmetic in another runtime.</summary>
    private const float Tolerance = 1e-4f;

    /// <summary>
    /// Half-precision weights against the float32 inference API: the weights' rounding (relative 2⁻¹¹)
    /// carried through the layers must stay under a quarter of one 8-bit level (1/255). Measured on
    /// the tiny models: at most 1.3e-5 (SAEHD).
    /// </summary>
    private const float HalfTolerance = 1e-3f;

    /// <summary>Every registered model type (SAEHD at its default archi, liae-ud).</summary>
    public static TheoryData<string> ModelNames() => [.. ModelRegistry.Names];

    private static readonly string[] OnnxOutputs = ["swap_face", "swap_mask", "dst_mask"];

    private static readonly string[] DfmOutputs = ["out_face_mask:0", "out_celeb_face:0", "out_celeb_face_mask:0"];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Onnx_and_dfm_exports_equal_the_inference_api_on_real_faces(string name)
    {
        using var model = models.Open(name);
        ExpectExportsEqualTheInferenceApi(model, name);
    }

    /// <summary>SAEHD's other layout: df with its own dst decoder, depth-to-space heads, pixel norm and the extra blocks (encoder, bottleneck).</summary>
    [Fact]
    public void SAEHD_df_udt_exports_equal_the_inference_api_on_real_faces()
    {
        var saehd = ModelRegistry.Get("SAEHD");
        var options = (SaehdOptions)saehd.Preset(ModelPresets.Tiny) with { Archi = "df-udt" };
        using var model = TrainedModel.Open(models.Trained(saehd, options));
        ExpectExportsEqualTheInferenceApi(model, "SAEHD df-udt");
    }

    /// <summary>AVATAR rendering 128 px from its 64 px input: the dst path's mask is enlarged in the graph too.</summary>
    [Fact]
    public void AVATAR_at_128_px_exports_equal_the_inference_api_on_real_faces()
    {
        var avatar = ModelRegistry.Get("AVATAR");
        using var model = TrainedModel.Open(models.Trained(avatar, avatar.Preset(ModelPresets.Tiny) with { Resolution = 128 }));
        ExpectExportsEqualTheInferenceApi(model, "AVATAR 128");
    }

    private void ExpectExportsEqualTheInferenceApi(TrainedModel model, string name)
    {
        using var temp = new TempFolder();
        var (faces, predictions) = models.Predicted(model, 4);
        var (r, i, frames) = (model.Resolution, model.InputResolution, model.TemporalFrames);
        // A temporal model (AVATAR) reads each face with two other real faces as its previous and next frames.
        var neighboured = faces.Select((f, n) => new FaceFrames(f, faces[(n + 1) % faces.Count], faces[(n + 2) % faces.Count])).ToList();
        var temporalPredictions = frames == 1 ? predictions : model.Predict(neighboured);

        var onnx = ModelExporter.Export(model, temp.Combine("m.onnx"), new ExportOptions());
        using (var batch = TorchSharp.torch.cat([.. Enumerable.Range(0, frames).Select(k => ImageTensors.BatchFromBgr([.. neighboured.Select(f => frames == 1 ? f.Current : f.InOrder[k])], i))], 1))
        {
            var outputs = OnnxRun.Run(onnx.Path, "face", batch.data<float>().ToArray(), [faces.Count, 3 * frames, i, i]);
            Assert.Equal(OnnxOutputs, outputs.Select(o => o.Name));
            Assert.Equal([faces.Count, 3L, r, r], outputs[0].Shape);
            Expect(outputs[0].Data, OnnxRun.ChannelsFirst([.. temporalPredictions.Select(p => p.Face)]), Tolerance, name, "onnx face");
            Expect(outputs[1].Data, OnnxRun.ChannelsFirst([.. temporalPredictions.Select(p => p.PredictedMask)]), Tolerance, name, "onnx mask");
            Expect(outputs[2].Data, OnnxRun.ChannelsFirst([.. temporalPredictions.Select(p => p.DestinationMask)]), Tolerance, name, "onnx dst mask");
        }

        var dfm = ModelExporter.Export(model, temp.Combine("m.dfm"), new ExportOptions { Format = ExportFormat.Dfm });
        // The dfm file takes one face (DeepFaceLive's contract): a temporal model reads it as all three frames, as Predict(faces) does.
        var dfmOutputs = RunDfm(dfm.Path, faces, i);
        Assert.Equal(DfmOutputs, dfmOutputs.Select(o => o.Name));
        Assert.Equal([faces.Count, r, r, 3L], dfmOutputs[1].Shape);
        ExpectDfm(dfmOutputs, predictions, Tolerance, name);
        var repeat = frames == 1 ? 0 : 1;
        Assert.True(onnx.Nodes > 20 && dfm.Nodes == onnx.Nodes + 4 + repeat, $"{onnx.Nodes} and {dfm.Nodes} operators"); // dfm: three transposes out, one in (and a concat of the frames)
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Half_precision_weights_halve_the_file_and_stay_within_the_stated_bound(string name)
    {
        using var model = models.Open(name);
        using var temp = new TempFolder();
        var (faces, predictions) = models.Predicted(model, 2);
        var full = ModelExporter.Export(model, temp.Combine("full.dfm"), new ExportOptions { Format = ExportFormat.Dfm });
        var half = ModelExporter.Export(model, temp.Combine("half.dfm"), new ExportOptions { Format = ExportFormat.Dfm, HalfPrecisionWeights = true });
        Assert.InRange(half.Bytes, full.Bytes * 0.45, full.Bytes * 0.6);
        var outputs = RunDfm(half.Path, faces, model.InputResolution);
        var worst = ExpectDfm(outputs, predictions, HalfTolerance, name);
        // The rounding is there: the half file is not the float file under another name.
        Assert.True(worst > Tolerance / 100, $"{name}: fp16 differs by only {worst}");
    }

    [Fact]
    public void The_dfm_file_has_exactly_DeepFaceLives_inputs_outputs_shapes_and_opset()
    {
        using var model = models.Open("Quick96");
        using var temp = new TempFolder();
        var dfm = ModelExporter.Export(model, temp.Combine("q.dfm"), new ExportOptions { Format = ExportFormat.Dfm });

        var proto = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(dfm.Path));
        Assert.Equal(7, proto.IrVersion);
        var opset = Assert.Single(proto.OpsetImport);
        Assert.Equal(("", 12L), (opset.Domain, opset.Version));
        var input = Assert.Single(proto.Graph.Input);
        Assert.Equal("in_face:0", input.Name);
        Assert.Equal(["N", "96", "96", "3"], Dims(input));
        Assert.Equal(DfmOutputs, proto.Graph.Output.Select(o => o.Name));
        Assert.Equal([["N", "96", "96", "1"], ["N", "96", "96", "3"], ["N", "96", "96", "1"]], proto.Graph.Output.Select(Dims));
        Assert.All(proto.Graph.Input.Concat(proto.Graph.Output), v => Assert.Equal((int)Onnx.TensorProto.Types.DataType.Float, v.Type.TensorType.ElemType));
        Assert.All(proto.Graph.Node, n => Assert.Equal("", n.Domain)); // standard operators only
        var metadata = proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(("full", "96", "Quick96"), (metadata["facelab.face_type"], metadata["facelab.resolution"], metadata["facelab.model_type"]));

        // What DeepFaceLive's loader reads: the first input's name and its H, W from dimensions 1 and 2.
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(dfm.Path);
        Assert.Equal(["in_face:0"], session.InputNames);
        Assert.Equal([-1, 96, 96, 3], session.InputMetadata["in_face:0"].Dimensions);
        Assert.Equal(DfmOutputs, session.OutputNames);
        Assert.Equal([-1, 96, 96, 1], session.OutputMetadata["out_face_mask:0"].Dimensions);
    }

    [Fact]
    public void A_model_type_whose_layers_write_no_graph_is_a_clear_error_and_leaves_no_file()
    {
        var toy = new FaceLab.Tests.Training.Plugins.ToyModelTests.ToyDefinition();
        using var model = TrainedModel.Open(models.Trained(toy), definition: toy);
        using var temp = new TempFolder();
        var error = Assert.Throws<FaceLabException>(() => ModelExporter.Export(model, temp.Combine("toy.onnx"), new ExportOptions()));
        Assert.Equal("Toy", error.Subject);
        Assert.Contains("cannot be exported", error.Message);
        Assert.Empty(Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories));
    }

    private static List<(string Name, float[] Data, long[] Shape)> RunDfm(string path, List<Mat> faces, int resolution)
    {
        var input = faces.Select(f => ImageTensors.ToBgrFloat01(f, resolution)).ToList();
        try
        {
            return OnnxRun.Run(path, "in_face:0", OnnxRun.ChannelsLast(input), [faces.Count, resolution, resolution, 3]);
        }
        finally
        {
            input.ForEach(m => m.Dispose());
        }
    }

    /// <summary>The dfm outputs (dst mask, face, face mask; NHWC) against the predictions; returns the largest difference.</summary>
    private float ExpectDfm(List<(string Name, float[] Data, long[] Shape)> outputs, IReadOnlyList<FacePrediction> predictions, float tolerance, string name) =>
        new[]
        {
            Expect(outputs[0].Data, OnnxRun.ChannelsLast(predictions.Select(p => p.DestinationMask)), tolerance, name, "dfm dst mask"),
            Expect(outputs[1].Data, OnnxRun.ChannelsLast(predictions.Select(p => p.Face)), tolerance, name, "dfm face"),
            Expect(outputs[2].Data, OnnxRun.ChannelsLast(predictions.Select(p => p.PredictedMask)), tolerance, name, "dfm face mask"),
        }.Max();

    private float Expect(float[] actual, float[] expected, float tolerance, string name, string what)
    {
        var difference = OnnxRun.MaxDifference(actual, expected);
        output.WriteLine($"{name} {what}: max |ONNX Runtime − inference API| = {difference:G3}");
        Assert.True(difference <= tolerance, $"{name} {what}: {difference} > {tolerance}");
        return difference;
    }

    private static string[] Dims(Onnx.ValueInfoProto value) =>
        [.. value.Type.TensorType.Shape.Dim.Select(d => d.ValueCase == Onnx.TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam ? d.DimParam : d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
