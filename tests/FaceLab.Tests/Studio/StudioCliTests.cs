using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FaceLab.Studio.Security;
using FaceLab.Tests.Support;

namespace FaceLab.Tests.Studio;

/// <summary><c>facelab studio</c> as a user runs it: prints its URL with the token, serves it, and stops on Ctrl+C with exit 130.</summary>
[Collection(StudioCollection.Name)]
public sealed partial class StudioCliTests(StudioWorkspaceFixture data)
{
    [GeneratedRegex(@"^studio: serving (?<workspace>.+) at (?<url>http://127\.0\.0\.1:\d+/s-[A-Za-z0-9_-]{22}/\?token=[A-Za-z0-9_-]{43})$")]
    private static partial Regex ServingLine();

    [Fact]
    public async Task StudioPrintsItsTokenUrlServesTheWorkspaceAndStopsOnCtrlCWithExit130()
    {
        using var temp = new TempFolder();
        var workspace = data.CopyTo(temp.Combine("workspace"));
        using var process = CliProcess.Start(temp.Path, "studio", "--workspace", workspace, "--no-browser");
        try
        {
            var match = ServingLine().Match(await process.StandardOutput.ReadLineAsync() ?? "");
            Assert.True(match.Success, "no URL line");
            Assert.Equal(workspace, match.Groups["workspace"].Value);
            var url = new Uri(match.Groups["url"].Value);
            Assert.Contains("not opening a browser (--no-browser)", await ReadLinesAsync(process, 2));
            using var client = new HttpClient { BaseAddress = new Uri(url.GetLeftPart(UriPartial.Path)) };
            client.DefaultRequestHeaders.Add(SessionToken.HeaderName, url.Query["?token=".Length..]);
            using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/facesets")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/facesets")).StatusCode);

            MediaOracle.Run("kill", "-INT", process.Id.ToString(CultureInfo.InvariantCulture));

            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the studio did not stop on Ctrl+C");
            Assert.Equal(130, process.ExitCode);
            Assert.Contains("facelab: stopped", await process.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true); // a failed assertion leaves no studio running
        }
    }

    [Fact]
    public void APortInUseIsOneErrorLine()
    {
        using var temp = new TempFolder();
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = CliProcess.Run(temp.Path, "studio", "--workspace", data.Template, "--port", port.ToString(CultureInfo.InvariantCulture), "--no-browser");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"facelab: error: 127.0.0.1:{port}: the port is in use by another program (choose another port, or none for a free one)", Assert.Single(result.StderrLines));
    }

    private static async Task<string> ReadLinesAsync(System.Diagnostics.Process process, int count)
    {
        var lines = new List<string>();
        for (var i = 0; i < count; i++) lines.Add(await process.StandardOutput.ReadLineAsync() ?? "");
        return string.Join('\n', lines);
    }
}
