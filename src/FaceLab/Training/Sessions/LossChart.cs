using System.Globalization;
using OpenCvSharp;

namespace FaceLab.Training.Sessions;

/// <summary>The loss curve image: src and dst losses per iteration on a log scale, averaged into pixel columns.</summary>
internal static class LossChart
{
    private static readonly Scalar SourceColour = new(255, 160, 60);
    private static readonly Scalar DestinationColour = new(60, 160, 255);

    /// <summary>Draws the last <paramref name="range"/> iterations (all when null).</summary>
    public static Mat Render(IReadOnlyList<LossPoint> points, int width = 800, int height = 300, long? range = null)
    {
        var chart = new Mat(height, width, MatType.CV_8UC3, Scalar.All(24));
        var shown = range is { } r && points.Count > 0 ? points.Where(p => p.Iteration > points[^1].Iteration - r).ToList() : points.ToList();
        shown = shown.Where(p => float.IsFinite(p.Source) && float.IsFinite(p.Destination) && p.Source > 0 && p.Destination > 0).ToList();
        const int left = 60, bottom = 24, top = 10;
        if (shown.Count < 2)
        {
            Cv2.PutText(chart, "no losses yet", new Point(left, height / 2), HersheyFonts.HersheySimplex, 0.5, Scalar.All(200));
            return chart;
        }
        var lo = Math.Log10(shown.Min(p => Math.Min(p.Source, p.Destination)));
        var hi = Math.Log10(shown.Max(p => Math.Max(p.Source, p.Destination)));
        if (hi - lo < 1e-6) hi = lo + 1e-6;
        var plotWidth = width - left - 10;
        var plotHeight = height - bottom - top;
        int Y(double value) => top + (int)Math.Round((hi - Math.Log10(value)) / (hi - lo) * plotHeight);

        Polyline(chart, Columns(shown, plotWidth, p => p.Source), left, Y, SourceColour);
        Polyline(chart, Columns(shown, plotWidth, p => p.Destination), left, Y, DestinationColour);
        Cv2.Rectangle(chart, new Rect(left, top, plotWidth, plotHeight), Scalar.All(90));
        Cv2.PutText(chart, Math.Pow(10, hi).ToString("0.###", CultureInfo.InvariantCulture), new Point(4, top + 10), HersheyFonts.HersheySimplex, 0.4, Scalar.All(200));
        Cv2.PutText(chart, Math.Pow(10, lo).ToString("0.###", CultureInfo.InvariantCulture), new Point(4, top + plotHeight), HersheyFonts.HersheySimplex, 0.4, Scalar.All(200));
        Cv2.PutText(chart, $"iter {shown[0].Iteration} .. {shown[^1].Iteration}", new Point(left, height - 6), HersheyFonts.HersheySimplex, 0.4, Scalar.All(200));
        Cv2.PutText(chart, "src", new Point(width - 90, height - 6), HersheyFonts.HersheySimplex, 0.4, SourceColour);
        Cv2.PutText(chart, "dst", new Point(width - 50, height - 6), HersheyFonts.HersheySimplex, 0.4, DestinationColour);
        return chart;
    }

    /// <summary>Mean value per pixel column, so a long history draws as fast as a short one.</summary>
    private static List<double> Columns(List<LossPoint> points, int columns, Func<LossPoint, float> value)
    {
        var n = Math.Min(columns, points.Count);
        var result = new List<double>(n);
        for (var c = 0; c < n; c++)
        {
            var from = (int)((long)c * points.Count / n);
            var to = Math.Max(from + 1, (int)((long)(c + 1) * points.Count / n));
            var sum = 0.0;
            for (var i = from; i < to; i++) sum += value(points[i]);
            result.Add(sum / (to - from));
        }
        return result;
    }

    private static void Polyline(Mat chart, List<double> values, int left, Func<double, int> y, Scalar colour)
    {
        var step = values.Count > 1 ? (double)(chart.Width - left - 10) / (values.Count - 1) : 0;
        var line = values.Select((v, i) => new Point(left + (int)Math.Round(i * step), y(v))).ToArray();
        Cv2.Polylines(chart, [line], isClosed: false, colour, 1, LineTypes.AntiAlias);
    }
}
