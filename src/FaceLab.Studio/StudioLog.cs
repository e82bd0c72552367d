using Microsoft.Extensions.Logging;

namespace FaceLab.Studio;

/// <summary>The studio's log messages (source-generated: no formatting unless the level is on).</summary>
internal static partial class StudioLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "job {Id} ({Kind}) failed")]
    public static partial void JobFailed(ILogger logger, Exception exception, int id, string kind);
}
