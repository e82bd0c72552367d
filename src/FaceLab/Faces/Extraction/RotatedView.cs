using OpenCvSharp;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// A frame turned by a multiple of 90° clockwise, with the exact mapping of points back to the
/// frame: detectors miss faces lying on their side, so extraction retries at 90, 180 and 270°.
/// </summary>
internal sealed class RotatedView : IDisposable
{
    private readonly bool _ownsImage;

    private RotatedView(Mat image, int degrees, int frameWidth, int frameHeight, bool ownsImage)
    {
        Image = image;
        Degrees = degrees;
        FrameWidth = frameWidth;
        FrameHeight = frameHeight;
        _ownsImage = ownsImage;
    }

    public Mat Image { get; }

    public int Degrees { get; }

    private int FrameWidth { get; }

    private int FrameHeight { get; }

    public static RotatedView Of(Mat frame, int degrees)
    {
        if (degrees == 0) return new RotatedView(frame, 0, frame.Width, frame.Height, ownsImage: false);
        var flag = degrees switch
        {
            90 => RotateFlags.Rotate90Clockwise,
            180 => RotateFlags.Rotate180,
            270 => RotateFlags.Rotate90Counterclockwise,
            _ => throw new ArgumentOutOfRangeException(nameof(degrees), "multiples of 90° only"),
        };
        var rotated = new Mat();
        Cv2.Rotate(frame, rotated, flag);
        return new RotatedView(rotated, degrees, frame.Width, frame.Height, ownsImage: true);
    }

    /// <summary>Maps a point of the rotated image (pixel-centre coordinates) back into the frame.</summary>
    public Point2d ToFrame(Point2d p) => Degrees switch
    {
        90 => new Point2d(p.Y, FrameHeight - 1 - p.X),
        180 => new Point2d(FrameWidth - 1 - p.X, FrameHeight - 1 - p.Y),
        270 => new Point2d(FrameWidth - 1 - p.Y, p.X),
        _ => p,
    };

    public Point2d[] ToFrame(IReadOnlyList<Point2d> points) => points.Select(ToFrame).ToArray();

    /// <summary>The frame's axis-aligned bounding box of a rotated-image box.</summary>
    public Rect2d ToFrame(Rect2d box)
    {
        var corners = ToFrame([new Point2d(box.Left, box.Top), new Point2d(box.Right, box.Bottom)]);
        var x1 = Math.Min(corners[0].X, corners[1].X);
        var y1 = Math.Min(corners[0].Y, corners[1].Y);
        return new Rect2d(x1, y1, Math.Abs(corners[0].X - corners[1].X), Math.Abs(corners[0].Y - corners[1].Y));
    }

    public void Dispose()
    {
        if (_ownsImage) Image.Dispose();
    }
}
