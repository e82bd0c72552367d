using FaceLab.Faces.Alignment;
using FaceLab.Faces.Files;
using FaceLab.Tests.Faces.Detection;
using FaceLab.Tests.Support;
using OpenCvSharp;

namespace FaceLab.Tests.Training.Samples;

/// <summary>
/// The 9 annotated photos aligned with their ground-truth landmarks (full face, 256 px) and written
/// as FaceLab face files, plus one image without metadata; and a blue-tinted copy of the set as a
/// colour reference. Built once per test class.
/// </summary>
public sealed class AlignedFaceSetFixture : IDisposable
{
    public const int FaceSize = 256;
    public const string NoMetadataName = "zz_no_metadata.jpg";

    private readonly TempFolder _temp = new();

    public AlignedFaceSetFixture()
    {
        Folder = _temp.Combine("aligned");
        TintedFolder = _temp.Combine("tinted");
        Directory.CreateDirectory(Folder);
        Directory.CreateDirectory(TintedFolder);
        for (var i = 0; i < AnnotatedFace.All.Count; i++)
        {
            var annotated = AnnotatedFace.All[i];
            using var frame = Cv2.ImRead(annotated.ImagePath, ImreadModes.Color);
            using var face = AlignedFace.Extract(frame, annotated.Landmarks, FaceType.Full, FaceSize);
            var metadata = Metadata(annotated, face);
            var name = $"{i:D5}_0.jpg";
            FaceImageFile.Write(Path.Combine(Folder, name), face.Image, metadata);
            using var tinted = new Mat();
            Cv2.Multiply(face.Image, new Scalar(1.0, 0.7, 0.5), tinted);
            FaceImageFile.Write(Path.Combine(TintedFolder, name), tinted, metadata);
            if (i == 0) Cv2.ImWrite(Path.Combine(Folder, NoMetadataName), face.Image);
        }
    }

    /// <summary>9 face files and one plain JPEG.</summary>
    public string Folder { get; }

    /// <summary>The same faces with green and red reduced (a blue cast).</summary>
    public string TintedFolder { get; }

    public void Dispose() => _temp.Dispose();

    private static FaceMetadata Metadata(AnnotatedFace annotated, AlignedFace face)
    {
        var t = face.ImageToFace;
        var xs = annotated.Landmarks.Select(p => p.X).ToArray();
        var ys = annotated.Landmarks.Select(p => p.Y).ToArray();
        return new FaceMetadata
        {
            FaceType = face.FaceType.ToString(),
            Landmarks = [.. face.Landmarks],
            SourceFilename = Path.GetFileName(annotated.ImagePath),
            SourceRect = [xs.Min(), ys.Min(), xs.Max(), ys.Max()],
            SourceLandmarks = annotated.Landmarks,
            ImageToFaceMat = [[t.M00, t.M01, t.M02], [t.M10, t.M11, t.M12]],
            Detector = "manual",
            Landmarker = "ground-truth",
        };
    }
}
