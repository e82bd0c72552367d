using System.Text.Json;
using FaceLab.Faces.Files;
using FaceLab.Tests.Faces.Landmarks;
using FaceLab.Tests.Support;
using Microsoft.Playwright;
using OpenCvSharp;

namespace FaceLab.Tests.Studio;

/// <summary>
/// The Manual faces page in a real headless Chromium over a real workspace: on a frame without a
/// face, a box drawn with the mouse gets the landmarker's 68 points, one is dragged, Enter accepts,
/// and the new aligned file holds exactly the points placed.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class StudioManualBrowserTests(StudioWorkspaceFixture data, ChromiumFixture chromium)
    : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private static readonly string ScreenshotPath = Path.Combine(TestPaths.RepositoryRoot, "docs", "images", "studio-manual.png");

    private RunningStudio _studio = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _studio = await RunningStudio.StartAsync(data);
        _context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _studio.DisposeAsync();
    }

    [Fact]
    public async Task AFacePlacedByHandOnAFrameWithoutOneIsWrittenWithThePlacedLandmarks()
    {
        var facePath = _studio.Combine("data_dst", "aligned", "00003_0.jpg");
        var extracted = FaceImageFile.ReadMetadata(facePath);
        File.Delete(facePath); // as if the detector had missed it
        await _page.GotoAsync(_studio.Server.TokenUrl.AbsoluteUri + "#manual");
        await _page.Locator("body[data-ready=true]").WaitForAsync();
        var page = _page.Locator("#manual-page");
        await _page.Locator("#manual-without-faces").CheckAsync();
        await Assertions.Expect(page).ToHaveAttributeAsync("data-frame", "00003.png");
        await Assertions.Expect(_page.Locator("#manual-position")).ToHaveTextAsync("1 / 1: 00003.png (0 faces)");
        await _page.WaitForFunctionAsync("() => document.getElementById('manual-frame').naturalWidth === 480");

        // the box auto-extraction recorded, drawn with the mouse
        var r = extracted.SourceRect;
        var (from, to) = (await ScreenPoint(r[0], r[1]), await ScreenPoint(r[2], r[3]));
        await _page.Mouse.MoveAsync(from.X, from.Y);
        await _page.Mouse.DownAsync();
        await _page.Mouse.MoveAsync(to.X, to.Y, new MouseMoveOptions { Steps = 8 });
        await _page.Mouse.UpAsync();
        await Assertions.Expect(page).ToHaveAttributeAsync("data-located", "true", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
        var points = _page.Locator("#manual-overlay circle.landmark");
        await Assertions.Expect(points).ToHaveCountAsync(68);

        // drag the nose tip 6 screen pixels right
        var nose = (await points.Nth(30).BoundingBoxAsync())!;
        await _page.Mouse.MoveAsync(nose.X + nose.Width / 2, nose.Y + nose.Height / 2);
        await _page.Mouse.DownAsync();
        await _page.Mouse.MoveAsync(nose.X + nose.Width / 2 + 6, nose.Y + nose.Height / 2, new MouseMoveOptions { Steps = 3 });
        await _page.Mouse.UpAsync();
        var placed = await PlacedPoints();
        ScreenshotFile.SaveIfChanged(await _page.ScreenshotAsync(), ScreenshotPath);
        await _page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveAttributeAsync("data-accepted", "00003.png");
        var written = FaceImageFile.ReadMetadata(facePath);
        for (var i = 0; i < 68; i++)
        {
            Assert.Equal(placed[i].X, written.SourceLandmarks[i].X, 3);
            Assert.Equal(placed[i].Y, written.SourceLandmarks[i].Y, 3);
        }
        Assert.True(placed[30].X - extracted.SourceLandmarks[30].X > 2, "the dragged point moved");
        Assert.True(LandmarkError.Nme(written.SourceLandmarks, extracted.SourceLandmarks) < 0.05);
        Assert.Equal(extracted.FaceType, written.FaceType);
    }

    /// <summary>Where a frame pixel is on the screen.</summary>
    private async Task<(float X, float Y)> ScreenPoint(double x, double y)
    {
        var at = await _page.EvaluateAsync<float[]>(
            "([x, y]) => { const svg = document.getElementById('manual-overlay'); const p = svg.createSVGPoint(); p.x = x; p.y = y;" +
            " const s = p.matrixTransform(svg.getScreenCTM()); return [s.x, s.y]; }", new[] { x, y });
        return (at[0], at[1]);
    }

    private async Task<Point2d[]> PlacedPoints()
    {
        var json = await _page.EvaluateAsync<JsonElement>(
            "() => [...document.querySelectorAll('#manual-overlay circle.landmark')].map(c => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))])");
        return [.. json.EnumerateArray().Select(p => new Point2d(p[0].GetDouble(), p[1].GetDouble()))];
    }
}
