using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// Smears the pasted face along its movement between frames, so a fast-moving face is as blurred
/// as the footage around it. The kernel is a line through the centre, as long as the face's
/// movement per frame times the power (0..100 %).
/// </summary>
internal static class MotionBlur
{
    public static int Length(FrameFace face, MergeOptions options)
    {
        var motion = face.Motion;
        return (int)Math.Round(Math.Sqrt(motion.X * motion.X + motion.Y * motion.Y) * options.MotionBlurPower / 100.0);
    }

    /// <summary>How far the blur can move pixels.</summary>
    public static int Reach(FrameFace face, MergeOptions options) => Length(face, options) / 2 + 1;

    /// <summary>Blurs <paramref name="image"/> in place along the face's motion; lengths below 2 do nothing.</summary>
    public static void Apply(Mat image, FrameFace face, MergeOptions options)
    {
        var length = Length(face, options);
        if (length < 2) return;
        var size = length | 1;
        var angle = Math.Atan2(face.Motion.Y, face.Motion.X);
        var half = (length - 1) / 2.0;
        var (dx, dy) = (Math.Cos(angle) * half, Math.Sin(angle) * half);
        var c = size / 2.0 - 0.5;
        using var kernel = new Mat(size, size, MatType.CV_32FC1, Scalar.All(0));
        const int shift = 8;
        var from = new Point((c - dx) * (1 << shift), (c - dy) * (1 << shift));
        var to = new Point((c + dx) * (1 << shift), (c + dy) * (1 << shift));
        Cv2.Line(kernel, from, to, Scalar.All(1), 1, LineTypes.AntiAlias, shift);
        var sum = Cv2.Sum(kernel).Val0;
        if (sum <= 0) return;
        kernel.ConvertTo(kernel, MatType.CV_32FC1, 1 / sum);
        Cv2.Filter2D(image, image, -1, kernel, borderType: BorderTypes.Replicate);
    }
}
