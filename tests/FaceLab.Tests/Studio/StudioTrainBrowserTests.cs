using FaceLab.Tests.Support;
using Microsoft.Playwright;

namespace FaceLab.Tests.Studio;

/// <summary>
/// The Train page in a real headless Chromium over the fixture's real faces: a new tiny DF model is
/// created from the generated options form and trained as a job; the iteration count, the loss
/// chart and the preview grid advance live; the preview history scrubs; Stop saves and ends the job.
/// </summary>
[Collection(StudioCollection.Name)]
public sealed class StudioTrainBrowserTests(StudioWorkspaceFixture data, ChromiumFixture chromium) : StudioBrowserTest(data, chromium)
{
    private static readonly string ScreenshotPath = Path.Combine(TestPaths.RepositoryRoot, "docs", "images", "studio-train.png");

    private Task<long> NumberAsync(string selector, string attribute) =>
        Page.Locator(selector).EvaluateAsync<long>($"e => Number(e.dataset.{attribute} ?? 0)");

    /// <summary>Waits until the element's number exceeds <paramref name="value"/>; a timeout says what the page showed.</summary>
    private async Task WaitAboveAsync(string selector, string attribute, long value)
    {
        try
        {
            await Page.WaitForFunctionAsync($"() => Number(document.querySelector('{selector}')?.dataset.{attribute} ?? 0) > {value}", null,
                new PageWaitForFunctionOptions { Timeout = 180_000 }); // opening a model takes long on a busy machine
        }
        catch (TimeoutException)
        {
            var shown = await Page.EvaluateAsync<string>("() => ['train-iteration', 'train-error', 'job-list'].map(id => id + ': ' + document.getElementById(id).textContent).join(' | ')");
            Assert.Fail($"{selector} {attribute} stayed at {await NumberAsync(selector, attribute)}, not above {value}; the page showed {shown}");
        }
    }

    [Fact]
    public async Task ATinyRunStartedFromTheFormAdvancesLiveAndStops()
    {
        await Page.Locator("nav a[href='#train']").ClickAsync();
        await Assertions.Expect(Page.Locator("#train-page")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#faces-page")).ToBeHiddenAsync();
        await Page.Locator("#train-type").SelectOptionAsync("DF");
        await Page.Locator("#train-preset").SelectOptionAsync("tiny");
        await Assertions.Expect(Page.Locator("#train-options [name=resolution]")).ToHaveValueAsync("64"); // the preset's values in the generated form
        await Assertions.Expect(Page.Locator("#train-options [name=face_type]")).ToHaveValueAsync("full");
        await Page.Locator("#train-name").FillAsync("browser");
        await Page.Locator("#train-batch").FillAsync("2");
        await Page.Locator("#train-preview-every").FillAsync("2");

        await Page.Locator("#train-start").ClickAsync();

        await WaitAboveAsync("#train-iteration", "iteration", 2);
        await WaitAboveAsync("#loss-chart", "last", 2);
        var iteration = await NumberAsync("#train-iteration", "iteration");
        var charted = await NumberAsync("#loss-chart", "last");
        await WaitAboveAsync("#train-iteration", "iteration", iteration + 4); // the count goes on by itself
        await WaitAboveAsync("#loss-chart", "last", charted + 4); // and so does the chart
        await Assertions.Expect(Page.Locator("#loss-chart polyline")).ToHaveCountAsync(2);
        await Page.WaitForFunctionAsync("() => document.getElementById('train-preview').naturalWidth === 5 * 64");
        var shown = await Page.Locator("#train-preview").BoundingBoxAsync();
        Assert.True(shown!.Width > 5 * 64, $"the preview is drawn {shown.Width} px wide: not sized to the window"); // enlarged to the space it has
        await Assertions.Expect(Page.Locator("#job-list .job .job-title").First).ToHaveTextAsync("#1 train model/browser_DF");
        await Assertions.Expect(Page.Locator("#train-stop")).ToBeEnabledAsync();
        ScreenshotFile.SaveIfChanged(await Page.ScreenshotAsync(), ScreenshotPath);

        await Page.Locator("#train-timeline").FillAsync("0"); // scrub back to the first kept preview
        await Assertions.Expect(Page.Locator("#train-timeline-label")).ToContainTextAsync("iteration 2 (1 of ");
        await Assertions.Expect(Page.Locator("#train-preview")).ToHaveAttributeAsync("data-iteration", "2");
        await Assertions.Expect(Page.Locator("#train-follow")).Not.ToBeCheckedAsync();
        await Page.Locator("#train-ranges button[data-last='5000']").ClickAsync();
        await Assertions.Expect(Page.Locator("#train-ranges button[data-last='5000']")).ToHaveAttributeAsync("aria-pressed", "true");

        await Page.Locator("#train-stop").ClickAsync();

        var job = Page.Locator("#job-list .job").First;
        await Assertions.Expect(job).ToHaveAttributeAsync("data-state", "succeeded", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
        await Assertions.Expect(job.Locator(".job-result")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^saved at iteration \d+$"));
        await Assertions.Expect(Page.Locator("#train-stop")).ToBeDisabledAsync();
        await Assertions.Expect(Page.Locator("#train-model option[value='browser_DF']")).ToHaveCountAsync(1);
        Assert.True(File.Exists(Studio.Combine("model", "browser_DF", "model.json")));
    }
}
