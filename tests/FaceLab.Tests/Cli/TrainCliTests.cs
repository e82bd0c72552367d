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
