using FaceLab.Tests.Support;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Sessions;

namespace FaceLab.Tests.Cli;

/// <summary><c>facelab train</c> in a separate process: a run, kills at any moment, bad input.</summary>
public class TrainCliTests(DemoFaceSetsFixture faces) : IClassFixture<DemoFaceSetsFixture>
{
    private string[] Train(string workspace, params string[] extra) =>
        ["train", "--model", "DF", "--preset", "tiny", "--src", faces.Source, "--dst", faces.Destination, "--workspace", workspace, "--backups", "0", .. extra];

    [Fact]
    public void TrainsSavesAndResumesFromTheCommandLine()
    {
        using var temp = new TempFolder();
        var first = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "10"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Matches(@"\[#000010\]\[\d+ms\]", first.Stdout);
        var folder = Path.Combine(temp.Path, "model", "model_DF");
        Assert.True(File.Exists(Path.Combine(folder, "preview.jpg")));
        Assert.True(File.Exists(Path.Combine(folder, "loss.png")));

        var second = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "12"));
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("from iteration 10", second.Stdout);
        Assert.Contains("saved at iteration 12", second.Stdout);
    }

    [Fact]
    public async Task AKillAtAnyMomentLeavesTheLastSaveLoadable()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "model", "model_DF");
        foreach (var delay in new[] { 150, 400, 900 })
        {
            using var process = CliProcess.Start(temp.Path, Train(temp.Path, "--target-iter", "100000", "--autosave-iters", "1"));
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (new CheckpointStore(folder).Current is null && DateTime.UtcNow < deadline && !process.HasExited) await Task.Delay(20);
            await Task.Delay(delay); // saves happen every iteration: the kill lands anywhere, also mid-save
            process.Kill(); // SIGKILL: no chance to clean up
            await process.WaitForExitAsync();
            await stdout;
            await stderr;
        }

        var resumed = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "1", "--autosave-iters", "1"));
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Matches(@"from iteration [1-9]\d*", resumed.Stdout);
    }

    /// <summary>
    /// The hands-on finding: H128 (the real size, a 1.2 GB checkpoint) run to its target died with a
    /// segmentation fault after the checkpoint, before preview.jpg and loss.png. Reaching the target
    /// must end like any stop: the libtorch work done, the checkpoint, preview and loss chart written, exit 0.
    /// </summary>
    [Fact]
    public void ARealSizeModelRunToItsTargetExitsZeroWithItsPreviewAndLossChart()
    {
        using var temp = new TempFolder();
        var result = CliProcess.RunWithin(TimeSpan.FromMinutes(10), temp.Path, "train", "--model", "H128", "--src", faces.Source, "--dst", faces.Destination,
            "--workspace", temp.Path, "--backups", "0", "--target-iter", "1");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("saved at iteration 1", result.Stdout);
        var folder = Path.Combine(temp.Path, "model", "model_H128");
        Assert.Equal(1, ModelFolder.Open(folder).Iteration);
        RequirePreviewAndLossChart(folder);
    }

    [Fact]
    public void ARunStoppedByItsMinutesExitsZeroWithItsPreviewAndLossChart()
    {
        using var temp = new TempFolder();
        var result = CliProcess.Run(temp.Path, "train", "--model", "DF", "--preset", "tiny", "--src", faces.Source, "--dst", faces.Destination,
            "--workspace", temp.Path, "--backups", "0", "--minutes", "0.1");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        RequirePreviewAndLossChart(Path.Combine(temp.Path, "model", "model_DF"));
    }

    /// <summary>Both files are there and decode whole (they are written after the checkpoint, last of a save).</summary>
    internal static void RequirePreviewAndLossChart(string folder)
    {
        foreach (var name in new[] { "preview.jpg", "loss.png" })
        {
            var path = Path.Combine(folder, name);
            Assert.True(File.Exists(path), $"{name} is missing");
            using var image = FaceLab.Imaging.ImageDecoding.Read(path);
            Assert.True(image.Width > 0 && image.Height > 0, $"{name} is empty");
        }
    }

    [Theory]
    [InlineData("--target-iter", "-5")]
    [InlineData("--minutes", "-1")]
    [InlineData("--backup-minutes", "0")]
    [InlineData("--autosave-iters", "0")]
    public void TrainingNumbersNoRunCouldUseAreOneLineErrors(string option, string value)
    {
        using var temp = new TempFolder();
        var result = CliProcess.Run(temp.Path, Train(temp.Path, option, value));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("training option", Assert.Single(result.StderrLines));
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "model", "model_DF")));
    }

    [Fact]
    public void ATargetBelowTheModelsIterationTrainsAndSavesNothing()
    {
        using var temp = new TempFolder();
        var first = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "4"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        var folder = Path.Combine(temp.Path, "model", "model_DF");
        var saved = new CheckpointStore(folder).Current;

        var again = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "2"));
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("nothing to train", again.Stdout);
        Assert.Equal(saved, new CheckpointStore(folder).Current); // no new save
    }

    [Fact]
    public void MissingFaceSetIsAOneLineError()
    {
        using var temp = new TempFolder();
        var result = CliProcess.Run(temp.Path, "train", "--model", "DF", "--workspace", temp.Path);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("data_src", line);
        Assert.Contains("folder not found", line);
    }
}
