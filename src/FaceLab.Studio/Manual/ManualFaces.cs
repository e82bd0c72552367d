using System.Collections.Concurrent;
using FaceLab.Faces.Extraction;
using FaceLab.Faces.Files;
using FaceLab.Studio.Security;
using OpenCvSharp;

namespace FaceLab.Studio.Manual;

/// <summary>A frame as the Manual faces page lists it: its name, image path in the workspace and face count.</summary>
public sealed record ManualFrame(string Name, string Path, int Faces);

/// <summary>One face a frame has now: its box and 68 landmarks in frame pixels, and its file.</summary>
public sealed record ManualFrameFace(string Path, double[] Box, double[][] Landmarks);

/// <summary>
/// The Manual faces page's side of the library: one <see cref="ManualFacePlacement"/> per frames
/// folder (its detector and landmarker stay loaded between requests), faces written to the
/// folder's <c>aligned/</c> as extraction writes them.
/// </summary>
public sealed class ManualFaces(WorkspacePaths paths) : IDisposable
{
    private readonly ConcurrentDictionary<string, ManualFacePlacement> _placements = new(StringComparer.Ordinal);

    /// <summary>The frames of <paramref name="frames"/> (a full path), all or only those without a face.</summary>
    public IReadOnlyList<ManualFrame> Frames(string frames, bool onlyWithoutFaces) =>
        [.. PlacementFor(frames).Frames()
            .Where(f => !onlyWithoutFaces || f.Faces == 0)
            .Select(f => new ManualFrame(f.Name, paths.ToRelative(Path.Combine(frames, f.Name)), f.Faces))];

    /// <summary>The faces frame <paramref name="frame"/> of <paramref name="frames"/> has in <c>aligned/</c> now.</summary>
    public IReadOnlyList<ManualFrameFace> FacesOf(string frames, string frame) =>
        [.. PlacementFor(frames).FaceFilesOf(frame)
            .Select(f => (File: f, Metadata: FaceImageFile.TryReadMetadata(f)))
            .Where(f => f.Metadata is not null)
            .Select(f => new ManualFrameFace(paths.ToRelative(f.File), f.Metadata!.SourceRect, Points(f.Metadata.SourceLandmarks)))];

    /// <summary>The landmarks for a box drawn on frame <paramref name="frame"/>.</summary>
    public double[][] Locate(string frames, string frame, double[] box) =>
        Points(PlacementFor(frames).Locate(frame, ToRect(box)));

    /// <summary>Writes the accepted faces of a frame, replacing its faces; returns their paths in the workspace.</summary>
    public IReadOnlyList<string> Accept(string frames, string frame, IReadOnlyList<(double[] Box, double[][] Landmarks)> faces)
    {
        var placed = faces.Select(f => new PlacedFace(ToRect(f.Box), [.. f.Landmarks.Select(ToPoint)])).ToList();
        return [.. PlacementFor(frames).Accept(frame, placed).Select(paths.ToRelative)];
    }

    /// <summary>The folder the faces of <paramref name="frames"/> go to.</summary>
    public static string AlignedOf(string frames) => Path.Combine(frames, "aligned");

    private ManualFacePlacement PlacementFor(string frames) =>
        _placements.GetOrAdd(frames, f => new ManualFacePlacement(f, AlignedOf(f), FaceExtractionTools.Default));

    private static Rect2d ToRect(double[] box)
    {
        if (box is not { Length: 4 } || !box.All(double.IsFinite) || box[2] <= box[0] || box[3] <= box[1])
            throw StudioRequestException.BadRequest("box", "not a box", "give [left, top, right, bottom] with right > left and bottom > top");
        return new Rect2d(box[0], box[1], box[2] - box[0], box[3] - box[1]);
    }

    private static Point2d ToPoint(double[] point) =>
        point is { Length: 2 } ? new Point2d(point[0], point[1]) : throw StudioRequestException.BadRequest("landmarks", "a point is not [x, y]");

    private static double[][] Points(IEnumerable<Point2d> points) => [.. points.Select(p => new[] { p.X, p.Y })];

    public void Dispose()
    {
        foreach (var placement in _placements.Values) placement.Dispose();
        _placements.Clear();
    }
}
