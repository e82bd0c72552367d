namespace FaceLab.Common;

/// <summary>
/// A failure the user can act on: bad input, a missing model, an unwritable output. It carries
/// what failed (<see cref="Subject"/>: a file, folder or item), why (<see cref="Problem"/>) and what
/// to do (<see cref="Hint"/>) as separate fields, so the CLI prints one line and the studio shows
/// them as data. Library code never names a CLI flag in any of them.
/// </summary>
public class FaceLabException : Exception
{
    /// <summary>A structured error: <c>subject: problem (hint)</c> as one line.</summary>
    public FaceLabException(string subject, string problem, string? hint, Exception? inner = null)
        : base(Compose(subject, problem, hint), inner)
    {
        Subject = subject;
        Problem = problem;
        Hint = hint;
    }

    /// <summary>An error whose message is already one line of the form <c>subject: problem</c>.</summary>
    public FaceLabException(string message) : this(message, (Exception?)null) { }

    /// <summary>An error whose message is already one line of the form <c>subject: problem</c>, caused by <paramref name="inner"/>.</summary>
    public FaceLabException(string message, Exception? inner) : base(message, inner)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        Subject = colon > 0 ? message[..colon] : "";
        Problem = colon > 0 ? message[(colon + 2)..] : message;
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
        var text = string.IsNullOrEmpty(subject) ? problem : $"{subject}: {problem}";
        return string.IsNullOrEmpty(hint) ? text : $"{text} ({hint})";
    }
}
