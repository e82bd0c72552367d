using FaceLab.Faces.Alignment;
using OpenCvSharp;

namespace FaceLab.Merging;

/// <summary>
/// The debug view of a merged frame: one row per face of the dst face, the adjusted prediction,
/// the merge mask and the merged result (all in model face space, side by side), and the merge
/// settings printed underneath, so a picture tells how it was made.
/// </summary>
internal static class MergeDebugImage
{
    /// <summary>Side of each picture in the view, in pixels.</summary>
    public const int Tile = 192;

    private const double FontScale = 0.45;
    private const int LineHeight = 18;
    private static readonly string[] Titles = ["dst", "predicted", "mask", "result"];

    /// <summary>One face's pictures; owns them.</summary>
    public sealed class Row(Mat destination, Mat prediction, Mat mask, Affine2D cut) : IDisposable
    {
        public Mat Destination { get; } = destination;

        public Mat Prediction { get; } = prediction;

        public Mat Mask { get; } = mask;

        public Mat? Result { get; private set; }

        /// <summary>Cuts the merged face from the merged frame with the same transform as the dst face.</summary>
        public void CutResult(Mat mergedFrame, int resolution)
        {
            Result?.Dispose();
            Result = FaceWarp.ToFace(mergedFrame, cut, resolution);
        }

        public void Dispose()
        {
            Destination.Dispose();
            Prediction.Dispose();
            Mask.Dispose();
            Result?.Dispose();
        }
    }

    /// <summary>The view as a <c>CV_8UC3</c> image (only the settings when there are no faces).</summary>
    public static Mat Draw(IReadOnlyList<Row> rows, MergeOptions options)
    {
        var lines = Wrap(options.Describe(), Tile * Titles.Length);
        var width = Tile * Titles.Length;
        var view = new Mat(rows.Count * Tile + lines.Count * LineHeight + 6, width, MatType.CV_8UC3, Scalar.All(0));
        for (var r = 0; r < rows.Count; r++)
        {
            Mat?[] pictures = [rows[r].Destination, rows[r].Prediction, rows[r].Mask, rows[r].Result];
            for (var c = 0; c < pictures.Length; c++)
            {
                if (pictures[c] is not { } picture) continue;
                using var tile = ToTile(picture);
                using var target = new Mat(view, new Rect(c * Tile, r * Tile, Tile, Tile));
                tile.CopyTo(target);
                Cv2.PutText(view, Titles[c], new Point(c * Tile + 4, r * Tile + 16), HersheyFonts.HersheySimplex, FontScale, Scalar.All(255), 1, LineTypes.AntiAlias);
            }
        }
        for (var i = 0; i < lines.Count; i++)
            Cv2.PutText(view, lines[i], new Point(4, rows.Count * Tile + (i + 1) * LineHeight - 2), HersheyFonts.HersheySimplex, FontScale, Scalar.All(255), 1, LineTypes.AntiAlias);
        return view;
    }

    /// <summary>Any face picture (float 0..1 or bytes, 1 or 3 channels) as a Tile² BGR byte image.</summary>
    private static Mat ToTile(Mat picture)
    {
        using var bytes = new Mat();
        picture.ConvertTo(bytes, MatType.MakeType(MatType.CV_8U, picture.Channels()), picture.Depth() == MatType.CV_8U ? 1 : 255);
        using var colour = new Mat();
        if (bytes.Channels() == 1) Cv2.CvtColor(bytes, colour, ColorConversionCodes.GRAY2BGR);
        else bytes.CopyTo(colour);
        return colour.Resize(new Size(Tile, Tile), interpolation: InterpolationFlags.Area);
    }

    /// <summary>Breaks the settings line at spaces so each piece fits the width.</summary>
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            var size = Cv2.GetTextSize(candidate, HersheyFonts.HersheySimplex, FontScale, 1, out _);
            if (size.Width > width - 8 && current.Length > 0)
            {
                lines.Add(current);
                current = word;
            }
            else current = candidate;
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }
}
