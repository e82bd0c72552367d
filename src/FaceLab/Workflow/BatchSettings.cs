namespace FaceLab.Workflow;

/// <summary>
/// The settings a batch manifest gives for every pair and a pair may override, as written in the
/// file (snake_case); a value left out falls back to the batch's, then to the workflow's default.
/// </summary>
internal record BatchSettings
{
    public BatchTrainingSettings? Training { get; init; }

    public double? SrcFps { get; init; }

    public int? SrcFrameBudget { get; init; }

    public double? KeepSrcFaces { get; init; }

    public int? FaceSize { get; init; }

    public int? EvaluationFrames { get; init; }

    /// <summary>The workflow of one pair with these settings over <paramref name="batch"/>'s.</summary>
    public SwapWorkflowOptions OptionsOver(BatchSettings batch, string workspace, string src, string dst)
    {
        var own = Training ?? new BatchTrainingSettings();
        var all = batch.Training ?? new BatchTrainingSettings();
        var recipe = SwapTrainingRecipe.CpuDemo;
        var target = own.TargetIter ?? all.TargetIter;
        var defaults = new SwapWorkflowOptions { Workspace = workspace, SourceVideo = src, DestinationVideo = dst };
        return defaults with
        {
            SourceFps = SrcFps ?? batch.SrcFps,
            SourceFrameBudget = SrcFrameBudget ?? batch.SrcFrameBudget ?? defaults.SourceFrameBudget,
            KeepSourceFaces = KeepSrcFaces ?? batch.KeepSrcFaces ?? defaults.KeepSourceFaces,
            FaceSize = FaceSize ?? batch.FaceSize ?? defaults.FaceSize,
            EvaluationFrames = EvaluationFrames ?? batch.EvaluationFrames ?? defaults.EvaluationFrames,
            Training = recipe with
            {
                Model = own.Model ?? all.Model ?? recipe.Model,
                Preset = own.Preset ?? all.Preset ?? recipe.Preset,
                BatchSize = own.BatchSize ?? all.BatchSize ?? recipe.BatchSize,
                LearningRate = own.LearningRate ?? all.LearningRate ?? recipe.LearningRate,
                Seed = own.Seed ?? all.Seed ?? recipe.Seed,
                TargetIteration = target,
                Minutes = own.Minutes ?? all.Minutes ?? (target is null ? recipe.Minutes : BatchTrainingSettings.TargetOnlyMinutes),
            },
        };
    }
}

/// <summary>How a batch trains, as written in its manifest: <c>minutes</c>, <c>target_iter</c> or both (whichever comes first).</summary>
internal sealed record BatchTrainingSettings
{
    /// <summary>The time cap when only a target iteration is given: a week.</summary>
    public const double TargetOnlyMinutes = 7 * 24 * 60;

    public string? Model { get; init; }

    public string? Preset { get; init; }

    public double? Minutes { get; init; }

    public long? TargetIter { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRate { get; init; }

    public int? Seed { get; init; }
}

/// <summary>One pair of a batch manifest as written: its name, its videos and its own settings.</summary>
internal sealed record BatchPairEntry : BatchSettings
{
    public string? Name { get; init; }

    public string? Src { get; init; }

    public string? Dst { get; init; }
}

/// <summary>A batch manifest as written.</summary>
internal sealed record BatchFile : BatchSettings
{
    public string? Workspaces { get; init; }

    public List<BatchPairEntry>? Pairs { get; init; }
}
