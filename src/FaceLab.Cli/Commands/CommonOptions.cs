using System.CommandLine;
using FaceLab.Workspace;

namespace FaceLab.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static readonly Option<DirectoryInfo> Workspace = new("--workspace")
    {
        Description = "Workspace folder (default: the current folder)",
        Recursive = true,
    };

    public static Option<bool> Overwrite(string what) => new("--overwrite")
    {
        Description = $"Replace {what} that already exists (default: refuse)",
    };

    public static WorkspaceLayout WorkspaceOf(ParseResult result) =>
        WorkspaceLayout.At(result.GetValue(Workspace)?.FullName);
}
