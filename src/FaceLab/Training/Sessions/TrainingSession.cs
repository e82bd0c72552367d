using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FaceLab.Common;
using FaceLab.Training.Devices;
using FaceLab.Training.Losses;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;
using FaceLab.Training.Samples;
using OpenCvSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using FaceLab.FaceSets;

namespace FaceLab.Training.Sessions;

/// <summary>
/// A model being trained (DeepFaceLab's step 6): its folder <c>model/&lt;name&gt;_&lt;Type&gt;/</c>, the model,
/// optimizer, loss history and sample generators, restored from the last checkpoint when there
/// is one. <see cref="Run"/> trains until the target iteration or a stop, saving on the way.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly FaceSwapModel _model;
    private readonly DataParallelModel _parallel;
    private readonly Adam _optimizer;
    private readonly FaceLoss _loss;
    private readonly TrainingStep _step;
    private readonly CheckpointStore _checkpoints;
    private readonly TrainingSessionOptions _options;
    private readonly FaceCropCache _sourceFaces;
    private readonly FaceCropCache _destinationFaces;
    private readonly SampleBatchFactory _sourceSamples;
    private readonly SampleBatchFactory _destinationSamples;
    private readonly PreviewFaces _preview;
    private readonly byte[] _initialState;
    private SampleGenerator? _sourceGenerator;
    private SampleGenerator? _destinationGenerator;
    private DateTimeOffset? _lastSave;

    private TrainingSession(
        string folder, ModelSpec spec, TrainingSessionOptions options, FaceSwapModel model, IFaceSet source, IFaceSet destination, TrainingMonitor monitor)
    {
        Folder = folder;
        Spec = spec;
        _options = options;
        Monitor = monitor;
        _model = model;
        var devices = TorchDevices.Resolve(options.Device);
        _parallel = new DataParallelModel(_model, devices, () => ModelRegistry.Get(spec.ModelType).Create(spec.Options));
        _optimizer = options.Optimizer.Create(_model.parameters());
        _loss = new FaceLoss(spec.Resolution, new LossOptions(), devices[0]);
        _step = new TrainingStep(_parallel, _optimizer, _loss);
        _checkpoints = new CheckpointStore(folder);
        _initialState = Snapshot();

        var sampleOptions = new SampleOptions { Resolution = spec.Resolution, FaceType = spec.Options.FaceType };
        _sourceFaces = new FaceCropCache(source, sampleOptions);
        _destinationFaces = new FaceCropCache(destination, sampleOptions);
        _sourceSamples = new SampleBatchFactory(_sourceFaces, sampleOptions, BatchSize, SeedOf(spec.Seed, 1));
        _destinationSamples = new SampleBatchFactory(_destinationFaces, sampleOptions, BatchSize, SeedOf(spec.Seed, 2));
        _preview = new PreviewFaces(_sourceFaces, _destinationFaces, spec, sampleOptions);
        Losses = new LossHistory();
        Monitor.Losses = Losses;
    }

    public string Folder { get; }

    public ModelSpec Spec { get; }

    public TrainingMonitor Monitor { get; }

    /// <summary>Steps applied since the model was created.</summary>
    public long Iteration { get; private set; }

    /// <summary>Index of the next sample batch: equals <see cref="Iteration"/> unless a roll-back skipped batches.</summary>
    public long NextBatch { get; private set; }

    public LossHistory Losses { get; private set; }

    public int BatchSize => _options.BatchSize ?? Spec.BatchSize;

    /// <summary>Test hook: returns true for the batch indices whose targets should be poisoned with NaN.</summary>
    internal Func<long, bool>? PoisonBatch { get; set; }

    /// <summary>
    /// Opens <c>&lt;modelsRoot&gt;/&lt;name&gt;_&lt;modelType&gt;</c>, creating it with <paramref name="newOptions"/> (or the
    /// model's defaults) the first time; later runs reuse the saved options and refuse different ones.
    /// </summary>
    public static TrainingSession Open(
        string modelsRoot, string modelType, string name, AutoencoderOptions? newOptions,
        IFaceSet source, IFaceSet destination, TrainingSessionOptions options, TrainingMonitor? monitor = null)
    {
        var descriptor = ModelRegistry.Get(modelType);
        if (source.Count == 0) throw new FaceLabException($"{source.Location}: no faces to train on (extract them with facelab faces extract)");
        if (destination.Count == 0) throw new FaceLabException($"{destination.Location}: no faces to train on (extract them with facelab faces extract)");
        var folder = Path.Combine(modelsRoot, ModelSpec.FolderName(name, descriptor.Name));
        ModelSpec spec;
        if (File.Exists(Path.Combine(folder, ModelSpec.FileName)))
        {
            spec = ModelSpec.Load(folder);
            if (spec.ModelType != descriptor.Name)
                throw new FaceLabException($"{folder}: holds a {spec.ModelType} model, not {descriptor.Name}");
            if (newOptions is not null && newOptions.ArchitectureText() != spec.Options.ArchitectureText())
                throw new FaceLabException($"{folder}: was created as '{spec.Options.ArchitectureText()}' and cannot change to '{newOptions.ArchitectureText()}'; train under another --name");
        }
        else
        {
            AtomicOutput.EnsureWritableFolder(folder, folder);
            var modelOptions = newOptions ?? descriptor.Defaults;
            spec = ModelSpec.Create(descriptor.Name, name, modelOptions, options.Seed, options.BatchSize ?? 8,
                PreviewFaces.Choose(source, options.PreviewRows), PreviewFaces.Choose(destination, options.PreviewRows));
            spec.Save(folder);
        }
        manual_seed(spec.Seed); // the same seed gives the same initial weights
        var model = descriptor.Create(spec.Options);
        var session = new TrainingSession(folder, spec, options, model, source, destination, monitor ?? new TrainingMonitor());
        session.LoadCheckpoint();
        return session;
    }

    /// <summary>
    /// Trains until <see cref="TrainingSessionOptions.TargetIteration"/>, a stop request or
    /// cancellation, then saves. Writes the console line <c>[hh:mm:ss][#iter][ms][src loss][dst loss]</c>.
    /// </summary>
    public void Run(TextWriter log, CancellationToken ct)
    {
        var running = Stopwatch.StartNew();
        var lastSave = Stopwatch.StartNew();
        var lastBackup = Stopwatch.StartNew();
        var savedAt = Iteration;
        var rollbacks = 0;
        StartGenerators(ct);
        Publish("training", 0, null);
        try
        {
            while (!ct.IsCancellationRequested && !(Iteration >= _options.TargetIteration) && !(running.Elapsed.TotalMinutes >= _options.MaxMinutes))
            {
                if (HandleRequests(log)) break;
                SampleBatch source, destination;
                try
                {
                    source = _sourceGenerator!.Next(ct);
                    destination = _destinationGenerator!.Next(ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                var timer = Stopwatch.StartNew();
                var losses = Train(source, destination);
                NextBatch++;
                if (!losses.Applied)
                {
                    if (++rollbacks > 3)
                        throw new FaceLabException($"{Folder}: the loss was not finite {rollbacks} times since the last save, even after rolling back; lower the learning rate or check the face sets");
                    var restored = RollBack();
                    log.WriteLine($"[{Clock()}][#{Iteration:D6}] loss was {losses.Source}/{losses.Destination}: step skipped, weights rolled back to iteration {restored}");
                    Publish("training", timer.Elapsed.TotalMilliseconds, $"non-finite loss: rolled back to iteration {restored}");
                    continue;
                }
                Iteration++;
                Losses.Add(new LossPoint(Iteration, (float)losses.Source, (float)losses.Destination));
                var ms = timer.Elapsed.TotalMilliseconds;
                if (Iteration % _options.ReportEvery == 0)
                {
                    var (s, d) = Losses.RecentMean(_options.ReportEvery);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Clock()}][#{Iteration:D6}][{ms:0}ms][{s:0.0000}][{d:0.0000}]"));
                }
                Publish("training", ms, null);
                if (_options.WritePreviewHistory && Iteration % _options.PreviewHistoryEvery == 0) WritePreview(history: true);
                if (lastSave.Elapsed.TotalMinutes >= _options.AutosaveMinutes || Iteration - savedAt >= (_options.AutosaveIterations ?? long.MaxValue))
                {
                    Save(log);
                    savedAt = Iteration;
                    rollbacks = 0;
                    lastSave.Restart();
                }
                if (_options.Backups > 0 && lastBackup.Elapsed.TotalMinutes >= _options.BackupMinutes)
                {
                    Backup(log);
                    lastBackup.Restart();
                }
            }
        }
        finally
        {
            StopGenerators();
        }
        Save(log);
        Publish("stopped", 0, null);
    }

    /// <summary>Saves the checkpoint (weights, optimizer, losses, state) atomically, then the preview and loss chart.</summary>
    public void Save(TextWriter? log = null)
    {
        _checkpoints.Save(Iteration, dir => CheckpointFiles.Write(dir, _model, _optimizer, Losses, new CheckpointState(Iteration, NextBatch, DateTimeOffset.UtcNow)));
        WritePreview(history: false);
        using (var chart = LossChart.Render(Losses.Snapshot()))
        {
            Cv2.ImEncode(".png", chart, out var png);
            AtomicOutput.WriteAllBytes(Path.Combine(Folder, "loss.png"), png);
        }
        _lastSave = DateTimeOffset.UtcNow;
        log?.WriteLine($"[{Clock()}][#{Iteration:D6}] saved {Folder}");
        Publish("training", 0, "saved", saved: true);
    }

    public string? Backup(TextWriter? log = null)
    {
        var backup = _checkpoints.Backup(_options.Backups);
        if (backup is not null) log?.WriteLine($"[{Clock()}][#{Iteration:D6}] backup {backup}");
        return backup;
    }

    /// <summary>The preview grid of the fixed preview faces: src, src→src, dst, dst→dst, dst→src.</summary>
    public Mat RenderPreview() => _preview.Render(_model, _parallel.PrimaryDevice, Spec.Resolution);

    /// <summary>Predicts src→src, dst→dst or the swap dst→src for NCHW BGR faces in [0, 1].</summary>
    public FaceOutput Predict(PredictionDirection direction, Tensor faces) => _model.Predict(direction, faces.to(_parallel.PrimaryDevice));

    private StepLosses Train(SampleBatch source, SampleBatch destination)
    {
        using var scope = NewDisposeScope();
        var sourceTarget = tensor(source.Targets, source.ImageShape);
        if (PoisonBatch?.Invoke(source.Index) == true) sourceTarget = zeros_like(sourceTarget) / zeros_like(sourceTarget); // 0/0: NaN
        var batch = new TrainingBatch(
            tensor(source.Inputs, source.ImageShape), new FaceTarget(sourceTarget, tensor(source.Masks, source.MaskShape), tensor(source.FeatureMasks, source.MaskShape)),
            tensor(destination.Inputs, destination.ImageShape),
            new FaceTarget(tensor(destination.Targets, destination.ImageShape), tensor(destination.Masks, destination.MaskShape), tensor(destination.FeatureMasks, destination.MaskShape)));
        return _step.Run(batch);
    }

    private void LoadCheckpoint()
    {
        if (_checkpoints.Current is not { } dir) return;
        (Losses, var state) = CheckpointFiles.Read(dir, _model, _optimizer);
        Monitor.Losses = Losses;
        Iteration = state.Iteration;
        NextBatch = state.NextBatch;
        _lastSave = state.SavedAt;
    }

    /// <summary>Back to the last checkpoint (or the initial weights); the sample sequence moves on, so the bad batch is not replayed.</summary>
    private long RollBack()
    {
        var nextBatch = NextBatch;
        if (_checkpoints.Current is null)
        {
            using var stream = new MemoryStream(_initialState);
            WeightsFile.Load(_model, stream, "initial weights");
            Iteration = 0;
            Losses.TruncateAfter(0);
        }
        else
        {
            LoadCheckpoint();
        }
        _parallel.BroadcastWeights();
        NextBatch = nextBatch;
        return Iteration;
    }

    private bool HandleRequests(TextWriter log)
    {
        while (Monitor.TryTake(out var request))
        {
            switch (request)
            {
                case TrainingRequest.Save: Save(log); break;
                case TrainingRequest.Backup: Save(log); Backup(log); break;
                case TrainingRequest.Stop: return true;
            }
        }
        return false;
    }

    private void WritePreview(bool history)
    {
        using var preview = RenderPreview();
        _preview.Write(preview, Folder, history ? Iteration : null);
    }

    private void StartGenerators(CancellationToken ct)
    {
        var generator = new SampleGeneratorOptions { Workers = _options.SampleWorkers, FirstBatch = NextBatch };
        _sourceGenerator = new SampleGenerator(_sourceSamples, generator, ct);
        _destinationGenerator = new SampleGenerator(_destinationSamples, generator, ct);
    }

    private void StopGenerators()
    {
        _sourceGenerator?.Dispose();
        _destinationGenerator?.Dispose();
        _sourceGenerator = _destinationGenerator = null;
    }

    private void Publish(string state, double ms, string? message, bool saved = false)
    {
        // Called every step: no copy of the loss history and no file-system look-up here.
        var last = Losses.Last;
        Monitor.Publish(new TrainingStatus(Folder, Iteration, ms, last?.Source, last?.Destination, state, _lastSave,
            _lastSave is null ? null : Path.Combine(Folder, "preview.jpg"), message), saved);
    }

    private byte[] Snapshot()
    {
        using var stream = new MemoryStream();
        WeightsFile.Save(_model, stream);
        return stream.ToArray();
    }

    private static int SeedOf(int seed, int stream) => unchecked(seed * 7919 + stream);

    private static string Clock() => DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        StopGenerators();
        _sourceFaces.Dispose();
        _destinationFaces.Dispose();
        _loss.Dispose();
        _optimizer.Dispose();
        _parallel.Dispose();
        _model.Dispose();
    }
}
