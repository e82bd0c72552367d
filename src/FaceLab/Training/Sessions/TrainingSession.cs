using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using FaceLab.Common;
using FaceLab.FaceSets;
using FaceLab.Training.Devices;
using FaceLab.Training.Losses;
using FaceLab.Training.Trainers;
using FaceLab.Training.Models;
using FaceLab.Training.Samples;
using OpenCvSharp;
using static TorchSharp.torch;

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
    private ModelTrainer _trainer;
    private readonly CheckpointStore _checkpoints;
    private readonly Lock _modelLock = new();
    private ResourceLock? _lock;
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
        string folder, ModelDefinition definition, ModelSpec spec, ModelOptions modelOptions, TrainingSessionOptions options,
        FaceSwapModel model, IFaceSet source, IFaceSet destination, TrainingMonitor monitor)
    {
        Folder = folder;
        Definition = definition;
        Spec = spec;
        ModelOptions = modelOptions;
        _options = options;
        Monitor = monitor;
        _model = model;
        var devices = TorchDevices.Resolve(options.Device);
        _parallel = new DataParallelModel(_model, devices, () => definition.Create(modelOptions));
        _trainer = definition.CreateTrainer(_parallel, options.Optimizer);
        _checkpoints = new CheckpointStore(folder);
        _initialState = Snapshot();

        var recipe = definition.Samples(modelOptions);
        // The budget is shared in proportion to what each set would take, so when both fit, both are kept whole.
        var sourceAll = FaceCropCache.BytesFor(source.Count, recipe.Source);
        var destinationAll = FaceCropCache.BytesFor(destination.Count, recipe.Destination);
        var sourceShare = (long)(options.CropCacheBudget * ((double)sourceAll / Math.Max(1, sourceAll + destinationAll)));
        _sourceFaces = new FaceCropCache(source, recipe.Source, sourceShare);
        _destinationFaces = new FaceCropCache(destination, recipe.Destination, options.CropCacheBudget - sourceShare);
        _destinationSamples = new SampleBatchFactory(_destinationFaces, recipe.Destination, BatchSize, SeedOf(spec.Seed, 2));
        var sourceChooser = recipe.SourceChooser?.Invoke(_destinationSamples, new FaceYaws(_sourceFaces));
        // A colour transfer recolours src samples towards random dst faces.
        var colorReference = Imaging.ColorTransfer.ColorTransfers.IsNone(recipe.Source.ColorTransfer) ? null : _destinationFaces;
        _sourceSamples = new SampleBatchFactory(_sourceFaces, recipe.Source, BatchSize, SeedOf(spec.Seed, 1), sourceChooser, colorReference);
        _preview = new PreviewFaces(_sourceFaces, _destinationFaces, spec, recipe);
        Losses = new LossHistory();
        Monitor.Losses = Losses;
    }

    /// <summary>The model folder (full path).</summary>
    public string Folder { get; }

    /// <summary>The model's <c>model.json</c>.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The model type being trained.</summary>
    public ModelDefinition Definition { get; }

    /// <summary>The model's options, as saved in <c>model.json</c>.</summary>
    public ModelOptions ModelOptions { get; }

    /// <summary>The model's resolution in pixels.</summary>
    public int Resolution => ModelOptions.Resolution;

    /// <summary>Status, losses and requests while the session runs.</summary>
    public TrainingMonitor Monitor { get; }

    /// <summary>Steps applied since the model was created.</summary>
    public long Iteration { get; private set; }

    /// <summary>Index of the next sample batch: equals <see cref="Iteration"/> unless a roll-back skipped batches.</summary>
    public long NextBatch { get; private set; }

    /// <summary>Losses of every iteration so far.</summary>
    public LossHistory Losses { get; private set; }

    /// <summary>The batch size of this run.</summary>
    public int BatchSize => _options.BatchSize ?? Spec.BatchSize;

    /// <summary>Bytes of face crops kept in memory at most (src and dst together).</summary>
    public long CropCacheBytes => _sourceFaces.MaxBytes + _destinationFaces.MaxBytes;

    /// <summary>Bytes the crops of every src and dst face would take: above <see cref="CropCacheBytes"/>, crops are made again from their files.</summary>
    public long CropBytesForAllFaces => _sourceFaces.BytesForAllFaces + _destinationFaces.BytesForAllFaces;

    /// <summary>Crops made from their files so far, and dropped to stay within <see cref="CropCacheBytes"/>.</summary>
    public (long Built, long Dropped) CropCacheActivity => (_sourceFaces.Built + _destinationFaces.Built, _sourceFaces.Dropped + _destinationFaces.Dropped);

    /// <summary>Test hook: returns true for the batch indices whose targets should be poisoned with NaN.</summary>
    internal Func<long, bool>? PoisonBatch { get; set; }

    /// <summary>Test hook: returns true for the batch indices after whose step one weight is set to NaN.</summary>
    internal Func<long, bool>? PoisonWeightsAfter { get; set; }

    /// <summary>Test hook: called right after a roll-back restored the weights.</summary>
    internal Action? RolledBack { get; set; }

    /// <summary>
    /// Opens <c>&lt;modelsRoot&gt;/&lt;name&gt;_&lt;modelType&gt;</c>, creating it with <paramref name="newOptions"/> (or the
    /// model's defaults) the first time; later runs reuse the saved options (null) and refuse another
    /// architecture, but take changed training options (e.g. SAEHD's pretrain, GAN power), which the
    /// model type adopts and <c>model.json</c> keeps.
    /// </summary>
    public static TrainingSession Open(
        string modelsRoot, string modelType, string name, ModelOptions? newOptions,
        IFaceSet source, IFaceSet destination, TrainingSessionOptions options, TrainingMonitor? monitor = null) =>
        Open(modelsRoot, ModelRegistry.Get(modelType), name, newOptions, source, destination, options, monitor);

    /// <summary>As <see cref="Open(string, string, string, ModelOptions?, IFaceSet, IFaceSet, TrainingSessionOptions, TrainingMonitor?)"/> for any model type, registered or not.</summary>
    public static TrainingSession Open(
        string modelsRoot, ModelDefinition definition, string name, ModelOptions? newOptions,
        IFaceSet source, IFaceSet destination, TrainingSessionOptions options, TrainingMonitor? monitor = null)
    {
        options.Validate();
        if (source.Count == 0) throw new FaceLabException(source.Location, "no faces to train on", "extract the src faces first");
        if (destination.Count == 0) throw new FaceLabException(destination.Location, "no faces to train on", "extract the dst faces first");
        var folder = ModelFolder.PathOf(modelsRoot, name, definition);
        var specPath = Path.Combine(folder, ModelSpec.FileName);
        ModelSpec spec;
        ModelOptions modelOptions;
        ModelOptions? previousOptions = null;
        if (File.Exists(specPath))
        {
            spec = ModelSpec.Load(folder);
            if (!string.Equals(spec.ModelType, definition.Name, StringComparison.OrdinalIgnoreCase))
                throw new FaceLabException(folder, $"holds a {spec.ModelType} model, not {definition.Name}", "train under another name");
            modelOptions = spec.OptionsFor(definition, specPath);
            if (newOptions is not null && newOptions.ArchitectureText() != modelOptions.ArchitectureText())
                throw new FaceLabException(folder, $"was created as '{modelOptions.ArchitectureText()}' and cannot change to '{newOptions.ArchitectureText()}'", "train under another name");
            if (newOptions is not null && definition.WriteOptions(newOptions).ToJsonString() != definition.WriteOptions(modelOptions).ToJsonString())
            {
                newOptions.Validate(definition.Name);
                (previousOptions, modelOptions) = (modelOptions, newOptions);
                spec = spec.WithOptions(definition, newOptions);
            }
        }
        else
        {
            modelOptions = newOptions ?? definition.Defaults;
            // Validated before the folder exists: a refused option leaves nothing behind to block the corrected run.
            modelOptions.Validate(definition.Name);
            spec = ModelSpec.Create(definition, name, modelOptions, options.Seed, options.BatchSize ?? 8,
                PreviewFaces.Choose(source, options.PreviewRows), PreviewFaces.Choose(destination, options.PreviewRows));
        }
        // Writable now, not at the first save hours later; and one training run per model at a time.
        AtomicOutput.EnsureWritableFolder(folder, folder);
        var held = ResourceLock.Acquire(folder, "train");
        TrainingSession? session = null;
        try
        {
            var model = definition.Create(modelOptions, spec.Seed);
            session = new TrainingSession(folder, definition, spec, modelOptions, options, model, source, destination, monitor ?? new TrainingMonitor());
            session._lock = held;
            session.RequireRoomForASave();
            if (!File.Exists(specPath)) spec.Save(folder);
            session.LoadCheckpoint();
            if (previousOptions is not null)
            {
                session.AdoptOptions(previousOptions);
                spec.Save(folder);
            }
            return session;
        }
        catch
        {
            // The session owns the lock once it exists; before that, release it here.
            if (session is not null) session.Dispose();
            else held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains until <see cref="TrainingSessionOptions.TargetIteration"/>, a stop request or
    /// cancellation, then saves. Writes the console line <c>[hh:mm:ss][#iter][ms][src loss][dst loss]</c>.
    /// </summary>
    /// <returns>False when the model was already at the target: nothing was trained or saved.</returns>
    public bool Run(TextWriter log, CancellationToken ct)
    {
        var started = _options.BudgetClock.GetTimestamp();
        var lastSave = Stopwatch.StartNew();
        var lastBackup = Stopwatch.StartNew();
        var savedAt = Iteration;
        var rollbacks = 0;
        ExceptionDispatchInfo? failure = null;
        if (Iteration >= _options.TargetIteration)
        {
            // Nothing to train, so nothing to save: the checkpoint on disk stays as it is.
            log.WriteLine($"[{Clock()}][#{Iteration:D6}] the model is already at iteration {Iteration}, at or past the target {_options.TargetIteration}: nothing to train");
            Publish(TrainingState.Stopped, 0, null);
            return false;
        }
        StartGenerators(ct);
        Publish(TrainingState.Training, 0, null);
        try
        {
            while (!ct.IsCancellationRequested && !(Iteration >= _options.TargetIteration) && !(_options.BudgetClock.GetElapsedTime(started).TotalMinutes >= _options.MaxMinutes))
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
                // A step can leave non-finite weights although its loss was finite (an exploding update): never save those.
                if (!losses.Applied || !WeightsAreFinite())
                {
                    if (++rollbacks > 3)
                        throw new FaceLabException(Folder, $"training diverged {rollbacks} times since the last save, even after rolling back", "lower the learning rate or check the face sets");
                    var restored = RollBack();
                    var why = losses.Applied ? "weights became non-finite" : $"loss was {losses.Source}/{losses.Destination}";
                    log.WriteLine($"[{Clock()}][#{Iteration:D6}] {why}: step skipped, weights rolled back to iteration {restored}");
                    Publish(TrainingState.Training, timer.Elapsed.TotalMilliseconds, $"{why}: rolled back to iteration {restored}");
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
                Publish(TrainingState.Training, ms, null);
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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            StopGenerators();
        }
        // Whatever ended the loop, what was trained is saved: a failed backup or preview must not cost the work since the last save.
        try
        {
            Save(log);
        }
        catch (FaceLabException) when (failure is not null)
        {
            // The first failure is the one to report; the previous checkpoint is intact.
        }
        Publish(TrainingState.Stopped, 0, null);
        failure?.Throw();
        return true;
    }

    /// <summary>Test hook: sets one weight to NaN, as an exploding update would.</summary>
    internal void PoisonWeights()
    {
        lock (_modelLock)
            using (no_grad()) _model.parameters().First().view(-1)[0].fill_(float.NaN);
    }

    /// <summary>True when every weight is a finite number: only such weights are saved.</summary>
    public bool WeightsAreFinite()
    {
        lock (_modelLock)
        {
            using var scope = NewDisposeScope();
            return _model.parameters().All(p => p.isfinite().all().item<bool>());
        }
    }

    /// <summary>Saves the checkpoint (weights, optimizer, losses, state) atomically, then the preview and loss chart.</summary>
    public void Save(TextWriter? log = null)
    {
        if (!WeightsAreFinite())
            throw new FaceLabException(Folder, "the weights are not finite numbers: the save was refused and the last checkpoint kept", "lower the learning rate");
        lock (_modelLock)
            _checkpoints.Save(Iteration, dir => CheckpointFiles.Write(dir, _model, _trainer, Losses, new CheckpointState(Iteration, NextBatch, DateTimeOffset.UtcNow)));
        WritePreview(history: false);
        using (var chart = LossChart.Render(Losses.Snapshot()))
        {
            Cv2.ImEncode(".png", chart, out var png);
            AtomicOutput.WriteAllBytes(Path.Combine(Folder, "loss.png"), png);
        }
        _lastSave = DateTimeOffset.UtcNow;
        log?.WriteLine($"[{Clock()}][#{Iteration:D6}] saved {Folder}");
        Publish(TrainingState.Training, 0, "saved", saved: true);
    }

    /// <summary>Saves and keeps a backup of the current state; its name, or null when there is nothing to back up.</summary>
    public string? Backup(TextWriter? log = null)
    {
        var backup = _checkpoints.Backup(_options.Backups);
        if (backup is not null) log?.WriteLine($"[{Clock()}][#{Iteration:D6}] backup {backup}");
        return backup;
    }

    /// <summary>The preview grid of the fixed preview faces: src, src→src, dst, dst→dst, dst→src.</summary>
    public Mat RenderPreview()
    {
        lock (_modelLock) return _preview.Render(_model, _parallel.PrimaryDevice, Resolution);
    }

    /// <summary>
    /// Predicts src→src, dst→dst or the swap dst→src for NCHW BGR faces in [0, 1] (see
    /// <see cref="Inference.ImageTensors"/>). Waits for the step in flight, so it never disturbs training;
    /// to run a saved model without training it, use <see cref="Inference.TrainedModel"/>.
    /// </summary>
    internal FaceOutput Predict(PredictionDirection direction, Tensor faces)
    {
        lock (_modelLock) return _model.Predict(direction, faces.to(_parallel.PrimaryDevice));
    }

    private StepLosses Train(SampleBatch source, SampleBatch destination)
    {
        using var scope = NewDisposeScope();
        var sourceTarget = tensor(source.Targets, source.ImageShape);
        if (PoisonBatch?.Invoke(source.Index) == true) sourceTarget = zeros_like(sourceTarget) / zeros_like(sourceTarget); // 0/0: NaN
        var batch = new TrainingBatch(
            tensor(source.Inputs, source.InputShape), new FaceTarget(sourceTarget, tensor(source.Masks, source.MaskShape), tensor(source.FeatureMasks, source.MaskShape)),
            tensor(destination.Inputs, destination.InputShape),
            new FaceTarget(tensor(destination.Targets, destination.ImageShape), tensor(destination.Masks, destination.MaskShape), tensor(destination.FeatureMasks, destination.MaskShape)));
        lock (_modelLock)
        {
            var losses = _trainer.TrainStep(batch);
            if (PoisonWeightsAfter?.Invoke(source.Index) == true) PoisonWeights();
            return losses;
        }
    }

    /// <summary>The model type adopts training options changed since the last run; a fresh trainer when it asks for one.</summary>
    private void AdoptOptions(ModelOptions previous)
    {
        if (!Definition.AdoptOptions(_model, previous, ModelOptions)) return;
        _trainer.Dispose();
        _trainer = Definition.CreateTrainer(_parallel, _options.Optimizer);
        _parallel.BroadcastWeights();
    }

    private void LoadCheckpoint()
    {
        if (_checkpoints.Current is not { } dir) return;
        (Losses, var state) = CheckpointFiles.Read(dir, _model, _trainer);
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
            // A fresh trainer is the initial optimizer state: the bad step's moments must go too.
            _trainer.Dispose();
            _trainer = Definition.CreateTrainer(_parallel, _options.Optimizer);
            Iteration = 0;
            Losses.TruncateAfter(0);
        }
        else
        {
            LoadCheckpoint();
        }
        _parallel.BroadcastWeights();
        NextBatch = nextBatch;
        RolledBack?.Invoke();
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
        _preview.Write(preview, Folder, history ? Iteration : null, _options.PreviewHistoryLimit);
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

    private void Publish(TrainingState state, double ms, string? message, bool saved = false)
    {
        // Called every step: no copy of the loss history and no file-system look-up here.
        var last = Losses.Last;
        Monitor.Publish(new TrainingStatus(Folder, Iteration, ms, last?.Source, last?.Destination, state, _lastSave,
            _lastSave is null ? null : Path.Combine(Folder, "preview.jpg"), message), saved);
    }

    /// <summary>The weights as <c>weights.bin</c> holds them.</summary>
    internal byte[] Snapshot()
    {
        using var stream = new MemoryStream();
        WeightsFile.Save(_model, stream);
        return stream.ToArray();
    }

    private static int SeedOf(int seed, int stream) => unchecked(seed * 7919 + stream);

    private static string Clock() => DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// Bytes one checkpoint takes: the weights and the trainer's state (Adam keeps two moments per
    /// weight), measured from the model's parameters.
    /// </summary>
    public long CheckpointBytes => _model.parameters().Sum(p => p.numel()) * sizeof(float) * 3 + Losses.Count * 12L + 4096;

    /// <summary>Free bytes where the model is saved.</summary>
    public long FreeBytes => new DriveInfo(Path.GetFullPath(Folder)).AvailableFreeSpace;

    /// <summary>A save writes a whole new checkpoint before the old one goes: refuse to start when it cannot fit.</summary>
    private void RequireRoomForASave()
    {
        if (FreeBytes < CheckpointBytes + CheckpointBytes / 10)
            throw new FaceLabException(Folder, $"a checkpoint takes {CheckpointBytes / 1048576.0:0} MB but only {FreeBytes / 1048576.0:0} MB are free",
                "free disk space or train elsewhere");
    }

    /// <summary>Releases the model, the optimizer, the sample workers and the folder lock.</summary>
    public void Dispose()
    {
        StopGenerators();
        _sourceFaces.Dispose();
        _destinationFaces.Dispose();
        _trainer.Dispose();
        _parallel.Dispose();
        _model.Dispose();
        _lock?.Dispose();
    }
}
