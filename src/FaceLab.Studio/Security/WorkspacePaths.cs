namespace FaceLab.Studio.Security;

/// <summary>
/// Turns a path sent by the page (<c>data_src/aligned/00001.jpg</c>, always relative to the
/// workspace, with <c>/</c>) into a full path that really lies inside the workspace, or refuses it
/// with 403. Refused: absolute paths, <c>..</c>, hidden parts (the studio's cache, lock and journal
/// files), control characters, and any path whose real location, after following every symbolic
/// link on the way, is outside the workspace's real folder.
/// </summary>
public sealed class WorkspacePaths
{
    private const int MaxLinkDepth = 40;
    private const int MaxPathChars = 1024;

    public WorkspacePaths(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        RealRoot = RealPath(Root);
    }

    /// <summary>The workspace as given (full path).</summary>
    public string Root { get; }

    /// <summary>The workspace with every symbolic link resolved: what paths are checked against.</summary>
    public string RealRoot { get; }

    /// <summary>The full path of <paramref name="relative"/> inside the workspace (it need not exist), or a 403.</summary>
    public string Resolve(string? relative)
    {
        var shown = relative ?? "";
        if (string.IsNullOrWhiteSpace(relative)) throw Refused(shown, "is empty");
        if (relative.Length > MaxPathChars) throw Refused(shown[..80] + "...", "is too long");
        if (relative.Any(char.IsControl)) throw Refused(shown, "contains control characters");
        if (relative.Contains('\\')) throw Refused(shown, "contains a backslash");
        if (relative.StartsWith('/') || Path.IsPathRooted(relative) || relative.Contains(':'))
            throw Refused(shown, "is an absolute path");
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p == "..")) throw Refused(shown, "goes up with ..");
        if (parts.Any(p => p.StartsWith('.'))) throw Refused(shown, "names a hidden file or folder");

        var full = Path.Combine([Root, .. parts]);
        var real = RealPath(full);
        if (real != RealRoot && !real.StartsWith(RealRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw Refused(shown, "leads outside the workspace through a symbolic link");
        return full;
    }

    /// <summary>The path relative to the workspace with <c>/</c>, as the page sends it back.</summary>
    public string ToRelative(string full) =>
        Path.GetRelativePath(Root, full).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// <paramref name="path"/> (absolute) with every symbolic link followed part by part, as the
    /// kernel does: a link's target may itself lie under links, and <c>..</c> after a link goes up
    /// from where the link points. Parts that do not exist yet are kept as they are.
    /// </summary>
    internal static string RealPath(string path, int depth = 0)
    {
        if (depth > MaxLinkDepth) throw Refused(path, "has too many levels of symbolic links");
        var root = Path.GetPathRoot(path)!;
        var parts = path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == ".") continue;
            if (parts[i] == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
                next = RealPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target), depth + 1);
            else if (!info.Exists && !Directory.Exists(next))
                return Path.GetFullPath(Path.Combine([next, .. parts[(i + 1)..]]));
            current = next;
        }
        return current.Length > root.Length ? Path.TrimEndingDirectorySeparator(current) : current;
    }

    private static StudioRequestException Refused(string path, string problem) =>
        StudioRequestException.Forbidden(path, $"refused: the path {problem}", "paths are relative to the workspace and stay inside it");
}
