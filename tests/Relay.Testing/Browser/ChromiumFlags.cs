namespace Relay.Testing.Browser;

/// <summary>How the browser tests start Debian's Chromium (flags verified in MEDIA-NOTES.md).</summary>
public static class ChromiumFlags
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Headless as root on a machine without a display or network: fake camera and microphone
    /// granted without a prompt, and autoplay without a gesture.
    /// </summary>
    public static IReadOnlyList<string> Common { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
    ];

    /// <summary>
    /// Stops Chromium's lookups of outside hosts; the addresses the tests navigate to must be
    /// excluded, or even IP-literal navigation fails.
    /// </summary>
    public static string HostResolverRules(params string[] reachableHosts) =>
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost" + string.Concat(reachableHosts.Select(h => " , EXCLUDE " + h));
}
