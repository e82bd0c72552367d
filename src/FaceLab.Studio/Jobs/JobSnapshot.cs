using FaceLab.Studio.Api;

namespace FaceLab.Studio.Jobs;

public enum JobState
{
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// A job as the page sees it at one moment. <see cref="Version"/> grows with every change, so the
/// live channel sends a job only when it changed.
/// </summary>
/// <param name="Resource">The workspace folder the job works on, relative to the workspace.</param>
/// <param name="Summary">What the job did, once it succeeded.</param>
public sealed record JobSnapshot(
    int Id, string Kind, string Resource, JobState State, JobProgressSnapshot? Progress,
    string? Summary, ErrorBody? Error, DateTimeOffset Started, DateTimeOffset? Ended, long Version, int LogLines);

/// <summary>The last progress report: a stage and how far it is.</summary>
public sealed record JobProgressSnapshot(string Stage, long Done, long? Total, string Unit);

/// <summary>One line of a job's log.</summary>
public sealed record JobLogLine(DateTimeOffset Time, string Text);
