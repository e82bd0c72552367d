using OpenCvSharp;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// 68 landmarks with dlib's regression-tree shape predictor (CLI name <c>dlib</c>, the default).
/// Cheap to create from a shared <see cref="DlibShapeModel"/>; not thread-safe (scratch buffers).
/// </summary>
internal sealed class DlibLandmarker : ILandmarker
{
    public const string CliName = "dlib";

    private const int FirstInnerPoint = 17;

    private readonly DlibShapeModel model;
    private readonly DlibLandmarkerOptions options;
    private readonly DlibCascadeEvaluator evaluator;
    private readonly Rect2d meanShapeBounds;

    public DlibLandmarker(DlibShapeModel model, DlibLandmarkerOptions? options = null)
    {
        this.model = model;
        this.options = options ?? DlibLandmarkerOptions.Default;
        if (this.options.Passes < 1) throw new ArgumentOutOfRangeException(nameof(options), "Passes must be at least 1");
        evaluator = new DlibCascadeEvaluator(model);
        meanShapeBounds = BoundsOfInterleaved(model.MeanShape);
    }

    public string Name => CliName;

    public Point2d[] Locate(Mat bgrImage, Rect2d faceBox)
    {
        FaceBoxGeometry.Validate(faceBox);
        var image = new GrayIntensityImage(bgrImage);
        var points = Run(image, TrainingBoxFor(faceBox));
        for (var pass = 1; pass < options.Passes; pass++)
            points = Run(image, TrainingBoxFittedTo(points));
        return points;
    }

    public void Dispose() { }

    /// <summary>
    /// dlib trained this model on its HOG detector's boxes. The mean shape, in box-normalised
    /// coordinates, says where the landmarks sit inside such a box; solve for the box that puts the
    /// mean shape's bounds onto the given landmark-tight box.
    /// </summary>
    private Rect2d TrainingBoxFor(Rect2d tightBox)
    {
        var width = tightBox.Width / meanShapeBounds.Width;
        var height = tightBox.Height / meanShapeBounds.Height;
        return new Rect2d(tightBox.X - meanShapeBounds.X * width, tightBox.Y - meanShapeBounds.Y * height, width, height);
    }

    /// <summary>
    /// The training-style box for points found by a previous pass: the scale and translation of the
    /// least-squares similarity from the mean shape's inner points (brows, eyes, nose, mouth: 17–67)
    /// to the found ones. Unlike the points' bounds this ignores the jaw, whose errors would feed back.
    /// </summary>
    private Rect2d TrainingBoxFittedTo(Point2d[] points)
    {
        var mean = model.MeanShape;
        var first = Math.Min(FirstInnerPoint, points.Length - 1);
        var count = points.Length - first;
        double mx = 0, my = 0, px = 0, py = 0;
        for (var i = first; i < points.Length; i++)
        {
            mx += mean[2 * i]; my += mean[2 * i + 1];
            px += points[i].X; py += points[i].Y;
        }
        mx /= count; my /= count; px /= count; py /= count;
        double norm = 0, dot = 0, cross = 0;
        for (var i = first; i < points.Length; i++)
        {
            double fx = mean[2 * i] - mx, fy = mean[2 * i + 1] - my, tx = points[i].X - px, ty = points[i].Y - py;
            norm += fx * fx + fy * fy;
            dot += fx * tx + fy * ty;
            cross += fx * ty - fy * tx;
        }
        var scale = Math.Sqrt(dot * dot + cross * cross) / norm;
        return new Rect2d(px - mx * scale, py - my * scale, scale, scale);
    }

    private Point2d[] Run(GrayIntensityImage image, Rect2d box)
    {
        var shape = evaluator.Run(image, box);
        var points = new Point2d[model.PartCount];
        for (var i = 0; i < points.Length; i++)
            points[i] = new Point2d(box.X + shape[2 * i] * box.Width, box.Y + shape[2 * i + 1] * box.Height);
        return points;
    }

    private static Rect2d BoundsOfInterleaved(float[] xy)
    {
        var points = new Point2d[xy.Length / 2];
        for (var i = 0; i < points.Length; i++) points[i] = new Point2d(xy[2 * i], xy[2 * i + 1]);
        return FaceBoxGeometry.BoundsOf(points);
    }
}
