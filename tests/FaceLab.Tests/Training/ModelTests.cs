using FaceLab.Common;
using FaceLab.Training;
using FaceLab.Training.Devices;
using FaceLab.Training.Losses;
using FaceLab.Training.Models;
using FaceLab.Training.Optimization;
using static TorchSharp.torch;

namespace FaceLab.Tests.Training;

/// <summary>Every registered model in its tiny configuration on the CPU, on real faces.</summary>
public class ModelTests
{
    public static TheoryData<string> ModelNames() => [.. ModelRegistry.Names];

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Predicts_all_three_directions_at_its_resolution(string name)
    {
        var descriptor = ModelRegistry.Get(name);
        using var model = descriptor.Create(descriptor.TinyPreset());
        using var scope = NewDisposeScope();
        var r = descriptor.Defaults.Resolution;
        var (faces, _) = RealFaces.Batch(r, 2);

        foreach (var direction in Enum.GetValues<PredictionDirection>())
        {
            var output = model.Predict(direction, faces);
            Assert.Equal([2L, 3, r, r], output.Face.shape);
            Assert.Equal([2L, 1, r, r], output.Mask.shape);
            Assert.InRange(output.Face.min().item<float>(), 0, 1);
            Assert.InRange(output.Mask.max().item<float>(), 0, 1);
        }
        var pair = model.Reconstruct(faces, faces);
        Assert.Equal([2L, 3, r, r], pair.Source.Face.shape);
        Assert.Equal([2L, 1, r, r], pair.Destination.Mask.shape);
        Assert.True(model.training, "Predict restores training mode");
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Parameter_groups_cover_every_weight_once(string name)
    {
        var descriptor = ModelRegistry.Get(name);
        using var model = descriptor.Create(descriptor.TinyPreset());
        var grouped = model.ParameterGroups().SelectMany(g => g.Parameters).Sum(p => p.numel());
        Assert.Equal(model.parameters().Sum(p => p.numel()), grouped);
        Assert.Equal(model.ParameterGroups().Count, model.ParameterGroups().Select(g => g.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Adam_steps_on_a_fixed_batch_lower_the_loss(string name)
    {
        var descriptor = ModelRegistry.Get(name);
        using var model = descriptor.Create(descriptor.TinyPreset(), seed: 5);
        var r = model.Resolution;
        var (src, srcMask) = RealFaces.Batch(r, 2);
        var (dst, dstMask) = RealFaces.Batch(r, 2, offset: 2);
        var batch = new TrainingBatch(src, new FaceTarget(src, srcMask), dst, new FaceTarget(dst, dstMask));
        using var optimizer = new AdamOptions { LearningRate = 1e-3 }.Create(model.parameters());
        using var loss = new FaceLoss(r);
        using var parallel = new DataParallelModel(model);
        var step = new TrainingStep(parallel, optimizer, loss);

        var losses = Enumerable.Range(0, 8).Select(_ => step.Run(batch)).ToList();

        Assert.All(losses, l => Assert.True(l.Applied));
        Assert.True(losses[^1].Total < losses[0].Total * 0.97, $"{name}: loss {losses[0].Total:F4} → {losses[^1].Total:F4}");
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Saved_weights_load_into_a_fresh_model_with_identical_outputs(string name)
    {
        var descriptor = ModelRegistry.Get(name);
        using var trained = descriptor.Create(descriptor.TinyPreset(), seed: 1);
        using var fresh = descriptor.Create(descriptor.TinyPreset(), seed: 2);
        using var scope = NewDisposeScope();
        var (faces, _) = RealFaces.Batch(trained.Resolution, 2);
        using var stream = new MemoryStream();

        WeightsFile.Save(trained, stream);
        stream.Position = 0;
        WeightsFile.Load(fresh, stream, "memory");

        foreach (var direction in Enum.GetValues<PredictionDirection>())
        {
            var expected = trained.Predict(direction, faces);
            var actual = fresh.Predict(direction, faces);
            Assert.True(expected.Face.equal(actual.Face).all().item<bool>(), $"{name} {direction} face");
            Assert.True(expected.Mask.equal(actual.Mask).all().item<bool>(), $"{name} {direction} mask");
        }
    }

    [Fact]
    public void Optimizer_state_round_trips_so_a_resumed_step_matches()
    {
        var descriptor = ModelRegistry.Get("DF");
        var options = descriptor.TinyOptions() with { Resolution = 64 };
        var (faces, masks) = RealFaces.Batch(64, 2);
        var batch = new TrainingBatch(faces, new FaceTarget(faces, masks), faces, new FaceTarget(faces, masks));
        using var model = descriptor.Create(options, seed: 3);
        using var optimizer = new AdamOptions().Create(model.parameters());
        using var loss = new FaceLoss(64);
        using var parallel = new DataParallelModel(model);
        new TrainingStep(parallel, optimizer, loss).Run(batch);
        using var weights = new MemoryStream();
        using var state = new MemoryStream();
        WeightsFile.Save(model, weights);
        OptimizerStateFile.Save(optimizer, state);
        var uninterrupted = new TrainingStep(parallel, optimizer, loss).Run(batch);

        using var resumed = descriptor.Create(options);
        weights.Position = 0;
        WeightsFile.Load(resumed, weights, "weights");
        using var resumedOptimizer = new AdamOptions().Create(resumed.parameters());
        state.Position = 0;
        OptimizerStateFile.Load(resumedOptimizer, state, "state");
        using var resumedParallel = new DataParallelModel(resumed);
        var afterResume = new TrainingStep(resumedParallel, resumedOptimizer, loss).Run(batch);

        Assert.Equal(uninterrupted.Total, afterResume.Total);
    }

    [Fact]
    public void Weights_of_another_resolution_are_refused()
    {
        var df = ModelRegistry.Get("DF");
        using var at128 = df.Create(df.TinyOptions());
        using var at64 = df.Create(df.TinyOptions() with { Resolution = 64 });
        using var stream = new MemoryStream();
        WeightsFile.Save(at128, stream);
        stream.Position = 0;

        var error = Assert.Throws<FaceLabException>(() => WeightsFile.Load(at64, stream, "df128.weights"));

        Assert.Contains("df128.weights", error.Message);
        Assert.Contains("res=128", error.Message);
        Assert.Contains("res=64", error.Message);
    }

    [Fact]
    public void Weights_of_another_architecture_with_the_same_shapes_are_refused()
    {
        // H128 and DF have identical layers; only the face type and the name tell them apart.
        var h128 = ModelRegistry.Get("H128");
        var df = ModelRegistry.Get("DF");
        using var half = h128.Create(h128.TinyOptions());
        using var full = df.Create(df.TinyOptions());
        using var stream = new MemoryStream();
        WeightsFile.Save(half, stream);
        stream.Position = 0;

        var error = Assert.Throws<FaceLabException>(() => WeightsFile.Load(full, stream, "h128.weights"));

        Assert.Contains("H128", error.Message);
        Assert.Contains("DF", error.Message);
    }

    [Fact]
    public void Garbage_is_not_taken_for_weights()
    {
        var df = ModelRegistry.Get("DF");
        using var model = df.Create(df.TinyOptions());
        using var stream = new MemoryStream([1, 2, 3]);
        Assert.Throws<FaceLabException>(() => WeightsFile.Load(model, stream, "junk"));
    }

    [Fact]
    public void Signature_names_architecture_and_every_width()
    {
        var h64 = ModelRegistry.Get("H64").Create();
        using var _ = h64;
        Assert.Equal("H64 v1 res=64 face=half e=128 ae=1024 inter=1024 up=512 d=128", h64.Signature.ToString());
    }
}
