using System.Numerics;
using OpenCvSharp;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// Runs a <see cref="DlibShapeModel"/>'s cascade on one face box. Holds the per-face scratch
/// buffers, so it is cheap to create but not thread-safe: one per worker.
/// </summary>
internal sealed class DlibCascadeEvaluator
{
    private readonly DlibShapeModel model;
    private readonly float[] shape;
    private readonly float[] features;

    public DlibCascadeEvaluator(DlibShapeModel model)
    {
        this.model = model;
        shape = new float[model.MeanShape.Length];
        features = new float[model.Levels.Length == 0 ? 0 : model.Levels.Max(l => l.FeatureCount)];
    }

    /// <summary>
    /// The shape in box-normalised coordinates ((0,0) = box top-left, (1,1) = bottom-right), interleaved x, y.
    /// The span is overwritten by the next call.
    /// </summary>
    public ReadOnlySpan<float> Run(GrayIntensityImage image, Rect2d box)
    {
        model.MeanShape.CopyTo(shape, 0);
        foreach (var level in model.Levels)
        {
            SampleFeatures(image, box, level);
            foreach (var tree in level.Trees) AddInPlace(shape, Leaf(tree));
        }
        return shape;
    }

    /// <summary>
    /// Feature pixels are placed relative to their anchor point in the current shape, rotated and
    /// scaled by the similarity that maps the mean shape onto the current one.
    /// </summary>
    private void SampleFeatures(GrayIntensityImage image, Rect2d box, DlibCascadeLevel level)
    {
        var (a, b) = SimilarityFromMean();
        for (var i = 0; i < level.FeatureCount; i++)
        {
            var anchor = 2 * level.AnchorPart[i];
            double u = a * level.DeltaX[i] - b * level.DeltaY[i] + shape[anchor];
            double v = b * level.DeltaX[i] + a * level.DeltaY[i] + shape[anchor + 1];
            // dlib rounds the image point to the nearest pixel (floor(x + 0.5)).
            var x = (long)Math.Floor(box.X + u * box.Width + 0.5);
            var y = (long)Math.Floor(box.Y + v * box.Height + 0.5);
            features[i] = image.At(x, y);
        }
    }

    private ReadOnlySpan<float> Leaf(DlibRegressionTree tree)
    {
        var splits = tree.Threshold.Length;
        var node = 0;
        while (node < splits)
            node = features[tree.Feature1[node]] - features[tree.Feature2[node]] > tree.Threshold[node] ? 2 * node + 1 : 2 * node + 2;
        return tree.Leaves.AsSpan((node - splits) * shape.Length, shape.Length);
    }

    /// <summary>
    /// The rotation-and-scale part [a −b; b a] of the least-squares similarity from the mean shape
    /// to the current shape (closed form of Umeyama's method in 2-D; no reflection possible).
    /// </summary>
    private (double A, double B) SimilarityFromMean()
    {
        var mean = model.MeanShape;
        var n = shape.Length / 2;
        double mx = 0, my = 0, cx = 0, cy = 0;
        for (var i = 0; i < n; i++)
        {
            mx += mean[2 * i]; my += mean[2 * i + 1];
            cx += shape[2 * i]; cy += shape[2 * i + 1];
        }
        mx /= n; my /= n; cx /= n; cy /= n;
        double norm = 0, dot = 0, cross = 0;
        for (var i = 0; i < n; i++)
        {
            double fx = mean[2 * i] - mx, fy = mean[2 * i + 1] - my;
            double tx = shape[2 * i] - cx, ty = shape[2 * i + 1] - cy;
            norm += fx * fx + fy * fy;
            dot += fx * tx + fy * ty;
            cross += fx * ty - fy * tx;
        }
        return norm > 0 ? (dot / norm, cross / norm) : (1, 0);
    }

    private static void AddInPlace(Span<float> target, ReadOnlySpan<float> values)
    {
        var i = 0;
        for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(target[i..]) + new Vector<float>(values[i..])).CopyTo(target[i..]);
        for (; i < target.Length; i++) target[i] += values[i];
    }
}
