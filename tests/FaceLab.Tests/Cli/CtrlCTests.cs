using FaceLab.Tests.Support;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Sessions;

namespace FaceLab.Tests.Cli;

/// <summary>Ctrl+C in long commands, each in its own process: a bounded stop, what was done kept, exit 130.</summary>
[Collection(SignalTimingCollection.Name)]
public class CtrlCTests(DemoFaceSetsFixture faces) : IClassFixture<DemoFaceSetsFixture>
{
    [Fact]
    public async Task CtrlCDuringADefaultDfStepSavesWhatWasTrainedAndExits130()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "model", "model_DF");
        // The default DF at 128 px: a step takes seconds on 2 cores, far beyond any fixed grace period.
        using var process = CliProcess.Start(temp.Path, "train", "--model", "DF", "--src", faces.Source, "--dst", faces.Destination,
            "--workspace", temp.Path, "--backups", "0");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!File.Exists(Path.Combine(folder, ModelSpec.FileName)) && DateTime.UtcNow < deadline && !process.HasExited) await Task.Delay(50);
        await Task.Delay(TimeSpan.FromSeconds(30)); // model built, steps under way
        Assert.False(process.HasExited, "train ended before it was interrupted");

        MediaOracle.Run("kill", "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Task.Delay(500);
        MediaOracle.Run("kill", "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)); // a second Ctrl+C only waits
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(); // never leave a 6 GB trainer behind a failed test
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {await stderr}");
        var saved = long.Parse(Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, @"saved at iteration (\d+)")).Groups[1].Value);
        var current = new CheckpointStore(folder).Current!;
        Assert.Equal(saved, ModelFolder.Open(folder).Iteration);
        Assert.True(File.Exists(Path.Combine(current, "weights.bin")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(folder, "checkpoints"), ".saving-*"));
        TrainCliTests.RequirePreviewAndLossChart(folder);
    }

    [Fact]
    public async Task CtrlCStopsExtractionCleanlyWithExitCode130()
    {
        using var temp = new TempFolder();
        using var process = CliProcess.Start(temp.Path, "video", "extract", TestPaths.DemoSourceVideo, "--out", temp.Combine("frames"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var staging = temp.Combine("frames", ".extract.partial");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(Directory.Exists(staging) && Directory.GetFiles(staging, "*", SearchOption.AllDirectories).Length > 50) && DateTime.UtcNow < deadline && !process.HasExited)
            await Task.Delay(50);
        Assert.False(process.HasExited, "extraction finished before it could be interrupted");

        MediaOracle.Run("kill", "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(130, process.ExitCode);
        var message = await stderr;
        Assert.Contains("facelab: stopped", message);
        Assert.DoesNotContain("kept", message); // frame extraction keeps nothing: the folder is as it was
        await stdout;
        Assert.Empty(Directory.GetFileSystemEntries(temp.Combine("frames")));
    }
}
