using System.Globalization;
using FaceLab.Tests.Support;
using Microsoft.Playwright;

namespace FaceLab.Tests.Studio;

/// <summary>
/// The Merge page in a real headless Chromium over the real workspace with a real (tiny) model: a
/// frame's merge shows, a changed option shows the new image within a second, the original can be
/// compared; the merge and assembly run as one job from the page and the result plays.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class StudioMergeBrowserTests(StudioWorkspaceFixture data, ChromiumFixture chromium, StudioModelFixture model)
    : IClassFixture<ChromiumFixture>, IClassFixture<StudioModelFixture>, IAsyncLifetime
{
    private static readonly string ScreenshotPath = Path.Combine(TestPaths.RepositoryRoot, "docs", "images", "studio-merge.png");

    private RunningStudio _studio = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _studio = await RunningStudio.StartAsync(data);
        model.InstallInto(_studio.Workspace, data);
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        _page = await _context.NewPageAsync();
        await _page.GotoAsync(_studio.Server.TokenUrl.AbsoluteUri);
        await _page.Locator("body[data-ready=true]").WaitForAsync();
        await _page.Locator("nav a[href='#merge']").ClickAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _studio.DisposeAsync();
    }

    private ILocator Result => _page.Locator("#merge-result");

    private async Task<int> RenderedVersionAsync() => int.Parse(await Result.GetAttributeAsync("data-version") ?? "0", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AChangedMergeOptionShowsTheNewImageWithinASecond()
    {
        await Assertions.Expect(_page.Locator("#merge-page")).ToBeVisibleAsync();
        await Assertions.Expect(_page.Locator("#faces-page")).ToBeHiddenAsync();
        await Assertions.Expect(Result).ToHaveAttributeAsync("data-version", "1", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
        await Assertions.Expect(_page.Locator("#merge-model-info")).ToContainTextAsync("128 px");
        await Assertions.Expect(_page.Locator("#merge-fields .merge-field")).ToHaveCountAsync(13); // every merge option
        await _page.Locator("#merge-next").ClickAsync(); // another frame: the model runs for its faces once
        await Assertions.Expect(Result).ToHaveAttributeAsync("data-version", "2", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
        var before = await Result.GetAttributeAsync("src");

        var latencies = new List<int>();
        foreach (var change in new Func<Task>[]
        {
            () => _page.Locator("#merge-erode").FillAsync("120"),
            () => _page.Locator("#merge-blur").FillAsync("150"),
            async () => await _page.Locator("#merge-mode").SelectOptionAsync("overlay"),
            async () => await _page.Locator("#merge-colorTransfer").SelectOptionAsync("rct"),
        })
        {
            var version = await RenderedVersionAsync();
            await change();
            await Assertions.Expect(Result).Not.ToHaveAttributeAsync("data-version", version.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(_page.Locator("#merge-status")).ToContainTextAsync("prediction reused");
            latencies.Add(int.Parse(await Result.GetAttributeAsync("data-latency") ?? "", CultureInfo.InvariantCulture));
        }

        // From the change in the page to the new image decoded in it.
        Assert.All(latencies, ms => Assert.InRange(ms, 0, 999));
        Assert.NotEqual(before, await Result.GetAttributeAsync("src"));

        await _page.Locator("#merge-split").FillAsync("50");
        Assert.Equal("inset(0px 50% 0px 0px)", await Result.EvaluateAsync<string>("e => getComputedStyle(e).clipPath"));
        ScreenshotFile.SaveIfChanged(await _page.ScreenshotAsync(), ScreenshotPath);
        await _page.Locator("#merge-show-original").CheckAsync();
        Assert.Equal("inset(0px 100% 0px 0px)", await Result.EvaluateAsync<string>("e => getComputedStyle(e).clipPath"));
    }

    [Fact]
    public async Task TheMergeAndAssemblyRunFromThePageAndTheResultPlays()
    {
        await Assertions.Expect(Result).ToHaveAttributeAsync("data-version", "1", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
        await _page.Locator("#merge-fps").FillAsync("4");
        await _page.Locator("#merge-run").ClickAsync();

        var job = _page.Locator("#job-list .job").First;
        await Assertions.Expect(job.Locator(".job-title")).ToHaveTextAsync("#1 merge data_dst/merged");
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "succeeded", new LocatorAssertionsToHaveAttributeOptions { Timeout = 120_000 });
        await Assertions.Expect(job.Locator(".job-result")).ToContainTextAsync("result.mp4");
        var video = _page.Locator("#merge-video");
        await Assertions.Expect(video).ToBeVisibleAsync();
        await _page.WaitForFunctionAsync("() => document.getElementById('merge-video').readyState >= 1", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        var frames = Directory.GetFiles(_studio.Combine("data_dst"), "*.png").Length;
        Assert.Equal(frames / 4.0, await video.EvaluateAsync<double>("v => v.duration"), 1);
    }
}
