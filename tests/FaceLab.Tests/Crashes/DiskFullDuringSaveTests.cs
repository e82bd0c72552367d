using System.Security.Cryptography;
using FaceLab.Tests.Support;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Inference;
using FaceLab.Training.Sessions;
using Xunit.Abstractions;

namespace FaceLab.Tests.Crashes;

/// <summary>
/// The disk holding a model fills up while <c>facelab train</c> runs (a tmpfs of its own, filled by
/// the test once the first checkpoint is on it): the next save fails with one line naming the model
/// folder and the lack of space, the process exits non-zero, and the checkpoint saved before is
/// still there, byte for byte, and loads.
/// </summary>
public sealed class DiskFullDuringSaveTests(DemoFaceSetsFixture faces, ITestOutputHelper output) : IClassFixture<DemoFaceSetsFixture>
{
    [ScratchMountFact]
    public async Task ASaveOnAFullDiskFailsInOneLineAndKeepsThePreviousCheckpoint()
    {
        // Room for the model's checks at start and two checkpoints side by side, not much more.
        using var disk = ScratchMount.Create(48L << 20);
        var folder = Path.Combine(disk.Path, "model", "model_DF");
        var checkpoints = Path.Combine(folder, "checkpoints");
        using var process = CliProcess.Start(disk.Path, "train", "--model", "DF", "--preset", "tiny", "--src", faces.Source, "--dst", faces.Destination,
            "--workspace", disk.Path, "--backups", "0", "--autosave-iters", "4", "--target-iter", "100000");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // Once the first save is whole (its loss chart, written last, is there), fill the disk before the next save.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!File.Exists(Path.Combine(folder, "loss.png")) && !process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.False(process.HasExited, "train ended before its first save");
            var filled = disk.Fill();
            // Read once full: no save can complete any more, so this is the checkpoint that must survive.
            var saved = ModelFolder.Open(folder);
            var weights = Path.Combine(saved.Checkpoint!, "weights.bin");
            var weightsHash = SHA256.HashData(File.ReadAllBytes(weights));
            output.WriteLine($"checkpoint {Path.GetFileName(saved.Checkpoint)} at iteration {saved.Iteration}; disk filled with {filled / 1048576.0:0.0} MB more");

            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "train did not stop on the full disk");
            var errors = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            output.WriteLine(await stdout);
            output.WriteLine(string.Join('\n', errors));

            Assert.NotEqual(0, process.ExitCode);
            Assert.NotEqual(139, process.ExitCode);
            var error = Assert.Single(errors);
            Assert.Contains(folder, error);
            Assert.Contains("no space", error);
            // The checkpoint saved before the disk filled is the model's, unchanged, and it loads.
            var after = ModelFolder.Open(folder);
            Assert.Equal(saved.Checkpoint, after.Checkpoint);
            Assert.Equal(saved.Iteration, after.Iteration);
            Assert.Equal(weightsHash, SHA256.HashData(File.ReadAllBytes(weights)));
            using var trained = TrainedModel.Open(folder);
            Assert.Equal(saved.Iteration, trained.Iteration);
            Assert.Empty(Directory.GetDirectories(checkpoints, ".saving-*")); // the failed save's files were removed
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
