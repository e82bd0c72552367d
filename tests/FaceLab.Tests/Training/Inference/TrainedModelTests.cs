using FaceLab.Tests.Support;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Inference;
using FaceLab.Training.Models;
using FaceLab.Training.Samples;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Tests.Training.Inference;

/// <summary>The inference API: a saved model run on aligned faces without a training session.</summary>
public class TrainedModelTests(DemoFaceSetsFixture faces) : IClassFixture<DemoFaceSetsFixture>
{
    private static TrainingSessionOptions Run(long target) => TinyModels.ShortRun(target, seed: 3);

    private TrainingSession Train(string models, long iterations)
    {
        var definition = ModelRegistry.Get("DF");
        var session = TrainingSession.Open(models, definition, "infer", definition.Preset(ModelPresets.Tiny), faces.SourceSet, faces.DestinationSet, Run(iterations));
        session.Run(TextWriter.Null, CancellationToken.None);
        return session;
    }

    /// <summary>The dst faces as 8-bit crops at <paramref name="resolution"/> (what a merger cuts from frames).</summary>
    private List<Mat> DestinationFaces(int resolution, int count)
    {
        using var cache = new FaceCropCache(faces.DestinationSet, new SampleOptions { Resolution = resolution, FaceType = FaceLab.Faces.Alignment.FaceType.Full, CropMargin = 0 });
        return [.. Enumerable.Range(0, count).Select(i => cache.Get(i).Image.Clone())];
    }

    [Fact]
    public void Reproduces_the_training_sessions_predictions_bit_for_bit()
    {
        var models = faces.NewModelsFolder();
        using var session = Train(models, 3);
        using var model = TrainedModel.Open(session.Folder);
        Assert.Equal(3, model.Iteration);
        Assert.Equal(64, model.Resolution);
        Assert.Equal("full", model.FaceType.ToString());
        var input = DestinationFaces(model.Resolution, 5);

        foreach (var direction in Enum.GetValues<PredictionDirection>())
        {
            var predictions = model.Predict(input, direction);
            using var batch = ImageTensors.BatchFromBgr(input, model.Resolution);
            var expected = session.Predict(direction, batch);
            for (var n = 0; n < input.Count; n++)
            {
                using var face = ImageTensors.ToFloat01Mat(expected.Face, n);
                using var mask = ImageTensors.ToFloat01Mat(expected.Mask, n);
                Assert.Equal(0, Cv2.Norm(face, predictions[n].Face, NormTypes.INF));
                Assert.Equal(0, Cv2.Norm(mask, predictions[n].PredictedMask, NormTypes.INF));
                Assert.Equal(new Size(64, 64), predictions[n].Face.Size());
                Assert.Equal(MatType.CV_32FC3, predictions[n].Face.Type());
                Assert.Equal(MatType.CV_32FC1, predictions[n].DestinationMask.Type());
            }
        }
    }

    [Fact]
    public void Faces_of_any_size_are_resized_and_the_swap_brings_the_dst_mask()
    {
        var models = faces.NewModelsFolder();
        using (Train(models, 2)) { }
        using var model = TrainedModel.Open(Path.Combine(models, "infer_DF"));
        var large = DestinationFaces(200, 2);
        var swapped = model.Predict(large);
        var dst = model.Predict(large, PredictionDirection.DestinationToDestination);
        Assert.All(swapped, p => Assert.Equal(new Size(64, 64), p.Face.Size()));
        // The swap's dst mask is the dst path's mask of the same face.
        Assert.Equal(0, Cv2.Norm(swapped[0].DestinationMask, dst[0].PredictedMask, NormTypes.INF));
        Assert.NotEqual(0, Cv2.Norm(swapped[0].PredictedMask, dst[0].PredictedMask, NormTypes.INF));
    }

    [Fact]
    public void Concurrent_predictions_from_several_threads_equal_sequential_ones()
    {
        var models = faces.NewModelsFolder();
        using (Train(models, 2)) { }
        using var model = TrainedModel.Open(Path.Combine(models, "infer_DF"));
        var input = DestinationFaces(model.Resolution, 6);
        // The same batches as the threads send: batch size changes libtorch's float summation order.
        var sequential = model.Predict(input);

        var parallel = new FacePrediction[4][];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t => parallel[t] = [.. model.Predict(input)]);

        foreach (var results in parallel)
            for (var n = 0; n < input.Count; n++)
                Assert.Equal(0, Cv2.Norm(sequential[n].Face, results[n].Face, NormTypes.INF));
    }

    [Fact]
    public void A_folder_without_a_checkpoint_or_model_is_a_clear_error()
    {
        using var temp = new TempFolder();
        var none = Assert.Throws<FaceLab.Common.FaceLabException>(() => TrainedModel.Open(temp.Path));
        Assert.Contains("not a model folder", none.Message);
    }

    [Fact]
    public async Task Opens_the_last_complete_checkpoint_while_another_process_trains_into_the_folder()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "model", "model_DF");
        using var process = CliProcess.Start(temp.Path, "train", "--model", "DF", "--preset", "tiny", "--src", faces.Source, "--dst", faces.Destination,
            "--workspace", temp.Path, "--backups", "0", "--autosave-iters", "1", "--target-iter", "60");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (new CheckpointStore(folder).Current is null && DateTime.UtcNow < deadline && !process.HasExited) await Task.Delay(20);

        var iterations = new HashSet<long>();
        var opens = 0;
        using var input = DestinationFaces(64, 1)[0];
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            using var model = TrainedModel.Open(folder);
            using var prediction = model.Predict([input])[0];
            Assert.Equal(new Size(64, 64), prediction.Face.Size());
            iterations.Add(model.Iteration);
            opens++;
        }
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr + await stdout);
        // A save every iteration: the reader kept meeting new checkpoints while they were being replaced.
        Assert.True(iterations.Count >= 3, $"{opens} opens saw iterations {string.Join(",", iterations)}");
    }
}
