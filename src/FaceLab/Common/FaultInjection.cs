using System.Globalization;

namespace FaceLab.Common;

/// <summary>
/// Pauses a write at a named moment when an environment variable asks for it, so a fault test in
/// another process can kill FaceLab exactly there and prove what survives. Unset (always, outside
/// such tests) it costs one environment read per moment reached.
/// </summary>
internal static class FaultInjection
{
    /// <summary>Milliseconds to wait once every file of a checkpoint is written, before it is flushed and named.</summary>
    public const string InSave = "FACELAB_FAULT_PAUSE_IN_SAVE_MS";

    /// <summary>Milliseconds to wait after the new checkpoint folder is named, before <c>current</c> points at it.</summary>
    public const string BeforePointer = "FACELAB_FAULT_PAUSE_BEFORE_POINTER_MS";

    /// <summary>
    /// Milliseconds to wait before each rename that gives a file its final name: an output written
    /// whole under its temporary name (<see cref="AtomicOutput"/>), or a face moved by a sort.
    /// </summary>
    public const string BeforeRename = "FACELAB_FAULT_PAUSE_BEFORE_RENAME_MS";

    public static void Pause(string variable)
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0)
            Thread.Sleep(Math.Min(ms, 60_000));
    }
}
