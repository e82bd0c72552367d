using FaceLab.Common;
using FaceLab.Tests.Support;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Tests.Training.Sessions;

public class TrainingSessionTests(DemoFaceSetsFixture faces) : IClassFixture<DemoFaceSetsFixture>
{
    private static readonly AutoencoderOptions Tiny = ModelRegistry.Get("DF").TinyOptions() with { Resolution = 64 };

    private static TrainingSessionOptions Run(long target) => new()
    {
        BatchSize = 4,
        TargetIteration = target,
        AutosaveMinutes = 1e9,
        Backups = 0,
        ReportEvery = 1,
        PreviewRows = 3,
        Seed = 7,
    };

    private TrainingSession Open(string models, TrainingSessionOptions options, AutoencoderOptions? model = null) =>
        TrainingSession.Open(models, "DF", "test", model ?? Tiny, faces.SourceSet, faces.DestinationSet, options);

    [Fact]
    public void ResumingFromASaveContinuesBitExactly()
    {
        var straight = faces.NewModelsFolder();
        using (var session = Open(straight, Run(6))) session.Run(TextWriter.Null, CancellationToken.None);

        var resumed = faces.NewModelsFolder();
        using (var session = Open(resumed, Run(3))) session.Run(TextWriter.Null, CancellationToken.None);
        using (var session = Open(resumed, Run(6)))
        {
            Assert.Equal(3, session.Iteration);
            session.Run(TextWriter.Null, CancellationToken.None);
        }

        var a = LastLosses(straight);
        var b = LastLosses(resumed);
        Assert.Equal(12, a.Length); // 6 iterations × (src, dst)
        Assert.Equal(a, b); // same seed, same batches, restored weights and Adam state: identical losses
    }

