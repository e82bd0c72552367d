using FaceLab.Common;
using FaceLab.Faces.Alignment;
using FaceLab.Training.Devices;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using OpenCvSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceLab.Training.Inference;

/// <summary>
/// A saved model opened for inference only: the weights of its last complete checkpoint, in
/// evaluation mode, with no face sets, optimizer or sample pipeline. Predicts from aligned faces
/// of any size (resized to <see cref="InputResolution"/>; cut them with <see cref="FaceType"/>) in any
/// direction, in batches; predictions are at <see cref="Resolution"/>. A model that reads motion
/// (<see cref="TemporalFrames"/> 3) takes each face with its neighbour frames' (<see cref="FaceFrames"/>). Thread-safe: concurrent callers take turns on the model. Opening while a
/// training run saves into the same folder is safe: it reads whichever checkpoint was complete.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    private const int OpenAttempts = 5;
    private readonly FaceSwapModel _model;
    private readonly Lock _gate = new();

    private TrainedModel(string folder, ModelSpec spec, ModelDefinition definition, ModelOptions options, FaceSwapModel model, string checkpoint, long iteration, DateTimeOffset savedAt)
    {
        Folder = folder;
        Spec = spec;
        Definition = definition;
        Options = options;
        _model = model;
        Checkpoint = checkpoint;
        Iteration = iteration;
        SavedAt = savedAt;
    }

    /// <summary>The model folder.</summary>
    public string Folder { get; }

    /// <summary>The model's <c>model.json</c>.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The model type.</summary>
    public ModelDefinition Definition { get; }

    /// <summary>The model's options.</summary>
    public ModelOptions Options { get; }

    /// <summary>Side of the square faces the model reads and writes.</summary>
    public int Resolution => Options.Resolution;

    /// <summary>Side of the square faces the model reads (faces are resized to it): <see cref="Resolution"/> except for AVATAR's 64 px.</summary>
    public int InputResolution => _model.InputResolution;

    /// <summary>Video frames the model reads per face: 1, or 3 (previous, current, next) for a temporal model.</summary>
    public int TemporalFrames => _model.TemporalFrames;

    /// <summary>The crop the model expects: cut faces from frames with this face type.</summary>
    public FaceType FaceType => Options.FaceType;

    /// <summary>The checkpoint folder the weights came from.</summary>
    public string Checkpoint { get; }

    /// <summary>The iteration of the loaded checkpoint.</summary>
    public long Iteration { get; }

    /// <summary>The model folder's name and the loaded iteration (<c>demo_DF#1346</c>): frames a merge journal names another identity of are merged again.</summary>
    public string Identity => $"{System.IO.Path.GetFileName(Folder)}#{Iteration}";

    /// <summary>When the loaded checkpoint was saved.</summary>
    public DateTimeOffset SavedAt { get; }

    /// <summary>Faces per forward pass; larger inputs are split (default 16).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>
    /// Opens the model folder <paramref name="folder"/> (<c>model/NAME_TYPE</c>) on <paramref name="device"/>
    /// (the CPU by default). <paramref name="definition"/> overrides the registry's model type (for model
    /// types that are not registered).
    /// </summary>
    public static TrainedModel Open(string folder, DeviceSelection? device = null, ModelDefinition? definition = null)
    {
        var specPath = Path.Combine(folder, ModelSpec.FileName);
        if (!File.Exists(specPath))
            throw new FaceLabException(folder, "is not a model folder (no model.json)", "train a model first, or check the name");
        var spec = ModelSpec.Load(folder);
        definition ??= ModelRegistry.Get(spec.ModelType);
        var options = spec.OptionsFor(definition, specPath);
        var target = TorchDevices.Resolve(device ?? DeviceSelection.Cpu)[0];
        var store = new CheckpointStore(folder);
        for (var attempt = 1; ; attempt++)
        {
            var checkpoint = store.Current ?? throw new FaceLabException(folder, "has no saved checkpoint yet", "let training run until its first save");
            var model = definition.Create(options);
            try
            {
                // The state first: a checkpoint whose folder vanished under a concurrent save fails here or on the weights.
                var state = CheckpointFiles.ReadState(checkpoint);
                WeightsFile.Load(model, Path.Combine(checkpoint, CheckpointFiles.Weights));
                model.to(target);
                model.eval();
                return new TrainedModel(folder, spec, definition, options, model, checkpoint, state.Iteration, state.SavedAt);
            }
            catch (Exception e) when (attempt < OpenAttempts && e is FileNotFoundException or DirectoryNotFoundException)
            {
                // A training run replaced that checkpoint while we read it: take the new one.
                model.Dispose();
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
    }

    /// <summary>
    /// Predicts for aligned faces (BGR, 8-bit or float, any size). For the swap
    /// (<see cref="PredictionDirection.DestinationToSource"/>) <see cref="FacePrediction.DestinationMask"/> is the
    /// dst path's mask of the same face; for the reconstructions it is the predicted mask. A temporal
    /// model reads each face as its own previous and next frame.
    /// </summary>
    public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<Mat> bgrFaces, PredictionDirection direction = PredictionDirection.DestinationToSource) =>
        Run(bgrFaces.Count, (start, count) => ImageTensors.BatchFromBgr([.. bgrFaces.Skip(start).Take(count)], InputResolution), direction);

    /// <summary>
    /// As <see cref="Predict(IReadOnlyList{Mat}, PredictionDirection)"/>, each face with its previous and next
    /// frames' faces; a model that reads one frame uses only <see cref="FaceFrames.Current"/>.
    /// </summary>
    public IReadOnlyList<FacePrediction> Predict(IReadOnlyList<FaceFrames> faces, PredictionDirection direction = PredictionDirection.DestinationToSource)
    {
        if (TemporalFrames == 1) return Predict([.. faces.Select(f => f.Current)], direction);
        return Run(faces.Count, (start, count) =>
        {
            var chunk = faces.Skip(start).Take(count).Select(f => f.InOrder).ToList();
            // Frame k of every face, N×3×I×I each, stacked on the channels: previous, current, next.
            var frames = Enumerable.Range(0, 3).Select(k => ImageTensors.BatchFromBgr([.. chunk.Select(f => f[k])], InputResolution)).ToList();
            return cat(frames, 1);
        }, direction);
    }

    private List<FacePrediction> Run(int total, Func<int, int, Tensor> inputs, PredictionDirection direction)
    {
        var results = new List<FacePrediction>(total);
        for (var start = 0; start < total; start += BatchSize)
        {
            var count = Math.Min(BatchSize, total - start);
            using var scope = NewDisposeScope();
            var input = inputs(start, count);
            FaceOutput output;
            Tensor? destinationMask = null;
            lock (_gate)
            {
                using var noGrad = no_grad();
                var onDevice = input.to(_model.Device);
                if (direction == PredictionDirection.DestinationToSource) (output, destinationMask) = _model.ForwardSwap(onDevice);
                else output = _model.Forward(direction, onDevice);
            }
            for (var n = 0; n < count; n++)
            {
                var mask = ImageTensors.ToFloat01Mat(output.Mask, n);
                results.Add(new FacePrediction(ImageTensors.ToFloat01Mat(output.Face, n), mask, destinationMask is null ? mask : ImageTensors.ToFloat01Mat(destinationMask, n)));
            }
        }
        return results;
    }

    /// <summary>Runs <paramref name="action"/> on the loaded model while no prediction runs (export reads its layers and weights).</summary>
    internal T Use<T>(Func<FaceSwapModel, T> action)
    {
        lock (_gate) return action(_model);
    }

    /// <summary>Releases the model's weights.</summary>
    public void Dispose() => _model.Dispose();
}
