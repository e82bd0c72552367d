using System.Text.Json.Serialization;
using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Faces.Files;

/// <summary>
/// What an aligned face image carries about itself (docs/face-metadata.md; DeepFaceLab keeps the same set),
/// so faces can be moved, renamed, sorted and deleted as plain files.
/// JSON field names are snake_case: <c>face_type</c>, <c>landmarks</c>, <c>source_filename</c>, ...
/// </summary>
public sealed record FaceMetadata
{
    /// <summary>Version of this layout; readers refuse newer major versions.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The metadata schema this face was written with.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>DeepFaceLab face type name: half, mid_full, full, whole_face, head, or a <c>_no_align</c> variant.</summary>
    public required string FaceType { get; init; }

    /// <summary>The 68 iBUG points in aligned-image pixels.</summary>
    public required Point2d[] Landmarks { get; init; }

    /// <summary>File name of the frame the face came from (e.g. <c>00042.png</c>).</summary>
    public required string SourceFilename { get; init; }

    /// <summary>Detector box in frame pixels as [left, top, right, bottom].</summary>
    public required double[] SourceRect { get; init; }

    /// <summary>The 68 points in frame pixels.</summary>
    public required Point2d[] SourceLandmarks { get; init; }

    /// <summary>The 2×3 affine frame → aligned face, row-major.</summary>
    public required double[][] ImageToFaceMat { get; init; }

    /// <summary>How far the hull mask pushes the brows up (1.0 = half their distance to the eye line).</summary>
    public double EyebrowsExpandMod { get; init; } = 1.0;

    /// <summary>User-drawn mask polygons in aligned pixels, optional.</summary>
    public MaskPolygons? MaskPolygons { get; init; }

    /// <summary>A trained (learned) mask as a PNG image, optional.</summary>
    public byte[]? TrainedMaskPng { get; init; }

    /// <summary>Detector and landmarker that produced the face (their CLI names).</summary>
    public required string Detector { get; init; }

    /// <summary>The landmarker that placed the landmarks.</summary>
    public required string Landmarker { get; init; }

    /// <summary>The FaceLab version that wrote the face.</summary>
    public string ToolVersion { get; init; } = Common.ToolVersion.Current;

    /// <summary>
    /// <see cref="FaceType"/> as a type. Metadata read from a file was validated, so this never fails
    /// for it; metadata built in code with a bad name throws here.
    /// </summary>
    [JsonIgnore]
    public Alignment.FaceType AlignedFaceType => Alignment.FaceType.Parse(FaceType);

    /// <summary><see cref="ImageToFaceMat"/> as a transform: frame pixels → aligned face pixels.</summary>
    [JsonIgnore]
    public Affine2D ImageToFace => new(ImageToFaceMat[0][0], ImageToFaceMat[0][1], ImageToFaceMat[0][2], ImageToFaceMat[1][0], ImageToFaceMat[1][1], ImageToFaceMat[1][2]);
}

/// <summary>Polygons that add to (include) or cut from (exclude) the face mask.</summary>
public sealed record MaskPolygons(Point2d[][] Include, Point2d[][] Exclude);
