using System.Runtime.InteropServices;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Samples;
using FaceLab.Training.Sessions;
using Microsoft.ML.OnnxRuntime.Tensors;
using InferenceSession = Microsoft.ML.OnnxRuntime.InferenceSession;
using NamedOnnxValue = Microsoft.ML.OnnxRuntime.NamedOnnxValue;
using OpenCvSharp;

namespace FaceLab.Tests.Training.Export;

/// <summary>The export tests share one <see cref="ExportModelsFixture"/>: the demo faces are extracted and each model trained once.</summary>
[CollectionDefinition(Name)]
public sealed class ExportCollection : ICollectionFixture<ExportModelsFixture>
{
    public const string Name = "export";
}

/// <summary>Tiny models of every registered type trained for one iteration on real demo faces, each once for all export tests.</summary>
public sealed class ExportModelsFixture : IDisposable
{
    private readonly Dictionary<string, string> _trained = new(StringComparer.OrdinalIgnoreCase);

    public DemoFaceSetsFixture Faces { get; } = new();

    /// <summary>The model folder of a tiny <paramref name="definition"/> (or one with <paramref name="options"/>) trained on the demo faces.</summary>
    public string Trained(ModelDefinition definition, ModelOptions? options = null)
    {
        var key = options is null ? definition.Name : $"{definition.Name} {options.ArchitectureText()}";
        lock (_trained)
        {
            if (_trained.TryGetValue(key, out var folder)) return folder;
            options ??= definition is AutoencoderDefinition or SaehdDefinition or AvatarDefinition ? definition.Preset(ModelPresets.Tiny) : definition.Defaults;
            using var session = TrainingSession.Open(Faces.NewModelsFolder(), definition, "x", options, Faces.SourceSet, Faces.DestinationSet, TinyModels.ShortRun(1, seed: 7));
            session.Run(TextWriter.Null, CancellationToken.None);
            return _trained[key] = session.Folder;
        }
    }

    /// <summary>The trained tiny model of the registered type <paramref name="name"/>, opened through the inference API.</summary>
    public TrainedModel Open(string name) => TrainedModel.Open(Trained(ModelRegistry.Get(name)));

    /// <summary>Real dst faces cut for <paramref name="model"/> (its face type, its resolution; 8-bit BGR) and its swap predictions for them.</summary>
    public (List<Mat> Faces, IReadOnlyList<FacePrediction> Predictions) Predicted(TrainedModel model, int count)
    {
        using var cache = new FaceCropCache(Faces.DestinationSet, new SampleOptions { Resolution = model.Resolution, FaceType = model.FaceType, CropMargin = 0 });
        List<Mat> faces = [.. Enumerable.Range(0, count).Select(i => cache.Get(i).Image.Clone())];
        return (faces, model.Predict(faces));
    }

    public void Dispose() => Faces.Dispose();
}

/// <summary>Runs exported files in ONNX Runtime and lays images out as the two export layouts do.</summary>
internal static class OnnxRun
{
    /// <summary>Every output of the file for one input, in the file's output order, with its shape.</summary>
    public static List<(string Name, float[] Data, long[] Shape)> Run(string path, string input, float[] data, int[] shape)
    {
        using var session = new InferenceSession(path);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(data, shape))]);
        return [.. results.Select(r => (r.Name, r.AsEnumerable<float>().ToArray(), r.AsTensor<float>().Dimensions.ToArray().Select(d => (long)d).ToArray()))];
    }

    /// <summary>Images (float, any channel count) one after another, pixels interleaved: NHWC.</summary>
    public static float[] ChannelsLast(IEnumerable<Mat> images) => [.. images.SelectMany(Interleaved)];

    /// <summary>Images one after another, channel planes: NCHW.</summary>
    public static float[] ChannelsFirst(IReadOnlyList<Mat> images)
    {
        var size = images[0].Rows * images[0].Cols * images[0].Channels();
        var planar = new float[images.Count * size];
        for (var n = 0; n < images.Count; n++) ImageTensors.CopyPlanar(images[n], planar, n * size);
        return planar;
    }

    public static float MaxDifference(float[] left, float[] right)
    {
        Assert.Equal(left.Length, right.Length);
        return left.Zip(right, (a, b) => Math.Abs(a - b)).Max();
    }

    private static float[] Interleaved(Mat image)
    {
        using var continuous = image.Clone();
        var data = new float[continuous.Rows * continuous.Cols * continuous.Channels()];
        Marshal.Copy(continuous.Data, data, 0, data.Length);
        return data;
    }
}
