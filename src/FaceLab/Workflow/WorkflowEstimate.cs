using FaceLab.Media;
using FaceLab.Workspace;

namespace FaceLab.Workflow;

/// <summary>
/// How long the workflow's remaining steps should take on this machine, from rates measured on
/// 2 CPU cores at the demo's frame sizes (bench/RESULTS.md): a step already done costs nothing.
/// </summary>
internal readonly record struct WorkflowEstimate(TimeSpan Total, TimeSpan Training, long? TargetIteration = null)
{
    // Frames (or faces) per second of each step on 2 cores, rounded down from the benchmarks.
    private const double FramesDecodedPerSecond = 150;
    private const double FramesSearchedForFacesPerSecond = 40;
    private const double FacesSortedPerSecond = 100;
    private const double FramesMergedPerSecond = 12;
    private const double FramesAssembledPerSecond = 80;
    private const double FramesEvaluatedPerSecond = 3;

    public static WorkflowEstimate For(WorkspaceLayout layout, WorkflowState state, SwapWorkflowOptions options, double sourceFrames, long destinationFrames)
    {
        double seconds = 0;
        if (FrameSequence.In(layout.SourceFrames).Count == 0) seconds += sourceFrames / FramesDecodedPerSecond;
        if (FrameSequence.In(layout.DestinationFrames).Count == 0) seconds += destinationFrames / FramesDecodedPerSecond;
        // Face extraction resumes frame by frame; counting it whole errs on the long side.
        seconds += (sourceFrames + destinationFrames) / FramesSearchedForFacesPerSecond;
        if (state.SourceFacesKept is null) seconds += sourceFrames / FacesSortedPerSecond;
        var training = TimeSpan.FromSeconds(Math.Max(0, options.Training.Minutes * 60 - state.TrainedSeconds));
        seconds += destinationFrames / FramesMergedPerSecond + destinationFrames / FramesAssembledPerSecond;
        seconds += Math.Min(destinationFrames, options.EvaluationFrames ?? destinationFrames) / FramesEvaluatedPerSecond;
        return new WorkflowEstimate(TimeSpan.FromSeconds(seconds) + training, training, options.Training.TargetIteration);
    }

    public override string ToString() => TargetIteration is { } target
        ? $"about {Math.Ceiling((Total - Training).TotalMinutes):0} minutes plus training to iteration {target} (at most {Training.TotalMinutes:0.#} minutes)"
        : $"about {Math.Ceiling(Total.TotalMinutes):0} minutes ({Training.TotalMinutes:0.#} of them training)";
}
