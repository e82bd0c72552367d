using FaceLab.Tests.Support;
using FaceLab.Tests.Training.Sessions;
using FaceLab.Training.Sessions;
using OpenCvSharp;

namespace FaceLab.Tests.Cli;

/// <summary><c>facelab model list|info|restore|predict</c> end to end on a tiny model trained on demo faces.</summary>
public class ModelCliTests(DemoFaceSetsFixture faces) : IClassFixture<DemoFaceSetsFixture>
{
    private string[] Train(string workspace, params string[] extra) =>
        ["train", "--model", "LIAEF128", "--name", "m", "--preset", "tiny", "--src", faces.Source, "--dst", faces.Destination, "--workspace", workspace, .. extra];

    [Fact]
    public void Lists_describes_restores_and_runs_a_model()
    {
        using var temp = new TempFolder();
        var first = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "3"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        var folder = Path.Combine(temp.Path, "model", "m_LIAEF128");
        Assert.NotNull(new CheckpointStore(folder).Backup(5)); // a backup at #3
        var second = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "5"));
        Assert.True(second.ExitCode == 0, second.Stderr);

        var list = CliProcess.Run(temp.Path, "model", "list", "--workspace", temp.Path);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Matches(@"m_LIAEF128\s+LIAEF128\s+m\s+64 px full\s+#5\s", list.Stdout);

        var info = CliProcess.Run(temp.Path, "model", "info", "m", "--workspace", temp.Path);
        Assert.True(info.ExitCode == 0, info.Stderr);
        Assert.Contains("ae_dims", info.Stdout);
        Assert.Contains("losses: 5 iterations", info.Stdout);
        Assert.Matches(@"1\. #3 saved", info.Stdout);

        var missing = CliProcess.Run(temp.Path, "model", "restore", "m", "--backup", "7", "--workspace", temp.Path);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such backup", Assert.Single(missing.StderrLines));
        Assert.Equal(5, ModelFolder.Open(folder).Iteration); // nothing changed

        var restore = CliProcess.Run(temp.Path, "model", "restore", "m_LIAEF128", "--backup", "1", "--workspace", temp.Path);
        Assert.True(restore.ExitCode == 0, restore.Stderr);
        var model = ModelFolder.Open(folder);
        Assert.Equal(3, model.Iteration);
        Assert.Equal(3, model.Losses.Count);
        Assert.Equal([3L, 5L], model.Backups.Select(b => b.Iteration).Order().ToArray()); // the state at #5 is kept

        var resumed = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "4"));
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("from iteration 3", resumed.Stdout);

        var output = Path.Combine(temp.Path, "predicted");
        var predict = CliProcess.Run(temp.Path, "model", "predict", "m", "--faces", faces.Destination, "--out", output, "--masks", "--workspace", temp.Path);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var names = Directory.GetFiles(faces.Destination, "*.jpg").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToList();
        Assert.Equal(names, Directory.GetFiles(output, "*.png").Select(f => Path.GetFileNameWithoutExtension(f)).Where(n => !n.EndsWith("_mask")).Order().ToList());
        using var face = Cv2.ImRead(Path.Combine(output, names[0] + ".png"), ImreadModes.Unchanged);
        Assert.Equal((64, 64, 3), (face.Rows, face.Cols, face.Channels()));
        using var mask = Cv2.ImRead(Path.Combine(output, names[0] + "_mask.png"), ImreadModes.Unchanged);
        Assert.Equal(1, mask.Channels());
    }

    [Fact]
    public void Train_takes_the_declared_options_and_refuses_ones_the_model_lacks()
    {
        using var temp = new TempFolder();
        var foreign = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "1", "--hidden", "3"));
        Assert.NotEqual(0, foreign.ExitCode);

        var bad = CliProcess.Run(temp.Path, Train(temp.Path, "--target-iter", "1", "--encoder-dims", "-4"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("encoder_dims", Assert.Single(bad.StderrLines));
        Assert.False(File.Exists(Path.Combine(temp.Path, "model", "m_LIAEF128", ModelSpec.FileName)));

        var quick = CliProcess.Run(temp.Path, "train", "--model", "Quick96", "--preset", "tiny", "--src", faces.Source, "--dst", faces.Destination,
            "--workspace", temp.Path, "--target-iter", "1", "--backups", "0");
        Assert.True(quick.ExitCode == 0, quick.Stderr);
        Assert.Contains("res=96", quick.Stdout);
    }
}
