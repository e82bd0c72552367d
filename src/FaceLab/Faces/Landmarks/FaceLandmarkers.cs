using FaceLab.Assets;
using FaceLab.Common;

namespace FaceLab.Faces.Landmarks;

/// <summary>A landmarker the user can choose: its CLI name, a one-line description and how to make one.</summary>
/// <param name="Create">Makes a landmarker for one worker; shared model data is loaded once per process.</param>
public sealed record LandmarkerDescriptor(string Name, string Description, Func<ILandmarker> Create);

/// <summary>Every landmarker, by CLI name (<c>--landmarks</c>); <see cref="Default"/> is dlib.</summary>
public static class FaceLandmarkers
{
    /// <summary>dlib's 68-point shape predictor.</summary>
    public static LandmarkerDescriptor Dlib { get; } = new(
        DlibLandmarker.CliName,
        "dlib's regression-tree shape predictor (Debian libdlib-data); most accurate on frontal faces, ~8 ms a face",
        () => new DlibLandmarker(DlibShapeModel.LoadShared(SystemFile.DlibShapePredictor.Require())));

    /// <summary>face-api.js's 68-point landmark net.</summary>
    public static LandmarkerDescriptor FaceApi { get; } = new(
        FaceApiLandmarker.CliName,
        "face-api.js 68-point CNN (npm @vladmandic/face-api); steady under box jitter",
        () =>
        {
            AssetStore.Default.Require(AssetCatalog.FaceApiLandmarks);
            return new FaceApiLandmarker(FaceApiLandmarkNet.LoadShared(AssetStore.Default.Require(AssetCatalog.FaceApiLandmarksManifest)));
        });

    /// <summary>MediaPipe's face mesh, mapped to 68 points.</summary>
    public static LandmarkerDescriptor Mesh { get; } = new(
        FaceMeshLandmarker.CliName,
        "MediaPipe face mesh, 468 points mapped to 68 (npm @mediapipe/face_mesh); jaw line approximate",
        () => new FaceMeshLandmarker(AssetStore.Default.Require(AssetCatalog.FaceMesh)));

    /// <summary>The landmarker used when none is named.</summary>
    public static LandmarkerDescriptor Default => Dlib;

    /// <summary>Every landmarker by name, in the order help lists them.</summary>
    public static Registry<LandmarkerDescriptor> Registry { get; } = new("landmarker", [Dlib, FaceApi, Mesh], d => d.Name);

    /// <summary>The landmarkers in listing order.</summary>
    public static IReadOnlyList<LandmarkerDescriptor> All => Registry.Items;

    /// <summary>The landmarker called <paramref name="name"/> (case-insensitive), or an error listing the valid names.</summary>
    public static LandmarkerDescriptor Get(string name) => Registry.Get(name);
}
