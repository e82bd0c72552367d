using FaceLab.Common;

namespace FaceLab.Cli.Commands;

/// <summary>
/// The one line the CLI prints for a library error: the library's subject and problem, with the
/// remedy named by this CLI's flags (the library names none).
/// </summary>
internal static class ErrorLine
{
    public static string Of(FaceLabException e)
    {
        if (FlagHint(e.Remedy) is not { } hint) return OneLine(e.Message);
        var text = string.IsNullOrEmpty(e.Subject) ? e.Problem : $"{e.Subject}: {e.Problem}";
        return OneLine($"{text} ({hint})");
    }

    /// <summary>
    /// Errors printed as one line: the tool's own, the file system's, and those that are not the
    /// tool's own but come from what the user gave (argument checks, unreadable data), which must
    /// never reach the user as a stack trace. Anything else is a bug and keeps its trace.
    /// </summary>
    public static bool IsForUser(Exception e) =>
        e is FaceLabException or IOException or UnauthorizedAccessException or ArgumentException or FormatException or InvalidDataException;

    /// <summary>Any error <see cref="IsForUser"/>: its message on one line.</summary>
    public static string Of(Exception e) => e is FaceLabException own ? Of(own) : OneLine(e.Message);

    private static string? FlagHint(Remedy remedy) => remedy switch
    {
        Remedy.Overwrite => "pass --overwrite to replace it",
        Remedy.OtherOutput => "choose another output with --out",
        Remedy.ClearOrOtherOutput => "clear it with facelab workspace init --clear, or choose another --out",
        Remedy.FaceCount => "pass --count N, the number of faces to keep",
        Remedy.NoValueThreshold => "drop --trash-below/--trash-above, or sort --by a method that measures a value",
        Remedy.ReferenceOrFrameRate => "pass --reference or --fps",
        Remedy.FrameRateOrLengthChange => "pass --fps RATE or --allow-length-change",
        _ => null,
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
