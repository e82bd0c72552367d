using FaceLab.Common;

namespace FaceLab.FaceSets.Sorting;

/// <summary>The sort methods by CLI name (DeepFaceLab's sort menu plus <c>origname</c>), in the order help lists them.</summary>
public static class FaceSortMethods
{
    /// <summary>Every sort method by name.</summary>
    public static Registry<IFaceSortMethod> Registry { get; } = new("sort method",
    [
        new ScalarSort("blur", "sharpest first (gradient energy inside the face hull)", f => f.Sharpness, descending: true),
        new ScalarSort("motion-blur", "least motion blur first (Laplacian variance inside the face hull)", f => f.LaplacianVariance, descending: true),
        new ScalarSort("face-yaw", "head turned to image left first, to image right last (yaw, degrees)", f => f.YawDegrees, descending: true),
        new ScalarSort("face-pitch", "looking up first, looking down last (pitch, degrees)", f => f.PitchDegrees, descending: true),
        new ScalarSort("source-rect-size", "largest face in its frame first (detector box side, frame pixels)", f => f.SourceRectSize, descending: true),
        new HistogramSimilarSort(),
        new HistogramDissimilarSort(),
        new HistogramBlurSort(),
        new ScalarSort("brightness", "brightest first (mean V of HSV inside the face hull, 0..255)", f => f.Brightness, descending: true),
        new ScalarSort("hue", "highest hue first (mean H of HSV inside the face hull, 0..180)", f => f.Hue, descending: true),
        new ScalarSort("black", "fewest black pixels first (share of black pixels, 0..1)", f => f.BlackShare, descending: false),
        new OriginalNameSort(),
        new OneFaceSort(),
        new BestSort(),
    ], m => m.Name);

    /// <summary>The sort methods in listing order.</summary>
    public static IReadOnlyList<IFaceSortMethod> All => Registry.Items;

    /// <summary>Their names.</summary>
    public static IEnumerable<string> Names => Registry.Names;

    /// <summary>The method called <paramref name="name"/> (case-insensitive), or an error listing the valid names.</summary>
    public static IFaceSortMethod Get(string name) => Registry.Get(name);
}
