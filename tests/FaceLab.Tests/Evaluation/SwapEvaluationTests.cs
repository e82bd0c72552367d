using FaceLab.Evaluation;
using OpenCvSharp;
using Xunit.Abstractions;

namespace FaceLab.Tests.Evaluation;

/// <summary>The evaluation on cases whose answers are known: the dst against itself, src faces pasted in, a blurred copy; and with a model, its reconstructions.</summary>
public class SwapEvaluationTests(EvaluationWorkspaceFixture workspace, ITestOutputHelper output) : IClassFixture<EvaluationWorkspaceFixture>
{
    private async Task<EvaluationReport> Evaluate(string mergedFrames, string? model = null)
    {
        var request = EvaluationRequest.In(workspace.Layout, model, mergedFrames) with { Options = new EvaluationOptions { ReconstructionFaces = 10 } };
        var report = await SwapEvaluation.RunAsync(request);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(report.ToJson()));
        return report;
    }

    [Fact]
    public async Task The_dst_frames_against_themselves_read_as_dst_with_no_pose_expression_or_flicker_change()
    {
        var report = await Evaluate(workspace.Layout.DestinationFrames);

        Assert.Equal(workspace.Frames.Count, report.Frames);
        Assert.Equal(report.Frames, report.Faces); // one face in every demo frame
        Assert.Equal(0, report.Identity.IdRetrieval);
        Assert.Equal(0, report.Identity.SourceVerified);
        Assert.InRange(report.Identity.DistanceToDestination, 0, 0.35);
        Assert.InRange(report.Identity.DistanceToSource, 0.6, 2);
        Assert.Equal(report.Identity.OriginalDistanceToSource, report.Identity.DistanceToSource, 9);
        Assert.Equal(0, report.PoseError.Mean, 9);
        Assert.Equal(0, report.ExpressionError, 9);
        Assert.Equal(1, report.SharpnessRatio, 9);
        Assert.Equal(1, report.FlickerRatio!.Value, 9);
        Assert.Null(report.Reconstruction);
    }

    [Fact]
    public async Task Src_faces_pasted_onto_the_dst_faces_read_as_src()
    {
        var paste = new SourcePaste(workspace.Layout.SourceAligned);
        var report = await Evaluate(workspace.ChangedFrames("src-pasted", paste.Paste));

        Assert.InRange(report.Identity.IdRetrieval, 0.95, 1);
        Assert.InRange(report.Identity.SourceVerified, 0.9, 1);
        Assert.InRange(report.Identity.DistanceToSource, 0, 0.6);
        Assert.InRange(report.Identity.DistanceToDestination, 0.6, 2);
        // The src faces keep their own pose and expression: neither follows the dst's.
        Assert.True(report.PoseError.Mean > 1, $"pose error {report.PoseError.Mean}");
        Assert.True(report.ExpressionError > 0.02, $"expression error {report.ExpressionError}");
    }

    [Fact]
    public async Task Src_faces_blurred_beyond_recognition_are_not_verified_as_src()
    {
        var paste = new SourcePaste(workspace.Layout.SourceAligned);
        var report = await Evaluate(workspace.ChangedFrames("src-pasted-blurred", (frame, faces) =>
        {
            using var pasted = paste.Paste(frame, faces);
            return pasted.GaussianBlur(new Size(0, 0), 6);
        }));

        Assert.InRange(report.Identity.SourceVerified, 0, 0.2);
        Assert.InRange(report.SharpnessRatio, 0, 0.3);
    }

    [Fact]
    public async Task A_blurred_copy_of_the_frames_is_less_sharp()
    {
        var report = await Evaluate(workspace.ChangedFrames("blurred", (frame, _) => frame.GaussianBlur(new Size(0, 0), 2.5)));

        Assert.InRange(report.SharpnessRatio, 0, 0.5);
        Assert.Equal(0, report.Identity.IdRetrieval); // still the dst person
        Assert.True(report.FlickerRatio < 1, $"flicker {report.FlickerRatio}"); // blur smooths frame-to-frame noise too
    }

    [Fact]
    public async Task With_a_model_its_dst_reconstructions_are_measured_and_the_report_is_saved_beside_it()
    {
        var model = workspace.Model;
        var report = await Evaluate(workspace.Layout.DestinationFrames, model);

        var reconstruction = Assert.IsType<ReconstructionFigures>(report.Reconstruction);
        Assert.Equal(Path.GetFileName(model), report.Model);
        Assert.Equal(6, report.Iteration);
        Assert.Equal(9, reconstruction.Faces); // at most 10 of 25 faces: one in every 3
        Assert.Contains("one in every 3 of the 25 dst faces", reconstruction.Selection);
        Assert.InRange(reconstruction.Ssim, 0.01, 0.99); // six steps: a blur, far from the face and from noise
        Assert.InRange(reconstruction.Psnr, 5, 40);

        report.Save(model);
        Assert.Equal(report.ToJson(), EvaluationReport.Load(model)!.ToJson());
    }
}
