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

    /// <summary>The predictor reads the previous and next frames' faces: give <see cref="Merge"/> the neighbour frames.</summary>
    public bool ReadsNeighbourFrames => _predictor.TemporalFrames > 1 && Options.Mode != MergeMode.Original;

    /// <param name="frame">The dst frame, <c>CV_8UC3</c> (BGR); not changed.</param>
    /// <param name="faces">The faces to replace, in the order they are pasted.</param>
    /// <param name="debug">Also draw the debug view (dst face, prediction, mask, result per face).</param>
    /// <param name="neighbours">
    /// The previous and next frames, for a predictor that reads motion (<see cref="ReadsNeighbourFrames"/>):
    /// each face's neighbours are cut from them; without them (or a face's neighbour) the face stands in for itself.
    /// </param>
    public MergedFrame Merge(Mat frame, IReadOnlyList<FrameFace> faces, bool debug = false, NeighbourFrames? neighbours = null)
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
        if (placed.Count == 0 && Options.Mode == MergeMode.Puppet)
        {
            image.Dispose();
            mask.Dispose();
            return PuppetView.Empty(_predictor.Resolution, debug ? MergeDebugImage.Draw([], Options) : null);
        }
        if (placed.Count == 0) return new MergedFrame(image, mask, debug ? MergeDebugImage.Draw([], Options) : null);

        var cuts = placed.Select(p => Cut(frame, p.Placement)).ToList();
        var predictions = ReadsNeighbourFrames ? PredictWithNeighbours(placed.Select(p => p.Face).ToList(), cuts, neighbours) : _predictor.Predict(cuts);
        try
        {
            if (predictions.Count != cuts.Count)
                throw new InvalidOperationException($"the predictor returned {predictions.Count} predictions for {cuts.Count} faces");
            if (Options.Mode == MergeMode.Puppet)
            {
                image.Dispose();
                mask.Dispose();
                return PuppetView.Of(predictions[0], cuts[0], debug ? MergeDebugImage.Draw([], Options) : null);
            }
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

    private Mat Cut(Mat frame, FacePlacement placement) => Cut(frame, placement.Cut);

    private Mat Cut(Mat frame, Affine2D cut)
    {
        using var bgrBytes = FaceWarp.ToFace(frame, cut, _predictor.Resolution);
        return Pixels.BytesToFloat01(bgrBytes);
    }

    /// <summary>The predictions with each face's previous and next frame's face, cut with their own landmarks as the current one is.</summary>
    private IReadOnlyList<FacePrediction> PredictWithNeighbours(List<FrameFace> faces, List<Mat> cuts, NeighbourFrames? neighbours)
    {
        Mat? Neighbour(Mat? frame, IReadOnlyList<Point2d>? landmarks) => frame is null || landmarks is null
            ? null
            : Cut(frame, FaceAligner.ImageToFace(landmarks, _predictor.FaceType, _predictor.Resolution));
        var frames = faces.Select((f, i) => new FaceFrames(cuts[i], Neighbour(neighbours?.Previous, f.PreviousLandmarks), Neighbour(neighbours?.Next, f.NextLandmarks))).ToList();
        try
        {
            return _predictor.Predict(frames);
        }
        finally
        {
            foreach (var f in frames)
            {
                f.Previous?.Dispose();
                f.Next?.Dispose();
            }
        }
    }

    /// <summary>raw-predict: the first face's prediction at model resolution, its learned mask as the mask.</summary>
    private MergedFrame RawPrediction(FacePrediction prediction, bool debug)
    {
        return new MergedFrame(Pixels.Float01ToBytes(prediction.Face), Pixels.Float01ToBytes(prediction.PredictedMask), debug ? MergeDebugImage.Draw([], Options) : null);
    }
}
