using Microsoft.Playwright;

namespace FaceLab.Tests.Studio;

/// <summary>
/// A browser test class whose every test gets its own studio over its own copy of the workspace,
/// and a 1280×800 page of the shared headless Chromium opened with the token.
/// </summary>
public abstract class StudioBrowserTest(StudioWorkspaceFixture data, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    protected StudioWorkspaceFixture Data => data;

    protected RunningStudio Studio { get; private set; } = null!;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Studio = await RunningStudio.StartAsync(data);
        Context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        Page = await Context.NewPageAsync();
        await OpenAsync(Studio);
    }

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        await Studio.DisposeAsync();
    }

    /// <summary>Opens <paramref name="studio"/>'s token URL in <see cref="Page"/> and waits until the page is ready.</summary>
    protected async Task OpenAsync(RunningStudio studio)
    {
        await Page.GotoAsync(studio.Server.TokenUrl.AbsoluteUri);
        await Page.Locator("body[data-ready=true]").WaitForAsync();
    }
}
