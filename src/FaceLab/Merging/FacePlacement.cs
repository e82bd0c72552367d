using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// Where one face sits in a frame: the cut transform (frame → model face), the output transform
/// (the same, zoomed by the face scale) and the frame region the merged face can touch, so that
/// every per-pixel step runs on that region instead of the whole frame.
/// </summary>
internal sealed record FacePlacement(Affine2D Cut, Affine2D Output, Rect Region, double FaceSize, int Resolution)
{
    /// <summary>The placement, or null when the face lies wholly outside the frame.</summary>
    public static FacePlacement? Of(FrameFace face, FaceType faceType, int resolution, MergeOptions options, Size frame)
    {
        var cut = FaceAligner.ImageToFace(face.Landmarks, faceType, resolution);
        var output = options.FaceScale == 0
            ? cut
            : FaceAligner.ImageToFace(face.Landmarks, faceType, resolution,
                new AlignmentOptions { Scale = 1 / (1 + 0.01 * options.FaceScale) });
        var toFrame = output.Inverse();
        var corners = toFrame.Apply([new(0, 0), new(resolution, 0), new(resolution, resolution), new(0, resolution)]);
        var faceSize = resolution / output.Scale;
        var margin = MaskEdges.Reach(faceSize, options) + MotionBlur.Reach(face, options) + 2;
        var left = (int)Math.Floor(corners.Min(p => p.X)) - margin;
        var top = (int)Math.Floor(corners.Min(p => p.Y)) - margin;
        var right = (int)Math.Ceiling(corners.Max(p => p.X)) + margin;
        var bottom = (int)Math.Ceiling(corners.Max(p => p.Y)) + margin;
        var (x0, y0) = (Math.Max(left, 0), Math.Max(top, 0));
        var (x1, y1) = (Math.Min(right, frame.Width), Math.Min(bottom, frame.Height));
        return x1 - x0 < 4 || y1 - y0 < 4 ? null : new FacePlacement(cut, output, new Rect(x0, y0, x1 - x0, y1 - y0), faceSize, resolution);
    }

    /// <summary>Region pixels → model face pixels, for warping the prediction into the region.</summary>
    public Affine2D RegionToOutput => Output.After(new Affine2D(1, 0, Region.X, 0, 1, Region.Y));
}
