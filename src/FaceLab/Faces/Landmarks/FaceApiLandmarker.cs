using OpenCvSharp;

namespace FaceLab.Faces.Landmarks;

/// <summary>
/// 68 landmarks with face-api.js's CNN (CLI name <c>faceapi</c>). face-api feeds the net a detector
/// box padded to a square; here the crop is a square around the box, which is the same for the
/// net but keeps the face centred whatever the box's aspect ratio.
/// </summary>
internal sealed class FaceApiLandmarker : ILandmarker
{
    public const string CliName = "faceapi";

    private readonly FaceApiLandmarkNet net;
    private readonly FaceApiLandmarkerOptions options;

    public FaceApiLandmarker(FaceApiLandmarkNet net, FaceApiLandmarkerOptions? options = null)
    {
        this.net = net;
        this.options = options ?? FaceApiLandmarkerOptions.Default;
        if (this.options.Passes < 1) throw new ArgumentOutOfRangeException(nameof(options), "Passes must be at least 1");
        if (!(this.options.CropScale > 0)) throw new ArgumentOutOfRangeException(nameof(options), "CropScale must be positive");
    }

    public string Name => CliName;

    public Point2d[] Locate(Mat bgrImage, Rect2d faceBox)
    {
        FaceBoxGeometry.Validate(faceBox);
        var points = net.Predict(bgrImage, CropFor(faceBox));
        for (var pass = 1; pass < options.Passes; pass++)
            points = net.Predict(bgrImage, CropFor(FaceBoxGeometry.BoundsOf(points)));
        return points;
    }

    public void Dispose() { }

    /// <summary>Whole-pixel square, so the crop-and-resize matches TF.js's on a padded crop exactly.</summary>
    private Rect CropFor(Rect2d box)
    {
        var square = FaceBoxGeometry.Square(box, options.CropScale, shiftY: options.CropShiftY);
        var side = Math.Max(1, (int)Math.Round(square.Width));
        return new Rect((int)Math.Round(square.X), (int)Math.Round(square.Y), side, side);
    }
}
