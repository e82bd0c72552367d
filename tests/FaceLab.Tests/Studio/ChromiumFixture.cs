using Microsoft.Playwright;

namespace FaceLab.Tests.Studio;

/// <summary>
/// One headless Chromium for the browser tests: Debian's <c>chromium</c> (installed by
/// <c>scripts/install-system-packages.sh --tests</c>), driven by Playwright's driver from its NuGet
/// package. Playwright never downloads a browser here.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: run scripts/install-system-packages.sh --tests");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
