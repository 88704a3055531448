using System.Diagnostics;
using Relay.Network.Tests.Bed;
using Relay.Network.Tests.Browser;
using Relay.Network.Tests.Measurements;
using Relay.Web.Features.Calls;
using Relay.Web.Features.Quality;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using static Relay.Testing.Browser.CallSteps;

namespace Relay.Network.Tests;

/// <summary>
/// A video call behind NAT whose network drops out for 12 s (everything between the browsers and
/// the relay dropped, media and signalling), as Wi-Fi does now and then. The call must ride it
/// out: both windows say they are reconnecting, the relay keeps the legs (consent allows 30 s), and
/// media resumes by itself when the network does, with a key frame the relay asks for at once.
/// </summary>
public sealed class NetworkOutageTests(PlaywrightFixture fixture, ITestOutputHelper output) : IClassFixture<PlaywrightFixture>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(12);

    [SkippableFact]
    public async Task A_call_rides_out_a_12_s_network_outage_and_its_media_resumes()
    {
        await using var bed = await BedRequirement.CreateAsync(NetworkCondition.Nat);
        await using var server = await RelayServer.StartAsync(bed.RelaySettings);
        var relay = server.GetRequiredService<MediaRelayHost>().Relay;
        await bed.ConnectRelayAsync(relay.LocalEndPoint.Port);
        await using var browser = await ChromiumInNamespace.LaunchAsync(fixture.Playwright, bed, server.BaseAddress);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var caller = await browser.OpenUserAsync("caller-" + suffix);
        await using var callee = await browser.OpenUserAsync("callee-" + suffix);
        await OpenConversationAsync(caller, callee);
        await CallAndAnswerAsync(caller, callee, "call-video");
        await Observation.WaitForConnectedAsync(Stopwatch.StartNew(), [caller, callee]);
        await Task.Delay(3000);

        var outage = Stopwatch.StartNew();
        await bed.StartOutageAsync();
        foreach (var user in new[] { caller, callee })
        {
            // Chromium reads a silent path as disconnected after 5–7 s here.
            await Expect(user.ByTestId("call-reconnecting")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        }

        var noticed = outage.Elapsed;
        foreach (var user in new[] { caller, callee })
        {
            // The last quality event said "good" and no other can arrive: the window says lost.
            await Expect(user.ByTestId("call-quality")).ToHaveTextAsync(LinkQuality.Lost);
            await Expect(user.ByTestId("call-quality-other")).ToBeHiddenAsync();
        }

        await caller.ScreenshotAsync("call-video-reconnecting-desktop.png");
        // The outage is real: while it lasts, the callee's decoder gets nothing.
        var cutFrom = await FramesDecodedAsync(callee);
        var rest = Outage - outage.Elapsed;
        await Task.Delay(rest > TimeSpan.FromSeconds(1) ? rest : TimeSpan.FromSeconds(1));
        var cutTo = await FramesDecodedAsync(callee);
        await bed.EndOutageAsync();
        var restored = Stopwatch.StartNew();
        Assert.True(cutTo - cutFrom < 10, $"the callee decoded {cutTo - cutFrom} frames during the outage");

        foreach (var user in new[] { caller, callee })
        {
            await Expect(user.ByTestId("call-reconnecting")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        }

        var reconnected = restored.Elapsed;

        await WaitForFramesAsync(callee, cutTo + 1, TimeSpan.FromSeconds(10));
        var firstFrame = restored.Elapsed;
        await WaitForFramesAsync(callee, cutTo + 60, TimeSpan.FromSeconds(10));
        var flowing = restored.Elapsed;
        var back = await PeerStats.SampleAsync(caller);
        await WaitForFramesAsync(caller, (back?.FramesDecoded ?? 0) + 60, TimeSpan.FromSeconds(10));
        output.WriteLine($"outage of {Outage.TotalSeconds:F0} s: noticed after {noticed.TotalSeconds:F1} s; after it, both connected again in {reconnected.TotalSeconds:F1} s, the callee's first frame in {firstFrame.TotalSeconds:F1} s and 60 frames in {flowing.TotalSeconds:F1} s");

        // The relay asks the sender for a key frame as soon as it sees a gap it cannot repair;
        // left to itself, Chromium's receiver asks only after 3 s without a decodable frame.
        Assert.True(firstFrame < TimeSpan.FromSeconds(2), $"the callee's first frame came {firstFrame.TotalSeconds:F1} s after the network");
        foreach (var user in new[] { caller, callee })
        {
            // The relay hears the browsers' checks again, and its next events (every 2 s) say so.
            await Expect(user.ByTestId("call-quality")).Not.ToHaveTextAsync(LinkQuality.Lost, new() { Timeout = 10_000 });
            await Expect(user.ByTestId("call-quality-other")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        }

        await ExpectStateAsync(caller, "connected");
        await ExpectStateAsync(callee, "connected");
        Assert.Equal(2, relay.Legs.Count());
        await caller.ByTestId("call-hangup").ClickAsync();
        await ExpectStateAsync(callee, "ended");
        Assert.True(caller.Errors.Count == 0 && callee.Errors.Count == 0, string.Join('\n', caller.Errors.Concat(callee.Errors)));
    }

    private static async Task<long> FramesDecodedAsync(UserPage user) => (await PeerStats.SampleAsync(user))?.FramesDecoded ?? 0;

    private static async Task WaitForFramesAsync(UserPage user, long frames, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        long decoded;
        while ((decoded = await FramesDecodedAsync(user)) < frames)
        {
            Assert.True(clock.Elapsed < timeout, $"{user.Name} decoded {decoded} frames, not {frames}, within {timeout.TotalSeconds:F0} s of the network coming back");
            await Task.Delay(100);
        }
    }
}
