using FaceLab.Common;

namespace FaceLab.Workflow;

/// <summary>
/// Where a workflow reports: a line per step, the trainer's own lines, and live progress of each
/// long step. The CLI renders it on the terminal; tests capture it.
/// </summary>
public interface IWorkflowReporter
{
    /// <summary>One line saying what happened or is about to happen.</summary>
    void Say(string line);

    /// <summary>Where the trainer writes its periodic lines.</summary>
    TextWriter TrainingLog { get; }

    /// <summary>Runs one long step with a live progress display (count, rate, time left).</summary>
    Task<T> TrackAsync<T>(Func<IProgress<OperationProgress>, Task<T>> work);
}
