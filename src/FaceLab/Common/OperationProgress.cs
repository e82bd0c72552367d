namespace FaceLab.Common;

/// <summary>
/// A progress report of a long operation: how many units are done out of how many.
/// <paramref name="Total"/> is null when the total is not known in advance.
/// Renderers derive rate and time left from successive reports.
/// </summary>
public readonly record struct OperationProgress(string Stage, long Done, long? Total, string Unit = "frames");
