using System.Globalization;
using FaceLab.Evaluation;
using Spectre.Console;

namespace FaceLab.Cli.Rendering;

/// <summary>An evaluation as a table: each figure, its value, which direction is better, and what it means.</summary>
internal static class EvaluationTable
{
    public static void Write(CliConsole console, EvaluationReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Figure").AddColumn(new TableColumn("Value").RightAligned()).AddColumn("Better").AddColumn("Meaning");
        var id = report.Identity;
        Row(table, "ID retrieval", id.IdRetrieval, "0.00", "higher", "share of swapped faces nearer the src identity than the dst's (1 = all read as src)");
        Row(table, "verified as src", id.SourceVerified, "0.00", "higher", "share of swapped faces the recogniser takes for the src person (distance < 0.6); a blurred face can pass ID retrieval, not this");
        Row(table, "distance to src", id.DistanceToSource, "0.000", "lower", $"face descriptor distance to the mean of {id.SourceFaces} src faces (same person < 0.6)");
        Row(table, "distance to dst", id.DistanceToDestination, "0.000", "higher", $"distance to the original dst faces' mean (the originals sit {id.OriginalDistanceToSource:0.000} from src)");
        Row(table, "pose error", report.PoseError.Mean, "0.00°", "lower",
            $"head pose against the dst face, mean of yaw {report.PoseError.Yaw:0.00}°, pitch {report.PoseError.Pitch:0.00}°, roll {report.PoseError.Roll:0.00}°");
        Row(table, "expression error", report.ExpressionError, "0.000", "lower", "landmark distance after alignment over the eye distance (0 = expression followed)");
        if (report.Reconstruction is { } r)
        {
            Row(table, "reconstruction SSIM", r.Ssim, "0.000", "higher", $"dst → dst of {r.Faces} faces: {r.Selection}");
            Row(table, "reconstruction PSNR", r.Psnr, "0.00 dB", "higher", "same faces, peak signal-to-noise ratio");
        }
        Row(table, "sharpness ratio", report.SharpnessRatio, "0.00", "near 1", "Laplacian variance of the swapped face over the original's (< 1 blurrier)");
        if (report.FlickerRatio is { } flicker)
            Row(table, "flicker ratio", flicker, "0.00", "near 1", "frame-to-frame change of the swapped face over the original's (> 1 flickers)");
        console.Out.Write(table);
        var sampled = report.FramesAvailable > report.Frames ? $" (a sample of {report.FramesAvailable})" : "";
        console.Out.MarkupLineInterpolated($"{report.Faces} faces in {report.Frames} frames{sampled} of {report.MergedFrames}, in {report.Seconds:0.0} s");
    }

    private static void Row(Table table, string figure, double value, string format, string better, string meaning) =>
        table.AddRow(Markup.Escape(figure), Markup.Escape(value.ToString(format, CultureInfo.InvariantCulture)), better, Markup.Escape(meaning));
}
