using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace FaceLab.Common;

/// <summary>
/// One FaceLab process at a time per folder (frames, faces, a model): an exclusive <c>flock</c> on
/// the folder itself, held while the instance lives. The OS drops the lock when the process ends
/// in any way, <c>kill -9</c> included, and no lock file is involved, so nothing stale can lock a
/// folder and nothing is left in it. While held, <c>.facelab-lock-holder</c> in the folder names
/// the holder's PID and command line for the message a refused process shows; it is information
/// only (a killed holder leaves it behind, and the next holder replaces it). On a file system
/// without <c>flock</c> the work goes ahead unlocked rather than not at all.
/// </summary>
public sealed class ResourceLock : IDisposable
{
    /// <summary>The hidden file in the locked folder that is locked and names its holder.</summary>
    public const string HolderFileName = ".facelab-lock-holder";

    private const int MaxHolderChars = 400;
    private const int Unlocked = -1;

    private readonly int _descriptor;
    private bool _disposed;

    private ResourceLock(string folder, int descriptor)
    {
        Folder = folder;
        _descriptor = descriptor;
    }

    /// <summary>The locked folder (full path).</summary>
    public string Folder { get; }

    /// <summary>
    /// Locks <paramref name="folder"/> (which must exist) for <paramref name="operation"/> (e.g.
    /// <c>faces extract</c>, shown to a process refused); throws a <see cref="FaceLabException"/>
    /// naming the holder when another process has it. Never waits. Dispose to release.
    /// </summary>
    public static ResourceLock Acquire(string folder, string operation)
    {
        folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var descriptor = LibC.OpenFolder(folder);
        if (descriptor < 0)
            throw new FaceLabException(folder, $"cannot open the folder to lock it (error {Marshal.GetLastPInvokeError()})", "check that it exists and is readable");
        if (LibC.Flock(descriptor, LibC.LockExclusiveNonBlocking) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            _ = LibC.Close(descriptor);
            if (error == LibC.WouldBlock)
                throw new FaceLabException(folder, $"in use by another FaceLab process ({Holder(folder)})", "wait for it to finish or stop it, then run again");
            return new ResourceLock(folder, Unlocked);
        }
        WriteHolder(folder, operation);
        return new ResourceLock(folder, descriptor);
    }

    /// <summary>Releases the lock (a crash releases it too: the kernel drops it with the process).</summary>
    public void Dispose()
    {
        if (_disposed || _descriptor == Unlocked) return;
        _disposed = true;
        try
        {
            File.Delete(Path.Combine(Folder, HolderFileName)); // before unlocking: a next holder's file is never removed
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stale description is harmless: the lock decides.
        }
        _ = LibC.Close(_descriptor);
    }

    private static void WriteHolder(string folder, string operation)
    {
        var command = string.Join(' ', Environment.GetCommandLineArgs());
        var text = string.Create(CultureInfo.InvariantCulture,
            $"PID {Environment.ProcessId}, {operation}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z: {command}");
        try
        {
            AtomicOutput.WriteAllBytes(Path.Combine(folder, HolderFileName), Encoding.UTF8.GetBytes(text.Length > MaxHolderChars ? text[..MaxHolderChars] : text));
        }
        catch (FaceLabException)
        {
            // The description is a courtesy; the lock itself is held.
        }
    }

    private static string Holder(string folder)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(folder, HolderFileName), Encoding.UTF8).ReplaceLineEndings(" ").Trim();
            return text.Length == 0 ? "holder unknown" : text.Length > MaxHolderChars ? text[..MaxHolderChars] : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "holder unknown";
        }
    }
}
