using FaceLab.Common;

namespace FaceLab.Assets;

/// <summary>A model file installed by a Debian package (see scripts/install-system-packages.sh).</summary>
internal sealed record SystemFile(string Path, string DebianPackage, string Description)
{
    public static readonly SystemFile DlibShapePredictor = new(
        "/usr/share/dlib/shape_predictor_68_face_landmarks.dat", "libdlib-data", "dlib's 68-point shape predictor");

    public static readonly SystemFile HaarFrontalFace = new(
        "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml", "opencv-data", "OpenCV's frontal-face Haar cascade");

    /// <summary>The file's path, or a one-line error naming the package that installs it.</summary>
    public string Require() =>
        File.Exists(Path)
            ? Path
            : throw new FaceLabException(Path, $"{Description} is not installed", $"run {AssetStore.InstallCommand}, which installs Debian's {DebianPackage}");
}
