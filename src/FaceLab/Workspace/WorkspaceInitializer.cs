using FaceLab.Common;

namespace FaceLab.Workspace;

/// <summary>What <see cref="WorkspaceInitializer.Clear"/> removed.</summary>
public sealed record WorkspaceClearReport(int FilesRemoved, int FoldersRemoved);

/// <summary>
/// DeepFaceLab's step 1: creates the workspace folders, or empties the generated ones.
/// Clearing never touches the <c>data_src.*</c>/<c>data_dst.*</c> videos or anything outside
/// the generated folders, and leaves <c>model/</c> alone unless asked.
/// </summary>
public static class WorkspaceInitializer
{
    public static WorkspaceLayout Create(string? root)
    {
        var layout = WorkspaceLayout.At(root);
        if (File.Exists(layout.Root))
            throw new FaceLabException($"{layout.Root}: is a file, expected a workspace folder");
        try
        {
            foreach (var folder in layout.Folders) Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FaceLabException($"{layout.Root}: cannot create the workspace ({e.Message})", e);
        }
        return layout;
    }

    /// <summary>
    /// Empties the generated folders (frames, faces, their debug and trash folders, merge output);
    /// with <paramref name="includeModels"/> also <c>model/</c>. Files the user keeps at the
    /// workspace root are not touched.
    /// </summary>
    public static WorkspaceClearReport Clear(WorkspaceLayout layout, bool includeModels)
    {
        int files = 0, folders = 0;
        foreach (var frames in new[] { layout.SourceFrames, layout.DestinationFrames })
        {
            if (!Directory.Exists(frames)) continue;
            foreach (var file in Directory.EnumerateFiles(frames))
            {
                File.Delete(file);
                files++;
            }
            foreach (var dir in Directory.EnumerateDirectories(frames))
            {
                files += EmptyFolder(dir, ref folders);
            }
        }
        if (includeModels && Directory.Exists(layout.Models))
            files += EmptyFolder(layout.Models, ref folders);
        Create(layout.Root);
        return new WorkspaceClearReport(files, folders);
    }

    private static int EmptyFolder(string dir, ref int folders)
    {
        var count = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Count();
        foreach (var sub in Directory.EnumerateDirectories(dir))
        {
            Directory.Delete(sub, recursive: true);
            folders++;
        }
        foreach (var file in Directory.EnumerateFiles(dir)) File.Delete(file);
        return count;
    }
}
