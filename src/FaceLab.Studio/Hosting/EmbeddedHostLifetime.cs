using Microsoft.Extensions.Hosting;

namespace FaceLab.Studio.Hosting;

/// <summary>
/// The studio runs inside a command: the command owns Ctrl+C and SIGTERM (it stops the studio
/// and exits 130), so the host must not take the signals for itself as its console lifetime would.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
