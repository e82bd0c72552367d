using FaceLab.Training.Sessions;

namespace FaceLab.Training.Control;

/// <summary>
/// How far a saved model got, read from its folder without loading weights: the loss curve of its
/// last checkpoint and the previews of its <c>history/</c>, the timeline a front end scrubs.
/// </summary>
public static class ModelProgress
{
    /// <summary>The loss curve of the last checkpoint in <paramref name="modelFolder"/> (empty before the first save).</summary>
    public static LossCurve Losses(string modelFolder, long? lastIterations, int maxPoints) =>
        LossCurve.Of(ModelFolder.Open(modelFolder).Losses.Snapshot(), lastIterations, maxPoints);

    /// <summary>The iterations of the previews kept in the model's <c>history/</c>, oldest first.</summary>
    public static IReadOnlyList<long> PreviewIterations(string modelFolder) => PreviewHistory.Iterations(modelFolder);

    /// <summary>
    /// The preview image of <paramref name="iteration"/> in the history, or the newest one there
    /// (null); when the history has none, the last save's <c>preview.jpg</c>. Null when there is none.
    /// </summary>
    public static string? PreviewFile(string modelFolder, long? iteration)
    {
        if (iteration is { } wanted)
        {
            var path = PreviewHistory.PathOf(modelFolder, wanted);
            return File.Exists(path) ? path : null;
        }
        var kept = PreviewHistory.Iterations(modelFolder);
        if (kept.Count > 0) return PreviewHistory.PathOf(modelFolder, kept[^1]);
        var saved = Path.Combine(modelFolder, "preview.jpg");
        return File.Exists(saved) ? saved : null;
    }
}
