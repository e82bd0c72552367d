using FaceLab.FaceSets;
using FaceLab.Tests.Support;
using FaceLab.Tests.Training;
using FaceLab.Training.Models;
using FaceLab.Training.Sessions;
using FaceLab.Workspace;

namespace FaceLab.Tests.Studio;

/// <summary>
/// A tiny DF (128 px, widths divided by 16) trained 3 steps on the studio workspace's src and dst
/// faces, made on first use and copied into a test's workspace as <c>model/studio_DF</c>: a real
/// model for the Merge page, fast to run.
/// </summary>
public sealed class StudioModelFixture : IDisposable
{
    public const string FolderName = "studio_DF";

    private readonly TempFolder _folder = new();
    private string? _trained;

    /// <summary>Copies the trained model into <paramref name="workspace"/>'s <c>model/</c>; returns the copy's folder.</summary>
    public string InstallInto(string workspace, StudioWorkspaceFixture data)
    {
        var source = Trained(data);
        var target = Path.Combine(WorkspaceLayout.At(workspace).Models, FolderName);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    private string Trained(StudioWorkspaceFixture data)
    {
        lock (_folder)
        {
            if (_trained is not null) return _trained;
            var layout = WorkspaceLayout.At(data.Template);
            var df = ModelRegistry.Get("DF");
            using var session = TrainingSession.Open(_folder.Combine("model"), df, "studio", df.TinyOptions(),
                FolderFaceSet.Open(layout.SourceAligned), FolderFaceSet.Open(layout.DestinationAligned), TinyModels.ShortRun(3, seed: 11));
            session.Run(TextWriter.Null, CancellationToken.None);
            return _trained = session.Folder;
        }
    }

    public void Dispose() => _folder.Dispose();
}
