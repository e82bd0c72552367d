using FaceLab.Faces.Alignment;
using FaceLab.Imaging;
using FaceLab.Training.Inference;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// Merges every face of one frame: cuts them at the model's face type and resolution, asks the
/// predictor for all of them at once, and composites them in order. A frame without faces (or in
/// the original mode) comes back unchanged. Safe to use from several threads when the predictor is.
/// </summary>
internal sealed class FrameMerger
{
    private readonly IFacePredictor _predictor;

    public FrameMerger(IFacePredictor predictor, MergeOptions options)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentOutOfRangeException.ThrowIfLessThan(predictor.Resolution, 4);
        _predictor = predictor;
        Options = options.Validate();
    }

    public MergeOptions Options { get; }

    /// <param name="frame">The dst frame, <c>CV_8UC3</c> (BGR); not changed.</param>
    /// <param name="faces">The faces to replace, in the order they are pasted.</param>
    /// <param name="debug">Also draw the debug view (dst face, prediction, mask, result per face).</param>
    public MergedFrame Merge(Mat frame, IReadOnlyList<FrameFace> faces, bool debug = false)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Type() != MatType.CV_8UC3 || frame.Empty())
            throw new ArgumentException($"expected a non-empty CV_8UC3 frame, got {frame.Type()}", nameof(frame));
        var image = frame.Clone();
        var mask = new Mat(frame.Size(), MatType.CV_8UC1, Scalar.All(0));
        var placed = Options.Mode == MergeMode.Original
            ? []
            : faces.Select(f => (Face: f, Placement: FacePlacement.Of(f, _predictor.FaceType, _predictor.Resolution, Options, frame.Size())))
                .Where(p => p.Placement is not null)
                .Select(p => (p.Face, Placement: p.Placement!))
                .ToList();
        if (placed.Count == 0) return new MergedFrame(image, mask, debug ? MergeDebugImage.Draw([], Options) : null);

        var cuts = placed.Select(p => Cut(frame, p.Placement)).ToList();
        var predictions = _predictor.Predict(cuts);
        try
        {
            if (predictions.Count != cuts.Count)
                throw new InvalidOperationException($"the predictor returned {predictions.Count} predictions for {cuts.Count} faces");
            if (Options.Mode == MergeMode.RawPredict)
            {
                image.Dispose();
                mask.Dispose();
                return RawPrediction(predictions[0], debug);
            }

            var rows = new List<MergeDebugImage.Row>();
            for (var i = 0; i < placed.Count; i++)
            {
                var (adjusted, faceMask) = FaceCompositor.Merge(image, mask, placed[i].Face, placed[i].Placement, cuts[i], predictions[i], Options);
                if (debug) rows.Add(new MergeDebugImage.Row(cuts[i].Clone(), adjusted, faceMask, placed[i].Placement.Cut));
                else
                {
                    adjusted.Dispose();
                    faceMask.Dispose();
                }
            }
            Mat? view = null;
            if (debug)
            {
                foreach (var row in rows) row.CutResult(image, _predictor.Resolution);
                view = MergeDebugImage.Draw(rows, Options);
                foreach (var row in rows) row.Dispose();
            }
            return new MergedFrame(image, mask, view);
        }
        finally
        {
            foreach (var c in cuts) c.Dispose();
            foreach (var p in predictions) p.Dispose();
        }
    }

    private Mat Cut(Mat frame, FacePlacement placement)
    {
        using var bgrBytes = FaceWarp.ToFace(frame, placement.Cut, _predictor.Resolution);
        return Pixels.BytesToFloat01(bgrBytes);
    }

    /// <summary>raw-predict: the first face's prediction at model resolution, its learned mask as the mask.</summary>
    private MergedFrame RawPrediction(FacePrediction prediction, bool debug)
    {
        return new MergedFrame(Pixels.Float01ToBytes(prediction.Face), Pixels.Float01ToBytes(prediction.PredictedMask), debug ? MergeDebugImage.Draw([], Options) : null);
    }
}
