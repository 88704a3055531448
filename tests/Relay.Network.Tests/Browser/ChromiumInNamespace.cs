using Relay.Network.Tests.Bed;

namespace Relay.Network.Tests.Browser;

/// <summary>
/// One headless Chromium started inside the bed's browser namespace: Playwright runs a wrapper
/// script as the browser, which enters the namespace and execs Debian's Chromium with Playwright's
/// arguments (its pipe file descriptors survive the exec). No loopback flag: the browser's only
/// way to the relay is the bed. <see cref="LaunchOnHostAsync"/> starts one beside the bed instead.
/// </summary>
public sealed class ChromiumInNamespace : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly Uri _app;

    private ChromiumInNamespace(IBrowser browser, Uri app)
    {
        _browser = browser;
        _app = app;
    }

    public static async Task<ChromiumInNamespace> LaunchAsync(IPlaywright playwright, NetworkTestBed bed, Uri app)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new BedUnavailableException("network namespaces need Linux");
        }

        if (!File.Exists(ChromiumFlags.ChromiumPath))
        {
            throw new BedUnavailableException($"{ChromiumFlags.ChromiumPath} is missing: run the README's test command, which installs Debian's chromium package.");
        }

        var wrapper = Path.Combine(bed.WorkDirectory, "chromium-in-netns.sh");
        await File.WriteAllTextAsync(wrapper, $"""
            #!/bin/sh
            exec {Bed.HostCommand.Find("ip")} netns exec {bed.BrowserNamespace} {ChromiumFlags.ChromiumPath} "$@"

            """);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return await LaunchAsync(playwright, wrapper, app);
    }

    /// <summary>
    /// The same browser outside the bed, on the relay's own host: nothing between it and the
    /// relay, so the bed's conditions (an outage, say) touch only the other party.
    /// </summary>
    public static Task<ChromiumInNamespace> LaunchOnHostAsync(IPlaywright playwright, Uri app) =>
        LaunchAsync(playwright, ChromiumFlags.ChromiumPath, app);

    private static async Task<ChromiumInNamespace> LaunchAsync(IPlaywright playwright, string executable, Uri app)
    {
        var origin = app.GetLeftPart(UriPartial.Authority);
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                .. ChromiumFlags.Common,
                ChromiumFlags.HostResolverRules(app.Host),
                // The bed's address is not loopback, so plain http is not a secure context there,
                // and getUserMedia needs one; this is the flag's purpose (a test origin on http).
                "--unsafely-treat-insecure-origin-as-secure=" + origin,
                // A picture that can use the bandwidth: with the default fake camera's, VP8 tops out
                // near 700 kbit/s, so neither the climb nor a cap would show.
                await DetailedVideo.CaptureArgumentAsync(),
            ],
        });
        return new ChromiumInNamespace(browser, app);
    }

    /// <summary>A browser context per person (own cookies), whose pages record their peer connections (<see cref="PeerStats"/>).</summary>
    public async Task<UserPage> OpenUserAsync(string name)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Permissions = ["camera", "microphone"],
        });
        await context.AddInitScriptAsync(PeerStats.InitScript);
        var page = await context.NewPageAsync();
        return new UserPage(name, context, page);
    }

    public async ValueTask DisposeAsync() => await _browser.DisposeAsync();
}
