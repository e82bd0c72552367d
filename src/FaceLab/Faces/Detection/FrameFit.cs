using OpenCvSharp;

namespace FaceLab.Faces.Detection;

/// <summary>
/// How a frame was resized (and padded) into a network's fixed input, so that network
/// coordinates can be mapped back to frame pixels.
/// </summary>
internal sealed record FrameFit(double ScaleX, double ScaleY, double PadX, double PadY)
{
    /// <summary>Resizes the whole frame to the input size, changing its aspect ratio if they differ.</summary>
    public static Mat Stretch(Mat bgr, Size input, out FrameFit fit)
    {
        fit = new FrameFit((double)input.Width / bgr.Width, (double)input.Height / bgr.Height, 0, 0);
        return bgr.Resize(input, 0, 0, InterpolationFlags.Linear);
    }

    /// <summary>Resizes the frame keeping its aspect ratio and centres it on black padding.</summary>
    public static Mat Letterbox(Mat bgr, Size input, out FrameFit fit)
    {
        var scale = Math.Min((double)input.Width / bgr.Width, (double)input.Height / bgr.Height);
        var width = Math.Clamp((int)Math.Round(bgr.Width * scale), 1, input.Width);
        var height = Math.Clamp((int)Math.Round(bgr.Height * scale), 1, input.Height);
        var left = (input.Width - width) / 2;
        var top = (input.Height - height) / 2;
        using var resized = bgr.Resize(new Size(width, height), 0, 0, InterpolationFlags.Linear);
        var padded = new Mat();
        Cv2.CopyMakeBorder(resized, padded, top, input.Height - height - top, left, input.Width - width - left,
            BorderTypes.Constant, Scalar.All(0));
        fit = new FrameFit((double)width / bgr.Width, (double)height / bgr.Height, left, top);
        return padded;
    }

    public Point2d ToFrame(double x, double y) => new((x - PadX) / ScaleX, (y - PadY) / ScaleY);

    /// <summary>Maps a box given by its corners in input pixels to frame pixels.</summary>
    public Rect2d ToFrame(double x1, double y1, double x2, double y2)
    {
        var a = ToFrame(x1, y1);
        var b = ToFrame(x2, y2);
        return new Rect2d(a.X, a.Y, b.X - a.X, b.Y - a.Y);
    }
}
