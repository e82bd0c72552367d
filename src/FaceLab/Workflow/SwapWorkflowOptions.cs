using FaceLab.Common;
using FaceLab.Training.Sessions;

namespace FaceLab.Workflow;

/// <summary>
/// The whole workflow on one src/dst pair in a workspace of its own: which videos, how densely to
/// sample the src, how many src faces to keep, and how to train.
/// </summary>
public sealed record SwapWorkflowOptions
{
    /// <summary>The workspace folder; created when missing.</summary>
    public required string Workspace { get; init; }

    /// <summary>The video whose face is put in (src).</summary>
    public required string SourceVideo { get; init; }

    /// <summary>The video whose faces are replaced (dst); every frame of it is merged.</summary>
    public required string DestinationVideo { get; init; }

    /// <summary>
    /// Copy the videos into the workspace as <c>data_src.*</c>/<c>data_dst.*</c> [false: use them in
    /// place, as a user's own long videos should not be duplicated].
    /// </summary>
    public bool CopyVideos { get; init; }

    /// <summary>Src frames extracted per second [null: as many as give about <see cref="SourceFrameBudget"/> frames].</summary>
    public double? SourceFps { get; init; }

    /// <summary>Src frames to aim for when <see cref="SourceFps"/> is not given [400].</summary>
    public int SourceFrameBudget { get; init; } = 400;

    /// <summary>Share of the src faces kept by the <c>best</c> sort; the rest go to the trash [0.8].</summary>
    public double KeepSourceFaces { get; init; } = 0.8;

    /// <summary>Size of the aligned faces in pixels [128].</summary>
    public int FaceSize { get; init; } = 128;

    /// <summary>How to train.</summary>
    public SwapTrainingRecipe Training { get; init; } = SwapTrainingRecipe.CpuDemo;

    /// <summary>The clock the training budget is counted on [the system clock]; see <see cref="TrainingSessionOptions.BudgetClock"/>.</summary>
    public TimeProvider TrainingClock { get; init; } = TimeProvider.System;

    /// <summary>Frames the evaluation measures, as runs of consecutive frames [250; null: every frame].</summary>
    public int? EvaluationFrames { get; init; } = 250;

    /// <summary>The model's name in the workspace's model folder [swap].</summary>
    public string ModelName { get; init; } = "swap";

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        foreach (var video in new[] { SourceVideo, DestinationVideo })
            if (!File.Exists(video)) throw new FaceLabException(video, "does not exist", "give the path of a video file");
        if (SourceFps is { } fps && !(fps > 0)) throw new FaceLabException($"src rate {fps}", "must be a positive number of frames per second", null);
        if (SourceFrameBudget < 10) throw new FaceLabException($"src frame budget {SourceFrameBudget}", "must be at least 10", null);
        if (!(KeepSourceFaces is > 0 and <= 1)) throw new FaceLabException($"share of src faces kept {KeepSourceFaces}", "must be above 0 and at most 1", null);
        if (EvaluationFrames is < 10) throw new FaceLabException($"{EvaluationFrames} evaluation frames", "must be at least 10", null);
        if (FaceSize is < 64 or > 1024) throw new FaceLabException($"face size {FaceSize}", "must be 64–1024 pixels", null);
        Training.Validate();
    }
}
