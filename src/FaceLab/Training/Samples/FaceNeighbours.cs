using System.Globalization;
using FaceLab.FaceSets;

namespace FaceLab.Training.Samples;

/// <summary>
/// For each face of a set, the face of the previous and of the next video frame: the frames are
/// the faces' <c>source_filename</c>s, numbered by the digits at the end of their stems (same stem
/// prefix, so two clips are not joined). Frame k's neighbours are the faces of frames k − 1 and
/// k + 1, the one whose detector box centre is nearest when a frame holds several faces. At a clip
/// edge or a gap (a frame without a face, or not extracted) the face itself stands in.
/// </summary>
internal sealed class FaceNeighbours
{
    private readonly int[] _previous;
    private readonly int[] _next;

    private FaceNeighbours(int[] previous, int[] next)
    {
        _previous = previous;
        _next = next;
    }

    /// <summary>Faces in the set.</summary>
    public int Count => _previous.Length;

    /// <summary>The face of the previous frame, or <paramref name="index"/> itself.</summary>
    public int Previous(int index) => _previous[index];

    /// <summary>The face of the next frame, or <paramref name="index"/> itself.</summary>
    public int Next(int index) => _next[index];

    /// <summary>The faces of frames (previous, current, next) of face <paramref name="index"/>.</summary>
    public int[] Frames(int index) => [_previous[index], index, _next[index]];

    public static FaceNeighbours Of(IFaceSet faces)
    {
        var frames = new (string Clip, long? Number, double X, double Y)[faces.Count];
        var byFrame = new Dictionary<(string, long), List<int>>();
        for (var i = 0; i < faces.Count; i++)
        {
            var metadata = faces[i].Metadata;
            var (clip, number) = FrameNumber(metadata.SourceFilename);
            var box = metadata.SourceRect;
            var (x, y) = box.Length >= 4 ? ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2) : (0.0, 0.0);
            frames[i] = (clip, number, x, y);
            if (number is not { } n) continue;
            if (!byFrame.TryGetValue((clip, n), out var list)) byFrame[(clip, n)] = list = [];
            list.Add(i);
        }
        int Nearest(int index, long step)
        {
            var (clip, number, x, y) = frames[index];
            if (number is not { } n || !byFrame.TryGetValue((clip, n + step), out var candidates)) return index;
            return candidates.MinBy(c => Math.Pow(frames[c].X - x, 2) + Math.Pow(frames[c].Y - y, 2));
        }
        return new FaceNeighbours(
            [.. Enumerable.Range(0, faces.Count).Select(i => Nearest(i, -1))],
            [.. Enumerable.Range(0, faces.Count).Select(i => Nearest(i, +1))]);
    }

    /// <summary>The stem without its trailing digits and the number they make (null without digits): <c>frame_00012.png</c> → ("frame_", 12).</summary>
    public static (string Clip, long? Number) FrameNumber(string sourceFilename)
    {
        var stem = Path.GetFileNameWithoutExtension(sourceFilename);
        var end = stem.Length;
        while (end > 0 && char.IsAsciiDigit(stem[end - 1])) end--;
        var digits = stem[end..];
        return digits.Length is > 0 and <= 18
            ? (stem[..end], long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture))
            : (stem, null);
    }
}
