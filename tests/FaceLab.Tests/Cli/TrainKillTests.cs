using FaceLab.Tests.Support;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Inference;
using FaceLab.Training.Sessions;
using Xunit.Abstractions;

namespace FaceLab.Tests.Cli;

/// <summary>
/// kill -9 of <c>facelab train</c> at the two moments a save is most fragile, each proven to be the
/// moment of the kill: while the new checkpoint is being written (its staging folder exists, the
/// save paused there by the fault-injection variable), and after it was named but before
/// <c>current</c> points at it (two complete checkpoint folders exist). After every kill the model
/// opens at a complete save whose loss history has every iteration, and training resumes from it.
/// </summary>
public class TrainKillTests(DemoFaceSetsFixture faces, ITestOutputHelper output) : IClassFixture<DemoFaceSetsFixture>
{
    private readonly KillCampaign _campaign = new(output);

    /// <summary>6 per moment in the suite; <c>FACELAB_KILLS=25</c> runs the 50-kill campaign of RELIABILITY.md.</summary>
    private static readonly int KillsPerMoment = KillCampaign.KillsPerMoment(6);

    public static TheoryData<string> Moments() => ["FACELAB_FAULT_PAUSE_IN_SAVE_MS", "FACELAB_FAULT_PAUSE_BEFORE_POINTER_MS"];

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task AKillInsideASaveLosesNothingThatWasSaved(string moment)
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "model", "model_DF");
        var checkpoints = Path.Combine(folder, "checkpoints");
        var pause = new Dictionary<string, string> { [moment] = "400" };
        long lastComplete = 0;
        for (var kill = 0; kill < KillsPerMoment; kill++)
        {
            // The kills take turns on the first, second and third save of a run, so the model moves on.
            // What a killed run left behind (a staging folder, an unpointed checkpoint) is no live save.
            var windows = new HashSet<string>();
            var stale = Directory.Exists(checkpoints) ? Directory.GetDirectories(checkpoints).Select(Path.GetFileName).OfType<string>().ToHashSet() : [];
            var wanted = kill % 3 + 1;
            var killed = await _campaign.KillWhenAsync(temp.Path, pause, () => Window(checkpoints, moment),
                window => !stale.Contains(window) && windows.Add(window) && windows.Count == wanted,
                "train", "--model", "DF", "--preset", "tiny", "--src", faces.Source, "--dst", faces.Destination,
                "--workspace", temp.Path, "--backups", "0", "--autosave-iters", "2", "--target-iter", "100000");
            Assert.True(killed.Landed, $"kill {kill + 1}: the save never reached the window ({moment})");
            var window = killed.Moment;

            // The model opens at a complete save, with a loss for every iteration up to it, no earlier than the last one seen.
            var model = ModelFolder.Open(folder);
            Assert.True(model.Iteration >= lastComplete, $"kill {kill + 1}: back at {model.Iteration} after {lastComplete}");
            Assert.Equal(model.Iteration, model.Losses.Count);
            if (model.Checkpoint is null)
            {
                Assert.Equal(0, lastComplete); // killed inside the very first save: nothing had been saved yet
                continue;
            }
            using (var trained = TrainedModel.Open(folder)) Assert.Equal(model.Iteration, trained.Iteration);
            output.WriteLine($"kill {kill + 1} inside save {wanted} of its run ({window}): model at iteration {model.Iteration}, {model.Losses.Count} losses");
            lastComplete = model.Iteration;
        }

        var resumed = CliProcess.Run(temp.Path, "train", "--model", "DF", "--src", faces.Source, "--dst", faces.Destination,
            "--workspace", temp.Path, "--backups", "0", "--target-iter", (lastComplete + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains($"from iteration {lastComplete}", resumed.Stdout);
        Assert.Empty(Directory.GetDirectories(checkpoints, ".saving-*")); // the killed saves' staging folders were cleared
        output.WriteLine(_campaign.Summary("train"));
    }

    /// <summary>The save paused in the window right now (its staging or new folder name), or null when none is.</summary>
    private static string? Window(string checkpoints, string moment)
    {
        if (!Directory.Exists(checkpoints)) return null;
        var folders = Directory.GetDirectories(checkpoints).Select(Path.GetFileName).OfType<string>().ToList();
        if (moment == "FACELAB_FAULT_PAUSE_IN_SAVE_MS")
            return folders.FirstOrDefault(f => f.StartsWith(".saving-", StringComparison.Ordinal) && File.Exists(Path.Combine(checkpoints, f, "state.json")));
        var complete = folders.Where(f => !f.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        return complete.Count >= 2 ? complete[^1] : null;
    }
}
