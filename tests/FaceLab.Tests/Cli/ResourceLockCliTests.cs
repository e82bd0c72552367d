using System.Diagnostics;
using FaceLab.Common;
using FaceLab.Media;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Cli;

/// <summary>One FaceLab process per folder: a second one is refused naming the first; a killed holder frees the folder.</summary>
public sealed class ResourceLockCliTests
{
    [Fact]
    public async Task ASecondProcessOnTheSameFolderIsRefusedUntilTheFirstIsKilled()
    {
        using var temp = new TempFolder();
        var frames = temp.Combine("frames");
        await FrameExtractor.ExtractAsync(TestPaths.DemoDestinationVideo, frames, new FrameExtractionOptions { Format = FrameImageFormat.Jpg });
        var aligned = temp.Combine("aligned");

        using var first = CliProcess.Start(temp.Path, "faces", "extract", frames, "--out", aligned, "--workers", "1", "--accurate");
        first.StandardInput.Close();
        _ = first.StandardOutput.ReadToEndAsync();
        _ = first.StandardError.ReadToEndAsync();
        try
        {
            var holder = Path.Combine(aligned, ResourceLock.HolderFileName);
            var waited = Stopwatch.StartNew();
            while (!File.Exists(holder) && !first.HasExited && waited.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(100);
            Assert.False(first.HasExited, "the first extraction ended before it could be raced");
            Assert.True(File.Exists(holder));

            var sort = CliProcess.Run(temp.Path, "faces", "sort", aligned, "--by", "blur");
            var extract = CliProcess.Run(temp.Path, "faces", "extract", frames, "--out", aligned);

            Assert.False(first.HasExited, "the refusals must have raced a running holder");
            foreach (var refused in new[] { sort, extract })
            {
                Assert.Equal(1, refused.ExitCode);
                var line = Assert.Single(refused.StderrLines);
                Assert.Contains("in use by another FaceLab process", line);
                Assert.Contains($"PID {first.Id}", line);
                Assert.Contains("faces extract", line);
            }
        }
        finally
        {
            first.Kill(); // SIGKILL: no clean-up code runs in the holder
            first.WaitForExit();
        }

        Assert.True(File.Exists(Path.Combine(aligned, ResourceLock.HolderFileName)), "the killed holder's description stays; it locks nothing by itself");
        var after = CliProcess.Run(temp.Path, "faces", "sort", aligned, "--by", "blur");
        Assert.Equal(0, after.ExitCode);
        Assert.DoesNotContain("in use", after.Stderr);
    }

    [Fact]
    public void TheLockIsFreeAgainOnceDisposedAndLeavesNothingInTheFolder()
    {
        using var temp = new TempFolder();
        using (ResourceLock.Acquire(temp.Path, "first"))
        {
            var error = Assert.Throws<FaceLabException>(() => ResourceLock.Acquire(temp.Path, "second"));
            Assert.Contains($"PID {Environment.ProcessId}", error.Message);
            Assert.Contains("first", error.Message);
        }
        using (ResourceLock.Acquire(temp.Path, "third")) { }
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
