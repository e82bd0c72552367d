using FaceLab.FaceSets.Sorting;
using FaceLab.Faces.Detection;
using FaceLab.Faces.Landmarks;
using FaceLab.Studio.Security;
using FaceTypes = FaceLab.Faces.Alignment.FaceType;

namespace FaceLab.Studio.Jobs;

/// <summary>A <c>faces sort</c> job as the page asks for it: a face folder, a method and an optional count to keep.</summary>
public sealed record SortJobRequest(string Folder, string Method, int? Count = null)
{
    /// <summary>Refuses (400) an unknown method or a negative count before the job starts.</summary>
    public SortJobRequest Validate()
    {
        if (!FaceSortMethods.Registry.TryGet(Method ?? "", out _))
            throw StudioRequestException.BadRequest(Method ?? "", "not a sort method", "one of " + string.Join(", ", FaceSortMethods.Names));
        if (Count is < 0) throw StudioRequestException.BadRequest($"count {Count}", "must be 0 or more");
        return this;
    }
}

/// <summary>
/// A <c>faces extract</c> job: a frames folder (its faces go to <c>aligned/</c> inside it), the
/// detector, landmarker and face type by their CLI names, and whether to extract every frame again.
/// </summary>
public sealed record ExtractJobRequest(string Frames, string? Detector = null, string? Landmarks = null, string? FaceType = null, bool Redo = false)
{
    public string DetectorName => Detector ?? FaceDetectors.DefaultName;

    public string LandmarkerName => Landmarks ?? FaceLandmarkers.Default.Name;

    public string FaceTypeName => FaceType ?? "full";

    /// <summary>Refuses (400) unknown names before the job starts.</summary>
    public ExtractJobRequest Validate()
    {
        if (!FaceDetectors.Registry.TryGet(DetectorName, out _))
            throw StudioRequestException.BadRequest(DetectorName, "not a face detector", "one of " + string.Join(", ", FaceDetectors.Names));
        if (!FaceLandmarkers.Registry.TryGet(LandmarkerName, out _))
            throw StudioRequestException.BadRequest(LandmarkerName, "not a landmarker", "one of " + string.Join(", ", FaceLandmarkers.Registry.Names));
        if (!FaceTypes.TryParse(FaceTypeName, out _))
            throw StudioRequestException.BadRequest(FaceTypeName, "not a face type", "one of " + string.Join(", ", FaceTypes.All));
        return this;
    }
}
