using FaceLab.Studio.Jobs;
using FaceLab.Studio.Manual;
using FaceLab.Studio.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FaceLab.Studio.Api;

/// <summary>A box drawn on a frame of a frames folder: [left, top, right, bottom] in frame pixels.</summary>
public sealed record LandmarksRequest(string Folder, string Frame, double[] Box);

/// <summary>A face accepted on a frame: its box and its 68 landmarks ([x, y] in frame pixels), possibly moved by hand.</summary>
public sealed record AcceptedFace(double[] Box, double[][] Landmarks);

/// <summary>The faces accepted for a frame; they replace the frame's faces.</summary>
public sealed record AcceptRequest(string Folder, string Frame, IReadOnlyList<AcceptedFace> Faces);

/// <summary>
/// The Manual faces page's API: a frames folder's frames (all, or those without a face), the faces a
/// frame has, the landmarks for a box drawn by hand, and accepting the faces of a frame.
/// Frame images come from <c>api/image</c>.
/// </summary>
internal static class ManualFaceEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/manual/frames", (string folder, bool? withoutFaces, WorkspacePaths paths, ManualFaces manual) =>
            new { Folder = folder, Frames = manual.Frames(FaceEndpoints.ExistingFolder(folder, paths), withoutFaces == true) });
        api.MapGet("/manual/faces", (string folder, string frame, WorkspacePaths paths, ManualFaces manual) =>
            manual.FacesOf(FaceEndpoints.ExistingFolder(folder, paths), PlainName(frame)));
        api.MapPost("/manual/landmarks", (LandmarksRequest request, WorkspacePaths paths, ManualFaces manual) =>
            new { Landmarks = manual.Locate(FaceEndpoints.ExistingFolder(request.Folder, paths), PlainName(request.Frame), request.Box ?? []) });
        api.MapPost("/manual/accept", (AcceptRequest request, WorkspacePaths paths, ManualFaces manual, JobRunner jobs) =>
        {
            var frames = FaceEndpoints.ExistingFolder(request.Folder, paths);
            var aligned = ManualFaces.AlignedOf(frames);
            jobs.EnsureIdle(aligned, paths.ToRelative(aligned));
            var faces = (request.Faces ?? []).Select(f => (f.Box ?? [], f.Landmarks ?? [])).ToList();
            return new { Written = manual.Accept(frames, PlainName(request.Frame), faces) };
        });
    }

    /// <summary>A frame is named by its file name in the folder, never by a path.</summary>
    private static string PlainName(string frame) =>
        !string.IsNullOrEmpty(frame) && frame == Path.GetFileName(frame) && !frame.StartsWith('.')
            ? frame
            : throw StudioRequestException.Forbidden(frame ?? "", "refused: the path is not a frame name", "name frames of the folder only");
}
