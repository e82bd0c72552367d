using System.Text.Json;
using FaceLab.Common;
using OpenCvSharp;

namespace FaceLab.Faces.Extraction;

/// <summary>
/// Face boxes placed by hand (brows to chin, jaw to jaw) for frames where detection failed, read from JSON:
/// <c>{"00012.png": [[left, top, right, bottom], ...], ...}</c> in frame pixels. The studio's manual
/// placement writes this file; until then it can be written by hand.
/// </summary>
public static class ManualFaceBoxes
{
    private const int MaxFileBytes = 64 * 1024 * 1024;

    /// <summary>The boxes of a JSON file <c>{"00012.png": [[left, top, right, bottom]]}</c> by frame name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Rect2d>> Load(string path)
    {
        if (!File.Exists(path)) throw new FaceLabException(path, "file not found", "check the box list's path");
        if (new FileInfo(path).Length > MaxFileBytes) throw new FaceLabException(path, "larger than allowed for a box list", "give boxes only for the frames that need them");
        try
        {
            var raw = JsonSerializer.Deserialize<Dictionary<string, double[][]>>(File.ReadAllBytes(path))
                ?? throw new FaceLabException(path, "empty box list", "give each frame's name with its boxes as [[left, top, right, bottom]]");
            return raw.ToDictionary(
                kv => kv.Key,
                kv => (IReadOnlyList<Rect2d>)(kv.Value ?? throw new FaceLabException(path, $"{kv.Key} has no box list", "give [[left, top, right, bottom]]"))
                    .Select(b => ToRect(b, path, kv.Key)).ToList(),
                StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new FaceLabException(path, $"not a box list ({JsonErrors.Reason(e)})", "expected {\"00012.png\": [[left, top, right, bottom]]}", e);
        }
    }

    private static Rect2d ToRect(double[] b, string path, string frame)
    {
        if (b is not { Length: 4 } || !b.All(double.IsFinite) || b[2] <= b[0] || b[3] <= b[1])
            throw new FaceLabException(path, $"box of {frame} is not a box", "give [left, top, right, bottom] with right > left and bottom > top");
        return new Rect2d(b[0], b[1], b[2] - b[0], b[3] - b[1]);
    }
}
