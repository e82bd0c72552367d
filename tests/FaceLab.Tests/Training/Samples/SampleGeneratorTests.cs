using System.Diagnostics;
using FaceLab.Training.Samples;
using FaceLab.FaceSets;

namespace FaceLab.Tests.Training.Samples;

public sealed class SampleGeneratorTests(AlignedFaceSetFixture fixture) : IClassFixture<AlignedFaceSetFixture>
{
    [Fact]
    public async Task SameSeedGivesTheSameBatchesWithAnyNumberOfWorkers()
    {
        var one = await Take(seed: 42, workers: 1, count: 4);
        var two = await Take(seed: 42, workers: 2, count: 4);
        var other = await Take(seed: 43, workers: 2, count: 4);
        for (var b = 0; b < 4; b++)
        {
            Assert.Equal(b, one[b].Index);
            Assert.Equal(b, two[b].Index);
            Assert.Equal(one[b].Inputs, two[b].Inputs);
            Assert.Equal(one[b].Targets, two[b].Targets);
            Assert.Equal(one[b].Masks, two[b].Masks);
            Assert.Equal(one[b].FeatureMasks, two[b].FeatureMasks);
            Assert.NotEqual(one[b].Inputs, other[b].Inputs);
        }
    }

    [Fact]
    public async Task GeneratorKeepsWellAheadOfTheTrainer()
    {
        var options = new SampleOptions { Resolution = 64 };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        using var generator = new SampleGenerator(new SampleBatchFactory(faces, options, 16, seed: 1), new SampleGeneratorOptions { Workers = 2 });
        await generator.NextAsync(); // warm: faces decoded and cropped
        var clock = Stopwatch.StartNew();
        const int batches = 6;
        for (var i = 0; i < batches; i++) await generator.NextAsync();
        var samplesPerSecond = batches * 16 / clock.Elapsed.TotalSeconds;
        // DF at 64 px batch 16 takes ≈ 5 s a step on this machine's CPU: 3.2 samples/s; we want ≥ 3×.
        Assert.True(samplesPerSecond > 3 * 3.2, $"{samplesPerSecond:F1} samples/s");
    }

    [Fact]
    public async Task GeneratorIsCancellableAndStopsPromptly()
    {
        var options = new SampleOptions { Resolution = 64 };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        using var stop = new CancellationTokenSource();
        var generator = new SampleGenerator(new SampleBatchFactory(faces, options, 4, seed: 1), new SampleGeneratorOptions { Workers = 2, Prefetch = 2 }, stop.Token);
        await generator.NextAsync();

        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await generator.NextAsync(cancelled.Token));
        }

        await stop.CancelAsync();
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (true) await generator.NextAsync(); // drains what was ready, then reports the stop
        });
        generator.Dispose();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await generator.NextAsync());
    }

    [Fact]
    public async Task GeneratorRunsAtMostPrefetchBatchesAhead()
    {
        var options = new SampleOptions { Resolution = 32 };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        var factory = new SampleBatchFactory(faces, options, 2, seed: 1);
        using var generator = new SampleGenerator(factory, new SampleGeneratorOptions { Workers = 2, Prefetch = 3 });
        await generator.NextAsync();
        await Task.Delay(500);
        Assert.InRange(generator.Ready, 1, 3);
    }

    [Fact]
    public async Task WorkerFailuresReachTheConsumer()
    {
        var options = new SampleOptions { Resolution = 32 };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        var factory = new SampleBatchFactory(faces, options, 2, seed: 1, chooser: new FailingChooser());
        using var generator = new SampleGenerator(factory);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await generator.NextAsync());
        Assert.Equal("broken chooser", error.Message);
    }

    private async Task<List<SampleBatch>> Take(int seed, int workers, int count)
    {
        var options = new SampleOptions { Resolution = 48 };
        using var faces = new FaceCropCache(FolderFaceSet.Open(fixture.Folder), options);
        using var generator = new SampleGenerator(new SampleBatchFactory(faces, options, 6, seed), new SampleGeneratorOptions { Workers = workers, Prefetch = 3 });
        var batches = new List<SampleBatch>();
        for (var i = 0; i < count; i++) batches.Add(await generator.NextAsync());
        return batches;
    }

    private sealed class FailingChooser : IFaceChooser
    {
        public FaceChoice Choose(long batchIndex, int sampleIndex, SampleRandom random) => throw new InvalidOperationException("broken chooser");
    }
}
