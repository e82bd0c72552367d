using FaceLab.Common;

namespace FaceLab.Studio;

/// <summary>How a studio is served. <see cref="Validate"/> checks them before anything starts.</summary>
public sealed record StudioOptions
{
    /// <summary>Largest request body accepted (the page sends small JSON only; no uploads yet).</summary>
    public const long MaxRequestBodyBytes = 1 << 20;

    /// <summary>The workspace folder the studio shows and changes; nothing outside it is served.</summary>
    public required string Workspace { get; init; }

    /// <summary>Loopback port [0: a free one the system picks].</summary>
    public int Port { get; init; }

    /// <summary>The options with the workspace as a full path; a <see cref="FaceLabException"/> when one is unusable.</summary>
    public StudioOptions Validate()
    {
        if (Port is < 0 or > 65535) throw new FaceLabException($"--port {Port}", "must be between 0 (a free port) and 65535", null);
        var workspace = Path.GetFullPath(Workspace);
        if (!Directory.Exists(workspace)) throw new FaceLabException(workspace, "folder not found", "create a workspace with facelab workspace init");
        return this with { Workspace = workspace };
    }
}