    [Fact]
    public void TheTimeBudgetIsCountedOnTheGivenClock()
    {
        // Each reading of this clock is a minute later and the loop reads it before each step: 1 and 2
        // minutes in, it trains; at 3 the 2.5-minute budget is spent, however long the steps took on the
        // wall clock (a benchmark counts CPU time this way).
        var minutePerReading = new SteppingClock(TimeSpan.FromMinutes(1));
        var models = faces.NewModelsFolder();
        using var session = Open(models, Run(1000) with { MaxMinutes = 2.5, BudgetClock = minutePerReading });

        session.Run(TextWriter.Null, CancellationToken.None);

        Assert.Equal(2, session.Iteration);
        Assert.True(File.Exists(Path.Combine(session.Folder, "model.json")));
    }

    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _now, step.Ticks);
    }

    [Fact]
    public void SavesCheckpointPreviewAndLossChartInTheModelFolder()
    {
        var models = faces.NewModelsFolder();
        using var session = Open(models, Run(4));
        var log = new StringWriter();

        session.Run(log, CancellationToken.None);

        var folder = Path.Combine(models, "test_DF");
        Assert.Equal(session.Folder, folder);
        Assert.True(File.Exists(Path.Combine(folder, "model.json")));
        Assert.Matches(@"\[\d\d:\d\d:\d\d\]\[#000004\]\[\d+ms\]\[\d+\.\d{4}\]\[\d+\.\d{4}\]", log.ToString());
        using var preview = Cv2.ImRead(Path.Combine(folder, "preview.jpg"));
        Assert.Equal(new Size(5 * 64, 24 + 3 * 64), preview.Size());
        using var chart = Cv2.ImRead(Path.Combine(folder, "loss.png"));
        Assert.False(chart.Empty());
        Assert.Equal(4, session.Monitor.Status!.Iteration);
        Assert.Equal(4, session.Monitor.Losses!.Count);
    }

    [Fact]
    public void ANonFiniteLossRollsBackInsteadOfSavingGarbage()
    {
        var models = faces.NewModelsFolder();
        using var session = Open(models, Run(5) with { AutosaveIterations = 2 });
        session.PoisonBatch = batch => batch == 3; // the 4th batch
        var log = new StringWriter();

        session.Run(log, CancellationToken.None);

        Assert.Contains("rolled back to iteration 2", log.ToString());
        Assert.Equal(5, session.Iteration);
        Assert.All(session.Losses.Snapshot(), p => Assert.True(float.IsFinite(p.Source) && float.IsFinite(p.Destination)));
    }

    [Fact]
    public void AModelRefusesOtherOptionsAndTheWrongType()
    {
        var models = faces.NewModelsFolder();
        using (var session = Open(models, Run(1))) session.Run(TextWriter.Null, CancellationToken.None);

        var resolution = Assert.Throws<FaceLabException>(() => Open(models, Run(2), Tiny with { Resolution = 96 }));
        Assert.Contains("cannot change", resolution.Message);

        File.Copy(Path.Combine(models, "test_DF", "model.json"), Path.Combine(Directory.CreateDirectory(Path.Combine(models, "test_H64")).FullName, "model.json"));
        var type = Assert.Throws<FaceLabException>(() => TrainingSession.Open(models, "H64", "test", null, faces.SourceSet, faces.DestinationSet, Run(2)));
        Assert.Contains("holds a DF model", type.Message);
    }

    [Fact]
    public void AnInterruptedSaveLeavesThePreviousCheckpointLoadable()
    {
        var models = faces.NewModelsFolder();
        using (var session = Open(models, Run(2))) session.Run(TextWriter.Null, CancellationToken.None);
        var store = new CheckpointStore(Path.Combine(models, "test_DF"));
        var good = store.Current;

        // A save that dies half-way (as a kill would), leaving a half-written folder behind.
        var failed = Assert.Throws<FaceLabException>(() => store.Save(3, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "weights.bin"), "half");
            throw new IOException("killed");
        }));
        Assert.Equal("killed", Assert.IsType<IOException>(failed.InnerException).Message);
        Directory.CreateDirectory(Path.Combine(models, "test_DF", "checkpoints", ".saving-leftover"));
        File.WriteAllText(Path.Combine(models, "test_DF", "checkpoints", ".saving-leftover", "weights.bin"), "half");

        Assert.Equal(good, store.Current);
        using var reopened = Open(models, Run(3));
        Assert.Equal(2, reopened.Iteration);
    }

    [Fact]
    public void AStopRequestEndsTheRunWithASave()
    {
        var models = faces.NewModelsFolder();
        using var session = Open(models, Run(1000));
        session.Monitor.Request(TrainingRequest.Stop);

        session.Run(TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, session.Iteration);
        Assert.NotNull(new CheckpointStore(session.Folder).Current);
    }

    [Fact]
    public void TrainsFromAPackedFaceSetLikeFromTheFolder()
    {
        using var temp = new TempFolder();
        var pack = FaceLab.FaceSets.Packing.FaceSetPacker.Pack(faces.Source, temp.Combine("src.pak"), overwrite: false);
        using var packed = FaceLab.FaceSets.Packing.FaceSet.Open(temp.Combine("src.pak")) as IDisposable;
        var folderModels = faces.NewModelsFolder();
        var packModels = faces.NewModelsFolder();
        using (var session = Open(folderModels, Run(2))) session.Run(TextWriter.Null, CancellationToken.None);
        using (var session = TrainingSession.Open(packModels, "DF", "test", Tiny, (FaceLab.FaceSets.IFaceSet)packed!, faces.DestinationSet, Run(2)))
            session.Run(TextWriter.Null, CancellationToken.None);

        Assert.Equal(LastLosses(folderModels), LastLosses(packModels)); // same faces, same order, same batches
    }

    [Fact]
    public void BackupsRotate()
    {
        var models = faces.NewModelsFolder();
        using var session = Open(models, Run(1) with { Backups = 2 });
        session.Run(TextWriter.Null, CancellationToken.None);
        var names = Enumerable.Range(0, 3).Select(_ => session.Backup()).ToList(); // back to back: names must not collide
        Assert.Equal(3, names.Distinct().Count());
        Assert.Equal(2, new CheckpointStore(session.Folder).Backups.Count);
    }

    [Fact]
    public void NonFiniteWeightsRollBackToTheSavedWeights()
    {
        var models = faces.NewModelsFolder();
        using var session = Open(models, Run(5) with { AutosaveIterations = 2 });
        session.PoisonWeightsAfter = batch => batch == 3; // the 4th step leaves a NaN weight behind a finite loss
        byte[]? restored = null, saved = null;
        string? checkpoint = null;
        session.RolledBack = () =>
        {
            restored = session.Snapshot();
            checkpoint = new CheckpointStore(session.Folder).Current!;
            saved = File.ReadAllBytes(Path.Combine(checkpoint, "weights.bin"));
        };
        var log = new StringWriter();

        session.Run(log, CancellationToken.None);

        Assert.Contains("weights became non-finite: step skipped, weights rolled back to iteration 2", log.ToString());
        // The fault landed (the roll-back ran) and the weights it restored are byte for byte those saved at iteration 2.
        Assert.NotNull(restored);
        Assert.Equal("000000002", Path.GetFileName(checkpoint));
        Assert.Equal(saved, restored);
        Assert.Equal(5, session.Iteration);
        Assert.True(session.WeightsAreFinite());
    }

    [Fact]
    public void ASaveOfNonFiniteWeightsIsRefusedAndTheCheckpointKept()
    {
        var models = faces.NewModelsFolder();
        using (var session = Open(models, Run(2)))
        {
            session.Run(TextWriter.Null, CancellationToken.None);
            var current = new CheckpointStore(session.Folder).Current!;
            var saved = File.ReadAllBytes(Path.Combine(current, "weights.bin"));
            session.PoisonWeights();
            Assert.False(session.WeightsAreFinite()); // the fault is in place
            var refused = Assert.Throws<FaceLabException>(() => session.Save());
            Assert.Contains("not finite", refused.Message);
            Assert.Equal(current, new CheckpointStore(session.Folder).Current);
            Assert.Equal(saved, File.ReadAllBytes(Path.Combine(current, "weights.bin")));
        }
        using (var more = Open(models, Run(3)))
        {
            more.PoisonWeightsAfter = _ => true;
            more.RolledBack = () => { };
            var error = Assert.Throws<FaceLabException>(() => more.Run(TextWriter.Null, CancellationToken.None));
            Assert.Contains("diverged", error.Message);
        }
        using var reopened = Open(models, Run(3));
        Assert.Equal(2, reopened.Iteration);
        Assert.True(reopened.WeightsAreFinite());
    }

    [Fact]
    public void AFailureInTheLoopStillSavesWhatWasTrained()
    {
        var models = faces.NewModelsFolder();
        using var session = Open(models, Run(3) with { Backups = 2 });
        File.WriteAllText(Path.Combine(session.Folder, "backups"), "a file where the backups folder goes");
        session.Monitor.Request(TrainingRequest.Backup);

        Assert.ThrowsAny<IOException>(() => session.Run(TextWriter.Null, CancellationToken.None));

        Assert.Equal(0, session.Iteration); // the failing backup was the first thing the loop did
        Assert.NotNull(new CheckpointStore(session.Folder).Current);
        // The error path ends like any other: the preview and loss chart of the save are written too.
        Assert.True(File.Exists(Path.Combine(session.Folder, "preview.jpg")));
        Assert.True(File.Exists(Path.Combine(session.Folder, "loss.png")));
    }

    [Fact]
    public void AnEmptyOrDamagedCurrentPointerFallsBackToTheNewestCompleteCheckpoint()
    {
        var models = faces.NewModelsFolder();
        using (var session = Open(models, Run(2))) session.Run(TextWriter.Null, CancellationToken.None);
        var pointer = Path.Combine(models, "test_DF", "checkpoints", "current");
        foreach (var damage in new[] { "", "../../elsewhere", "/etc", ".saving-x" })
        {
            File.WriteAllText(pointer, damage);
            using var reopened = Open(models, Run(2));
            Assert.Equal(2, reopened.Iteration);
        }
    }

    private static float[] LastLosses(string models)
    {
        var current = new CheckpointStore(Path.Combine(models, "test_DF")).Current!;
        using var stream = File.OpenRead(Path.Combine(current, "losses.bin"));
        return LossHistory.Load(stream, "losses").Snapshot().SelectMany(p => new[] { p.Source, p.Destination }).ToArray();
    }
}
