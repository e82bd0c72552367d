namespace FaceLab.Training.Sessions;

/// <summary>What a running trainer is doing, for the console and the studio's live page.</summary>
public sealed record TrainingStatus(
    string ModelFolder,
    long Iteration,
    double LastIterationMs,
    float? SourceLoss,
    float? DestinationLoss,
    TrainingState State,
    DateTimeOffset? LastSave,
    string? LatestPreview,
    string? LastMessage);
