namespace FaceLab.Common;

/// <summary>
/// A failure the user can act on: bad input, a missing model, an unwritable output. It carries
/// what failed (<see cref="Subject"/>: a file, folder or item), why (<see cref="Problem"/>) and what
/// to do (<see cref="Hint"/>) as separate fields, so the CLI prints one line and the studio shows
/// them as data. Library code never names a CLI flag in any of them.
/// </summary>
public class FaceLabException : Exception
{
    /// <summary>
    /// A structured error: <c>subject: problem (hint)</c> as one line. It is the only constructor,
    /// so no error is built from a preformatted message without its problem said apart.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="problem"/> is empty.</exception>
    public FaceLabException(string subject, string problem, string? hint, Exception? inner = null)
        : base(Compose(subject, problem, hint), inner)
    {
        Subject = subject;
        Problem = problem;
        Hint = hint;
    }

    /// <summary>What failed: the file, folder, option or item; empty when the error is about no one thing.</summary>
    public string Subject { get; }

    /// <summary>Why it failed, in a user's words.</summary>
    public string Problem { get; }

    /// <summary>What the user can do about it, or null.</summary>
    public string? Hint { get; }

    /// <summary>The hint as data, for front ends that name their own control for it; <see cref="Remedy.None"/> when the hint stands alone.</summary>
    public Remedy Remedy { get; init; }

    private static string Compose(string subject, string problem, string? hint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        var text = string.IsNullOrEmpty(subject) ? problem : $"{subject}: {problem}";
        return string.IsNullOrEmpty(hint) ? text : $"{text} ({hint})";
    }
}
