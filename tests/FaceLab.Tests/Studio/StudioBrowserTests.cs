using System.Text.RegularExpressions;
using FaceLab.Tests.Support;
using Microsoft.Playwright;

namespace FaceLab.Tests.Studio;

/// <summary>
/// The Faces page in a real headless Chromium over a real workspace: thumbnails load, a range of
/// faces goes to the trash and comes back (the files really move), a sort job runs with its
/// progress in the jobs panel, a face opens over its source frame, 20,000 faces keep the page
/// small, and a page of another origin cannot change anything.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed partial class StudioBrowserTests(StudioWorkspaceFixture data, ChromiumFixture chromium) : StudioBrowserTest(data, chromium)
{
    private static readonly string ScreenshotPath = Path.Combine(TestPaths.RepositoryRoot, "docs", "images", "studio-faces.png");

    private ILocator Tiles => Page.Locator("#grid .tile");

    private ILocator Tile(string name) => Page.Locator($"#grid .tile[data-name='{name}']");

    [Fact]
    public async Task TheFacesPageShowsRealThumbnailsOfTheSourceSet()
    {
        var faces = Directory.GetFiles(Studio.Combine("data_src", "aligned"), "*.jpg").Length;

        await Assertions.Expect(Page.Locator("#face-count")).ToHaveTextAsync($"{faces} faces");
        await Assertions.Expect(Tiles).ToHaveCountAsync(faces);
        await Page.WaitForFunctionAsync("() => [...document.querySelectorAll('#grid .tile img')].every(i => i.complete && i.naturalWidth === 128)");
        Assert.Equal(Studio.Server.Address.AbsolutePath, new Uri(Page.Url).AbsolutePath);
        Assert.DoesNotContain("token", Page.Url); // the token left the address bar

        await Page.Locator("#set-tabs button", new PageLocatorOptions { HasText = "dst" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#face-count")).ToHaveTextAsync($"{Directory.GetFiles(Studio.Combine("data_dst", "aligned"), "*.jpg").Length} faces");
        await Page.WaitForFunctionAsync("() => [...document.querySelectorAll('#grid .tile img')].every(i => i.complete && i.naturalWidth === 128)");
        ScreenshotFile.SaveIfChanged(await Page.ScreenshotAsync(), ScreenshotPath);
    }

    [Fact]
    public async Task AShiftClickedRangeMovesToTheTrashAndRestoreBringsItBack()
    {
        var aligned = Studio.Combine("data_src", "aligned");
        var trash = Studio.Combine("data_src", "aligned_trash");
        var before = Directory.GetFiles(aligned, "*.jpg").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

        await Tile(before[1]).ClickAsync();
        await Tile(before[3]).ClickAsync(new LocatorClickOptions { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(Page.Locator("#selection-status")).ToHaveTextAsync("3 selected");
        await Page.Locator("#trash-button").ClickAsync();

        await Assertions.Expect(Tiles).ToHaveCountAsync(before.Count - 3);
        Assert.Equal(before[1..4], Directory.GetFiles(trash).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([before[0], .. before[4..]], Directory.GetFiles(aligned, "*.jpg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await Assertions.Expect(Page.Locator("#restore-button")).ToHaveTextAsync("Restore trash (3)");

        await Page.Locator("#restore-button").ClickAsync();

        await Assertions.Expect(Tiles).ToHaveCountAsync(before.Count);
        Assert.Equal(before, Directory.GetFiles(aligned, "*.jpg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(trash));
    }

    [Fact]
    public async Task ASortJobRunsWithItsProgressInTheJobsPanelAndTheGridShowsTheNewOrder()
    {
        await Page.Locator("#sort-method").SelectOptionAsync("face-yaw");
        await Page.Locator("#sort-button").ClickAsync();

        var job = Page.Locator("#job-list .job").First;
        await Assertions.Expect(job.Locator(".job-title")).ToHaveTextAsync("#1 faces sort data_src/aligned");
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "succeeded", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
        await Assertions.Expect(job.Locator(".job-progress")).ToHaveTextAsync(ProgressLine());
        await Assertions.Expect(job.Locator(".job-result")).ToContainTextAsync("sorted");
        await Assertions.Expect(Tiles.First).ToHaveAttributeAsync("data-name", "00000.jpg"); // the grid reloaded in the new order

        await job.Locator(".job-log-toggle").ClickAsync();
        await Assertions.Expect(job.Locator(".job-log")).ToContainTextAsync("sort by face-yaw");
    }

    [Fact]
    public async Task ExtractNewFramesRunsAsAJobThatResumesAndRedoesNothing()
    {
        var frames = Directory.GetFiles(Studio.Combine("data_src"), "*.png").Length;

        await Page.Locator("#extract-button").ClickAsync();

        var job = Page.Locator("#job-list .job").First;
        await Assertions.Expect(job.Locator(".job-title")).ToHaveTextAsync("#1 faces extract data_src/aligned");
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "succeeded", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
        await Assertions.Expect(job.Locator(".job-result")).ToHaveTextAsync($"0 faces from 0 frames; {frames} frames were extracted before");
    }

    [GeneratedRegex(@"^rename: (\d+) / \1 files$")]
    private static partial Regex ProgressLine();

    [Fact]
    public async Task AJobGoesOnWhileThePageIsClosedAndShowsAgainWhenItReopens()
    {
        await Page.Locator("#sort-button").ClickAsync();
        await Assertions.Expect(Page.Locator("#job-list .job")).ToHaveCountAsync(1);
        await Page.CloseAsync();
        var job = await Studio.WaitForJobAsync(1);

        Page = await Context.NewPageAsync();
        await OpenAsync(Studio);

        Assert.Equal("succeeded", job.State);
        var shown = Page.Locator("#job-list .job").First;
        await Assertions.Expect(shown.Locator(".job-title")).ToHaveTextAsync("#1 faces sort data_src/aligned");
        await Assertions.Expect(shown).ToHaveAttributeAsync("data-state", "succeeded");
        await Assertions.Expect(shown.Locator(".job-result")).ToHaveTextAsync(job.Summary!);
    }

    [Fact]
    public async Task AnOpenedFaceShowsItsSourceFrameWithBoxLandmarksCropAndMetadata()
    {
        await Tile("00001_0.jpg").DblClickAsync();

        var dialog = Page.Locator("#face-detail");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Page.WaitForFunctionAsync("() => document.getElementById('detail-frame').naturalWidth === 480");
        await Assertions.Expect(dialog.Locator("#detail-overlay circle.landmark")).ToHaveCountAsync(68);
        await Assertions.Expect(dialog.Locator("#detail-overlay rect.box")).ToHaveCountAsync(1);
        await Assertions.Expect(dialog.Locator("#detail-overlay polygon.crop")).ToHaveCountAsync(1);
        await Assertions.Expect(dialog.Locator("#detail-metadata")).ToContainTextAsync("00001.png");
        await Assertions.Expect(dialog.Locator("#detail-metadata")).ToContainTextAsync("ultraface");
    }

    [Fact]
    public async Task TwentyThousandFacesKeepOnlyTheVisibleRowsInThePage()
    {
        // 20,000 links to one real face: a big set made in a second, each a face file of its own name.
        await using var big = await RunningStudio.StartAsync(Data);
        var aligned = big.Combine("data_src", "aligned");
        var face = Directory.GetFiles(aligned, "*.jpg").Order(StringComparer.Ordinal).First();
        foreach (var existing in Directory.GetFiles(aligned, "*.jpg")) if (existing != face) File.Delete(existing);
        for (var i = 1; i < 20_000; i++) File.CreateSymbolicLink(Path.Combine(aligned, $"{i:D5}_1.jpg"), Path.GetFileName(face));
        await OpenAsync(big);

        await Assertions.Expect(Page.Locator("#face-count")).ToHaveTextAsync("20000 faces");
        Assert.InRange(await Tiles.CountAsync(), 1, 200);
        await Page.Locator("#grid").EvaluateAsync("g => g.scrollTop = g.scrollHeight");
        await Assertions.Expect(Tile("19999_1.jpg")).ToBeVisibleAsync();
        Assert.InRange(await Tiles.CountAsync(), 1, 200);
    }

    [Fact]
    public async Task AnotherLocalWebServerNeitherGetsTheCookieNorMovesFacesFromItsPage()
    {
        // Another web server on 127.0.0.1 (same site: cookies ignore the port) serves a page that
        // sends a simple cross-origin POST, which needs no preflight and carries the studio's cookie.
        using var attacker = AttackerPage.Serve();
        await Page.GotoAsync(attacker.Address);
        var target = new Uri(Studio.Server.Address, "api/faces/trash").AbsoluteUri;
        var answered = Page.WaitForResponseAsync(target);

        await Page.EvaluateAsync(
            "url => fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, " +
            "body: JSON.stringify({ folder: 'data_src/aligned', names: ['00001_0.jpg'] }) })", target);

        Assert.Equal(403, (await answered).Status); // the same-origin guard, before anything else
        Assert.NotEmpty(attacker.CookieHeaders);
        Assert.All(attacker.CookieHeaders, c => Assert.DoesNotContain("facelabStudio", c)); // scoped to the session path
        Assert.True(File.Exists(Studio.Combine("data_src", "aligned", "00001_0.jpg")));
        Assert.False(Directory.Exists(Studio.Combine("data_src", "aligned_trash")));
    }

    /// <summary>A one-page web server on another loopback port that notes the cookies it is sent.</summary>
    private sealed class AttackerPage : IDisposable
    {
        private readonly System.Net.HttpListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cookies = new();

        private AttackerPage(int port)
        {
            Address = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Address);
            _listener.Start();
            _ = Task.Run(AnswerAsync);
        }

        public string Address { get; }

        /// <summary>The Cookie header of every request (empty when none was sent).</summary>
        public IReadOnlyCollection<string> CookieHeaders => _cookies;

        public static AttackerPage Serve()
        {
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new AttackerPage(port);
        }

        private async Task AnswerAsync()
        {
            while (_listener.IsListening)
            {
                System.Net.HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (System.Net.HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                _cookies.Enqueue(context.Request.Headers["Cookie"] ?? "");
                var body = "<html><body>an innocent page</body></html>"u8.ToArray();
                context.Response.ContentType = "text/html";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
