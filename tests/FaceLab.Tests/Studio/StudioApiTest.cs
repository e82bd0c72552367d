namespace FaceLab.Tests.Studio;

/// <summary>A test class whose every test gets its own studio over its own copy of the workspace.</summary>
public abstract class StudioApiTest(StudioWorkspaceFixture data) : IAsyncLifetime
{
    protected RunningStudio Studio { get; private set; } = null!;

    public async Task InitializeAsync() => Studio = await RunningStudio.StartAsync(data);

    public async Task DisposeAsync() => await Studio.DisposeAsync();
}
