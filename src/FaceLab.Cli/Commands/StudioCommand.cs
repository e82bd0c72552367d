using System.CommandLine;
using FaceLab.Cli.Rendering;
using FaceLab.Studio;
using Microsoft.Extensions.Logging;

namespace FaceLab.Cli.Commands;

/// <summary><c>facelab studio</c>: serves the local web studio over the workspace until Ctrl+C.</summary>
internal static class StudioCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default: a free one)" };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Only print the URL; do not open a browser" };
        var command = new Command("studio", "Serve the local web studio (faces, jobs) on 127.0.0.1; the printed URL carries the session's secret token")
        {
            port, noBrowser,
        };
        CommandRunner.SetAction(console, command, async (result, ct) =>
        {
            var options = new StudioOptions { Workspace = CommonOptions.WorkspaceOf(result).Root, Port = result.GetValue(port) };
            await using var server = await StudioServer.StartAsync(options, logging => logging
                .AddSimpleConsole(o => o.SingleLine = true)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None) // a failed start is the command's one error line
                .SetMinimumLevel(LogLevel.Warning));
            console.Line($"studio: serving {options.Validate().Workspace} at {server.TokenUrl}");
            console.Line("studio: the URL's token is the key to this session; press Ctrl+C to stop");
            var whyNot = result.GetValue(noBrowser) ? "--no-browser" : BrowserLauncher.WhyNot();
            if (whyNot is null && !BrowserLauncher.TryOpen(server.TokenUrl)) whyNot = "no browser launcher found";
            if (whyNot is not null) console.Line($"studio: not opening a browser ({whyNot}); open the URL above");
            console.Out.Profile.Out.Writer.Flush();
            await Task.Delay(Timeout.Infinite, ct);
        }, keptWhenStopped: "running jobs were stopped and kept what they finished");
        return command;
    }
}
