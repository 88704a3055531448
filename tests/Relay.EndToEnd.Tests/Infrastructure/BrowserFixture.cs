namespace Relay.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium per test class (MEDIA-NOTES.md: launching costs ~1 s and a page
/// pair ~2/3 of a core), plus the application on its own port and database.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = ChromiumFlags.ChromiumPath;

    /// <summary>ICE over loopback (the server announces 127.0.0.1) on top of the common flags.</summary>
    private static readonly string[] ChromiumArgs =
    [
        .. ChromiumFlags.Common,
        "--allow-loopback-in-peer-connection",
        ChromiumFlags.HostResolverRules("127.0.0.1"),
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public RelayServer Server { get; private set; } = null!;

    /// <summary>Flags a test class's own fixture adds, e.g. a video file for the fake camera.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the README's test command, which installs Debian's chromium package.");
        }

        Server = await RelayServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArgs, .. ExtraArguments],
        });
    }

    /// <summary>A separate browser context per person: their own cookies, like a separate browser window.</summary>
    public Task<UserPage> OpenUserAsync(string name, ViewportSize? viewport = null) => OpenUserAsync(Server, name, viewport);

    /// <summary>A window on another server of the test's own (other settings).</summary>
    public async Task<UserPage> OpenUserAsync(RelayServer server, string name, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            Permissions = ["camera", "microphone"],
        });
        var page = await context.NewPageAsync();
        return new UserPage(name, context, page);
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
