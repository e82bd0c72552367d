namespace FaceLab.Faces.Landmarks;

/// <summary>Settings of <see cref="FaceApiLandmarker"/>.</summary>
/// <param name="CropScale">Side of the square crop fed to the net, in longer sides of the detector box (default 1.2, measured best on the annotated faces).</param>
/// <param name="CropShiftY">Vertical shift of the crop centre, in longer sides of the box (default 0).</param>
/// <param name="Passes">
/// Net runs per face (default 2): later runs crop around the previous run's points, which makes the
/// result nearly independent of where exactly the detector put its box.
/// </param>
internal sealed record FaceApiLandmarkerOptions(double CropScale = 1.2, double CropShiftY = 0, int Passes = 2)
{
    public static FaceApiLandmarkerOptions Default { get; } = new();
}
