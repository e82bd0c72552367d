using FaceLab.Common;

namespace FaceLab.Workspace;

/// <summary>
/// DeepFaceLab's step 1: creates the workspace folders, or deletes what FaceLab generated in
/// them. Clearing deletes only FaceLab's own files: numbered frames, and the images and hidden
/// <c>.facelab-*</c> bookkeeping directly in <c>aligned/</c>, <c>aligned_debug/</c>, <c>merged/</c>
/// and <c>merged_mask/</c>. It never touches the videos, the <c>*_trash</c> folders, the user's
/// other files and folders, or <c>model/</c> unless asked, and never follows a symbolic link: a
/// linked folder (say <c>aligned</c> pointing at a shared face library) is left alone and reported.
/// </summary>
public static class WorkspaceInitializer
{
    /// <summary>Creates the workspace folders at <paramref name="root"/> (the current folder when null); existing ones are kept.</summary>
    public static WorkspaceLayout Create(string? root)
    {
        var layout = WorkspaceLayout.At(root);
        if (File.Exists(layout.Root))
            throw new FaceLabException(layout.Root, "is a file, expected a workspace folder", "choose another folder for the workspace");
        try
        {
            foreach (var folder in layout.Folders) Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FaceLabException(layout.Root, $"cannot create the workspace: {e.Message}", "check that you may write there", e);
        }
        return layout;
    }

    /// <summary>What <see cref="Clear(WorkspaceLayout, WorkspaceClearPlan)"/> would delete; nothing is touched.</summary>
    public static WorkspaceClearPlan PlanClear(WorkspaceLayout layout, bool includeModels)
    {
        var files = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var folders = new List<string>();
        var links = new List<string>();
        void Add(string folder, Func<string, bool> isGenerated)
        {
            if (!IsRealFolder(folder, links)) return;
            var found = new List<string>();
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                if (!isGenerated(Path.GetFileName(file))) continue;
                if (IsLink(file)) links.Add(file);
                else found.Add(file);
            }
            if (found.Count > 0) files[Path.GetRelativePath(layout.Root, folder)] = found;
        }

        foreach (var frames in new[] { layout.SourceFrames, layout.DestinationFrames })
        {
            if (!IsRealFolder(frames, links)) continue;
            Add(frames, IsFrameName);
            foreach (var generated in new[] { "aligned", "aligned_debug", "merged", "merged_mask" })
                Add(Path.Combine(frames, generated), IsFaceLabImageOrBookkeeping);
        }
        if (includeModels && IsRealFolder(layout.Models, links))
            CollectTree(layout.Root, layout.Models, files, folders, links);
        return new WorkspaceClearPlan(files, folders, links);
    }

    /// <summary>Deletes what <see cref="PlanClear"/> lists, then re-creates the workspace folders.</summary>
    public static WorkspaceClearReport Clear(WorkspaceLayout layout, bool includeModels) =>
        Clear(layout, PlanClear(layout, includeModels));

    /// <summary>Deletes the files and folders of <paramref name="plan"/> (links were never entered).</summary>
    public static WorkspaceClearReport Clear(WorkspaceLayout layout, WorkspaceClearPlan plan)
    {
        // A folder another FaceLab process is working in is refused before anything is deleted.
        var locks = new List<ResourceLock>();
        var files = 0;
        try
        {
            foreach (var folder in plan.Files.Values.Select(f => Path.GetDirectoryName(f[0])!))
                locks.Add(ResourceLock.Acquire(folder, "workspace clear"));
            foreach (var file in plan.Files.Values.SelectMany(f => f))
            {
                if (!File.Exists(file) || IsLink(file)) continue;
                File.Delete(file);
                files++;
            }
        }
        finally
        {
            foreach (var held in locks) held.Dispose();
        }
        var folders = 0;
        foreach (var folder in plan.Folders)
        {
            if (!Directory.Exists(folder) || IsLink(folder) || Directory.EnumerateFileSystemEntries(folder).Any()) continue;
            Directory.Delete(folder);
            folders++;
        }
        Create(layout.Root);
        return new WorkspaceClearReport(files, folders, plan.LinksLeftAlone);
    }

    /// <summary>Every file and sub-folder under <c>model/</c>, without entering links.</summary>
    private static void CollectTree(string root, string folder, Dictionary<string, IReadOnlyList<string>> files, List<string> folders, List<string> links)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            if (IsLink(file)) links.Add(file);
            else found.Add(file);
        if (found.Count > 0) files[Path.GetRelativePath(root, folder)] = found;
        foreach (var sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (!IsRealFolder(sub, links)) continue;
            CollectTree(root, sub, files, folders, links);
            folders.Add(sub); // after its contents: deepest first
        }
    }

    /// <summary>An existing folder that is not a link; a link is noted and left alone.</summary>
    private static bool IsRealFolder(string folder, List<string> links)
    {
        if (IsLink(folder))
        {
            links.Add(folder);
            return false;
        }
        return Directory.Exists(folder);
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>A frame as video extraction numbers them: digits only, then .png or .jpg.</summary>
    private static bool IsFrameName(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        return stem.Length > 0 && stem.All(char.IsAsciiDigit) && IsImage(name);
    }

    /// <summary>The faces, debug and merged images FaceLab writes, and its hidden journals and caches.</summary>
    private static bool IsFaceLabImageOrBookkeeping(string name) =>
        name.StartsWith(".facelab-", StringComparison.Ordinal) || (!name.StartsWith('.') && IsImage(name));

    private static bool IsImage(string name) =>
        Path.GetExtension(name).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg";
}
