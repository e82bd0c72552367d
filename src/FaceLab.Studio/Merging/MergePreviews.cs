using FaceLab.Merging;
using FaceLab.Training.Inference;
using FaceLab.Workspace;

namespace FaceLab.Studio.Merging;

/// <summary>
/// The Merge page's model and preview: one model open at a time, with its <see cref="MergePreview"/>
/// (the cached predictions). <see cref="Refresh"/> opens it again when the page asks for another
/// model, training saved a newer checkpoint, or the dst faces changed; previews reuse it as it is.
/// </summary>
public sealed class MergePreviews(WorkspaceLayout layout) : IDisposable
{
    private readonly Lock _gate = new();
    private Opened? _current;

    /// <summary>The open model and its preview.</summary>
    public sealed record Opened(SavedModel Model, TrainedModel Trained, MergePreview Preview, DateTime FacesChanged) : IDisposable
    {
        public void Dispose()
        {
            Preview.Dispose();
            Trained.Dispose();
        }
    }

    /// <summary>The model <paramref name="model"/> (null: the only one), opened again if anything it shows changed.</summary>
    public Opened Refresh(string? model) => Get(model, refresh: true);

    /// <summary>The model <paramref name="model"/> as it is open, or opened now.</summary>
    public Opened Get(string? model) => Get(model, refresh: false);

    private Opened Get(string? model, bool refresh)
    {
        lock (_gate)
        {
            if (_current is { } open && (model is null || Names(open.Model, model)) && !refresh) return open;
            var saved = SavedModels.Find(layout.Models, model);
            var facesChanged = FacesChanged();
            if (_current is { } same && same.Model == saved && same.FacesChanged == facesChanged) return same;
            _current?.Dispose();
            _current = null;
            var trained = TrainedModel.Open(saved.Folder);
            try
            {
                _current = new Opened(saved, trained, new MergePreview(new ModelFacePredictor(trained), layout.DestinationFrames, layout.DestinationAligned), facesChanged);
            }
            catch
            {
                trained.Dispose();
                throw;
            }
            return _current;
        }
    }

    private static bool Names(SavedModel model, string name) =>
        string.Equals(model.FolderName, name, StringComparison.OrdinalIgnoreCase) || model.Name == name;

    /// <summary>Adding, deleting or renaming a face changes its folder's time.</summary>
    private DateTime FacesChanged() =>
        Directory.Exists(layout.DestinationAligned) ? Directory.GetLastWriteTimeUtc(layout.DestinationAligned) : DateTime.MinValue;

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Dispose();
            _current = null;
        }
    }
}
