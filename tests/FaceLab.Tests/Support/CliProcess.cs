using System.Diagnostics;

namespace FaceLab.Tests.Support;

/// <summary>Runs the real CLI (FaceLab.Cli.dll from the test output) as a separate process.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Process Start(string workingDirectory, params string[] args) => Start(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(string, string[])"/> with extra environment variables (e.g. fault-injection pauses).</summary>
    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        // Through env --default-signal: a test run started in the background by a script inherits SIGINT
        // ignored (POSIX shells do that to background jobs), and the CLI would then ignore the Ctrl+C a test sends.
        var psi = new ProcessStartInfo("env")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in (string[])["--default-signal=INT,TERM", "dotnet", Path.Combine(AppContext.BaseDirectory, "FaceLab.Cli.dll")]) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        return Process.Start(psi)!;
    }

    public static Result Run(string workingDirectory, params string[] args) => RunWithin(TimeSpan.FromMinutes(3), workingDirectory, args);

    /// <summary>As <see cref="Run"/> for a command that may take longer than 3 minutes (a real-size model on a busy machine).</summary>
    public static Result RunWithin(TimeSpan timeout, string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"facelab {string.Join(' ', args)} did not finish in {timeout.TotalMinutes:0} minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
