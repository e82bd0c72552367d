namespace FaceLab.Workspace;

/// <summary>
/// What <see cref="WorkspaceInitializer.Clear(WorkspaceLayout, WorkspaceClearPlan)"/> would delete, worked out before anything is:
/// the files (and, for <c>model/</c>, folders) by generated folder, and the links left alone.
/// </summary>
/// <param name="Files">Every file to delete, by the generated folder it is in (workspace-relative name).</param>
/// <param name="Folders">Sub-folders to delete (only inside <c>model/</c>), deepest first.</param>
/// <param name="LinksLeftAlone">Symbolic links met on the way: neither followed nor removed.</param>
public sealed record WorkspaceClearPlan(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Files,
    IReadOnlyList<string> Folders,
    IReadOnlyList<string> LinksLeftAlone)
{
    /// <summary>How many files would be deleted.</summary>
    public int FileCount => Files.Values.Sum(f => f.Count);

    /// <summary>Whether there is nothing to delete.</summary>
    public bool IsEmpty => FileCount == 0 && Folders.Count == 0;
}

/// <summary>What <see cref="WorkspaceInitializer.Clear(WorkspaceLayout, WorkspaceClearPlan)"/> removed, and the links it left alone.</summary>
public sealed record WorkspaceClearReport(int FilesRemoved, int FoldersRemoved, IReadOnlyList<string> LinksLeftAlone);
