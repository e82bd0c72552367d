using System.Diagnostics;
using FaceLab.Common;

namespace FaceLab.Media;

/// <summary>
/// Runs Debian's ffmpeg and ffprobe binaries. ffmpeg reports progress on stdout
/// (<c>-progress pipe:1</c>), errors on stderr; Ctrl+C kills the child process.
/// </summary>
internal static class FfmpegProcess
{
    private const int StderrTailLines = 20;

    public static string FfmpegPath => Resolve("ffmpeg");

    public static string FfprobePath => Resolve("ffprobe");

    /// <summary>Runs ffprobe and returns its stdout; throws with ffprobe's error on failure.</summary>
    public static async Task<string> ProbeAsync(IEnumerable<string> args, string inputForErrors, CancellationToken ct)
    {
        var (code, stdout, stderr) = await RunAsync(FfprobePath, args, null, null, ct);
        if (code != 0)
            throw new FaceLabException(inputForErrors, $"not a readable video: {LastLine(stderr, "ffprobe failed")}", "check that the file is a complete video");
        return stdout;
    }

    /// <summary>
    /// Runs ffmpeg with progress reporting. <paramref name="stdinWriter"/> feeds raw frames when the
    /// input is <c>pipe:0</c>. Returns ffmpeg's stderr (warnings and errors at the chosen log level).
    /// </summary>
    public static async Task<string> RunFfmpegAsync(
        IReadOnlyList<string> args, string what, Action<long>? onFrame, Func<Stream, CancellationToken, Task>? stdinWriter, CancellationToken ct)
    {
        var all = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1" };
        if (stdinWriter is not null) all.Remove("-nostdin");
        all.AddRange(args);
        var (code, _, stderr) = await RunAsync(FfmpegPath, all, line =>
        {
            if (onFrame is not null && line.StartsWith("frame=", StringComparison.Ordinal) && long.TryParse(line.AsSpan(6), out var n))
                onFrame(n);
        }, stdinWriter, ct);
        if (code != 0)
            throw new FaceLabException(what, $"ffmpeg failed: {LastLine(stderr, $"exit code {code}")}", "check that the input is a complete video and the disk has room");
        return stderr;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(
        string exe, IEnumerable<string> args, Action<string>? onStdoutLine, Func<Stream, CancellationToken, Task>? stdinWriter, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdinWriter is not null,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);

        using var process = new Process { StartInfo = psi };
        var stdout = new System.Text.StringBuilder();
        var stderrTail = new Queue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (onStdoutLine is null) stdout.AppendLine(e.Data);
            else onStdoutLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderrTail)
            {
                stderrTail.Enqueue(e.Data);
                if (stderrTail.Count > StderrTailLines) stderrTail.Dequeue();
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var kill = ct.Register(() => { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } });
        try
        {
            if (stdinWriter is not null)
            {
                try
                {
                    await stdinWriter(process.StandardInput.BaseStream, ct);
                }
                catch (IOException) when (process.HasExited)
                {
                    // ffmpeg stopped reading (it failed): its exit code and stderr say why.
                }
                finally
                {
                    try { process.StandardInput.Close(); } catch (IOException) { }
                }
            }
            await process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            if (!process.HasExited)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.WaitForExit();
            }
        }
        ct.ThrowIfCancellationRequested();
        string err;
        lock (stderrTail) err = string.Join('\n', stderrTail);
        return (process.ExitCode, stdout.ToString(), err);
    }

    private static string LastLine(string text, string fallback)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? fallback : lines[^1];
    }

    private static string Resolve(string name)
    {
        var overridden = Environment.GetEnvironmentVariable($"FACELAB_{name.ToUpperInvariant()}");
        if (!string.IsNullOrEmpty(overridden)) return overridden;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FaceLabException(name, "not installed", $"run {Assets.AssetStore.InstallCommand}, which installs Debian's ffmpeg");
    }
}
