using FaceLab.Common;
using FaceLab.FaceSets;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// The dst faces to replace, by the frame they came from (their metadata's source file name), in
/// the order of their file names; with each face's movement from the previous and to the next
/// frame (for motion blur). Deleting a face from <c>aligned/</c> means "leave that face".
/// </summary>
internal sealed class DestinationFaces
{
    private readonly Dictionary<string, FrameFace[]> _byFrame;

    private DestinationFaces(Dictionary<string, FrameFace[]> byFrame, int count)
    {
        _byFrame = byFrame;
        Count = count;
    }

    /// <summary>Faces in all frames.</summary>
    public int Count { get; }

    /// <summary>The faces of <paramref name="frameName"/>, empty when it has none.</summary>
    public IReadOnlyList<FrameFace> Of(string frameName) => _byFrame.TryGetValue(frameName, out var faces) ? faces : [];

    /// <summary>
    /// Reads the faces of <paramref name="aligned"/> for the frames <paramref name="frameNames"/> (in order);
    /// a face whose frame is not among them is an error naming both.
    /// </summary>
    public static DestinationFaces Read(string aligned, IReadOnlyList<string> frameNames)
    {
        var byFrame = new Dictionary<string, List<Point2d[]>>(StringComparer.Ordinal);
        var count = 0;
        if (Directory.Exists(aligned))
        {
            var known = frameNames.ToHashSet(StringComparer.Ordinal);
            using var set = FolderFaceSet.Open(aligned);
            foreach (var entry in Enumerable.Range(0, set.Count).Select(i => set[i]).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var frame = entry.Metadata.SourceFilename;
                if (!known.Contains(frame))
                    throw new FaceLabException(Path.Combine(aligned, entry.Name), $"comes from frame {frame}, which is not among the dst frames",
                        "extract the frames again, or delete the faces of frames that are gone");
                if (!byFrame.TryGetValue(frame, out var list)) byFrame[frame] = list = [];
                list.Add(entry.Metadata.SourceLandmarks);
                count++;
            }
        }
        return new DestinationFaces(WithMotion(byFrame, frameNames), count);
    }

    /// <summary>Each face with the nearest face (its landmarks and centre) in the previous and the next frame.</summary>
    private static Dictionary<string, FrameFace[]> WithMotion(Dictionary<string, List<Point2d[]>> byFrame, IReadOnlyList<string> frameNames)
    {
        var result = new Dictionary<string, FrameFace[]>(StringComparer.Ordinal);
        for (var i = 0; i < frameNames.Count; i++)
        {
            if (!byFrame.TryGetValue(frameNames[i], out var faces)) continue;
            var previous = i > 0 && byFrame.TryGetValue(frameNames[i - 1], out var p) ? p : null;
            var next = i + 1 < frameNames.Count && byFrame.TryGetValue(frameNames[i + 1], out var n) ? n : null;
            result[frameNames[i]] = [.. faces.Select(landmarks =>
            {
                var face = new FrameFace(landmarks);
                var (before, after) = (Nearest(previous, face.Centre), Nearest(next, face.Centre));
                return face with
                {
                    PreviousCentre = before?.Centre,
                    NextCentre = after?.Centre,
                    PreviousLandmarks = before?.Landmarks,
                    NextLandmarks = after?.Landmarks,
                };
            })];
        }
        return result;
    }

    private static FrameFace? Nearest(List<Point2d[]>? faces, Point2d centre) =>
        faces?.Select(f => new FrameFace(f)).MinBy(f => f.Centre.DistanceTo(centre));
}
