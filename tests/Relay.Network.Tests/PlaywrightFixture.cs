namespace Relay.Network.Tests;

/// <summary>Playwright's driver, shared by a test class; each test starts its own browser inside its own bed.</summary>
public sealed class PlaywrightFixture : IAsyncLifetime
{
    public IPlaywright Playwright { get; private set; } = null!;

    public async Task InitializeAsync() => Playwright = await Microsoft.Playwright.Playwright.CreateAsync();

    public Task DisposeAsync()
    {
        Playwright?.Dispose();
        return Task.CompletedTask;
    }
}
