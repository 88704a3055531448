using System.Diagnostics;
using System.Text.RegularExpressions;
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
/// A video call behind NAT whose network drops out (everything between the browsers and the
/// relay dropped, media and signalling), as Wi-Fi does now and then. The call must survive it.
/// A short dropout is ridden out: both windows say they are reconnecting, the relay keeps the legs
/// (consent allows 30 s), and media resumes by itself with a key frame the relay asks for at once.
/// A long one outlasts consent and SignalR's timeouts: the server holds the call
/// (Calls:ReconnectGrace), and each window resumes it and offers again once its network is back.
/// A browser that moves to another network goes the same way, without an outage to wait out.
/// </summary>
public sealed partial class NetworkOutageTests(PlaywrightFixture fixture, ITestOutputHelper output) : IClassFixture<PlaywrightFixture>
{
    [SkippableFact]
    public async Task A_call_rides_out_a_12_s_network_outage_and_its_media_resumes()
    {
        var outage = TimeSpan.FromSeconds(12);
        await using var call = await OutageCall.StartAsync(fixture);
        var (caller, callee) = (call.Caller, call.Callee);

        var noticed = await call.CutAsync();
        await caller.ScreenshotAsync("call-video-reconnecting-desktop.png");
        var (cutFrom, restored) = await call.RestoreAfterAsync(outage);

        foreach (var user in call.Users)
        {
            await Expect(user.ByTestId("call-reconnecting")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        }

        var reconnected = restored.Elapsed;
        await WaitForFramesAsync(callee, cutFrom + 1, TimeSpan.FromSeconds(10));
        var firstFrame = restored.Elapsed;
        await WaitForFramesAsync(callee, cutFrom + 60, TimeSpan.FromSeconds(10));
        var flowing = restored.Elapsed;
        await call.ExpectCallerDecodesAsync();
        output.WriteLine($"outage of {outage.TotalSeconds:F0} s: noticed after {noticed.TotalSeconds:F1} s; after it, both connected again in {reconnected.TotalSeconds:F1} s, the callee's first frame in {firstFrame.TotalSeconds:F1} s and 60 frames in {flowing.TotalSeconds:F1} s");

        // The relay asks the sender for a key frame as soon as it sees a gap it cannot repair;
        // left to itself, Chromium's receiver asks only after 3 s without a decodable frame.
        Assert.True(firstFrame < TimeSpan.FromSeconds(2), $"the callee's first frame came {firstFrame.TotalSeconds:F1} s after the network");
        // The same peer connections carried on: nothing had to be offered again.
        foreach (var user in call.Users)
        {
            Assert.Equal(0, await user.Page.EvaluateAsync<int>("() => window.__relayCall.rejoins()"));
        }

        await call.ExpectGoesOnAsync();
    }

    [SkippableFact]
    public async Task A_call_resumes_after_a_45_s_outage_of_one_party_that_outlasts_consent_and_signalling()
    {
        var outage = TimeSpan.FromSeconds(45);
        await using var call = await OutageCall.StartAsync(fixture, calleeOnHost: true);
        var (caller, callee) = (call.Caller, call.Callee);
        var callId = await caller.Page.EvaluateAsync<string>("() => window.__relayCall.callId()");

        // Only the caller is in the bed: its window says it is reconnecting, the callee's that it waits for the caller.
        var noticed = await call.CutAsync(caller);
        await Expect(callee.ByTestId("call-peer-lost")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(callee.ByTestId("call-peer-lost")).ToContainTextAsync(caller.Name);
        await Expect(callee.ByTestId("call-quality-other")).ToHaveTextAsync(LinkQuality.Lost);
        await Expect(callee.ByTestId("call-reconnecting")).ToBeHiddenAsync();
        var calleeTold = call.OutageElapsed;
        await callee.ScreenshotAsync("call-video-peer-lost-desktop.png");

        // Past consent (30 s) the relay has dropped the caller's leg, yet the call is held for it.
        await Task.Delay(TimeSpan.FromSeconds(36) - call.OutageElapsed);
        Assert.Single(call.Relay.Legs);
        var held = Assert.Single(call.Server.GetRequiredService<CallManager>().LiveCalls());
        Assert.Equal(Guid.Parse(callId), held.Id);
        await ExpectStateAsync(callee, "connected");
        var (cutFrom, restored) = await call.RestoreAfterAsync(outage);

        // SignalR's reconnection is on its own schedule (and TCP's, for a connect sent into the outage).
        await Expect(caller.ByTestId("call-reconnecting")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        var reconnected = restored.Elapsed;
        await WaitForFramesAsync(callee, cutFrom + 60, TimeSpan.FromSeconds(20));
        var flowing = restored.Elapsed;
        await Expect(callee.ByTestId("call-peer-lost")).ToBeHiddenAsync(new() { Timeout = 10_000 });
        await call.ExpectCallerDecodesAsync();
        var callerRejoins = await caller.Page.EvaluateAsync<int>("() => window.__relayCall.rejoins()");
        output.WriteLine($"outage of {outage.TotalSeconds:F0} s for the caller: it noticed after {noticed.TotalSeconds:F1} s and the callee was told after {calleeTold.TotalSeconds:F1} s; after it, the caller was connected again in {reconnected.TotalSeconds:F1} s (new peer connections: {callerRejoins}) and the callee had 60 of its frames in {flowing.TotalSeconds:F1} s");

        Assert.InRange(callerRejoins, 1, 3);
        // The callee's own path never failed: the same peer connection carried on, and so did the call.
        Assert.Equal(0, await callee.Page.EvaluateAsync<int>("() => window.__relayCall.rejoins()"));
        foreach (var user in call.Users)
        {
            Assert.Equal(callId, await user.Page.EvaluateAsync<string>("() => window.__relayCall.callId()"));
        }

        await call.ExpectGoesOnAsync();
    }

    /// <summary>SignalR's console logger: "[ISO time] Error: …".</summary>
    [GeneratedRegex(@"^console: \[\d{4}-\d\d-\d\dT[\d:.]+Z\] (Error|Warning): ")]
    private static partial Regex SignalRLogLine();

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

    /// <summary>A connected video call between two windows of Chromium in a NAT bed, and the bed's outage switch.</summary>
    private sealed class OutageCall : IAsyncDisposable
    {
        private readonly List<IAsyncDisposable> _owned = [];
        private NetworkTestBed _bed = null!;
        private Stopwatch? _outage;

        public RelayServer Server { get; private set; } = null!;

        public Relay.Media.Sessions.MediaRelay Relay { get; private set; } = null!;

        public UserPage Caller { get; private set; } = null!;

        public UserPage Callee { get; private set; } = null!;

        public UserPage[] Users => [Caller, Callee];

        /// <param name="calleeOnHost">The callee's browser beside the bed rather than in it, so an outage cuts only the caller.</param>
        public static async Task<OutageCall> StartAsync(PlaywrightFixture fixture, bool calleeOnHost = false)
        {
            var call = new OutageCall();
            try
            {
                call._bed = call.Own(await BedRequirement.CreateAsync(NetworkCondition.Nat));
                call.Server = call.Own(await RelayServer.StartAsync(call._bed.RelaySettings));
                call.Relay = call.Server.GetRequiredService<MediaRelayHost>().Relay;
                await call._bed.ConnectRelayAsync(call.Relay.LocalEndPoint.Port);
                var browser = call.Own(await ChromiumInNamespace.LaunchAsync(fixture.Playwright, call._bed, call.Server.BaseAddress));
                var calleeBrowser = calleeOnHost ? call.Own(await ChromiumInNamespace.LaunchOnHostAsync(fixture.Playwright, call.Server.BaseAddress)) : browser;
                var suffix = Guid.NewGuid().ToString("N")[..6];
                call.Caller = call.Own(await browser.OpenUserAsync("caller-" + suffix));
                call.Callee = call.Own(await calleeBrowser.OpenUserAsync("callee-" + suffix));
                await OpenConversationAsync(call.Caller, call.Callee);
                await CallAndAnswerAsync(call.Caller, call.Callee, "call-video");
                await Observation.WaitForConnectedAsync(Stopwatch.StartNew(), call.Users);
                await Task.Delay(3000);
                return call;
            }
            catch
            {
                await call.DisposeAsync();
                throw;
            }
        }

        public TimeSpan OutageElapsed => _outage!.Elapsed;

        /// <summary>Moves the browser in the bed to a second network (a new address; its old one goes).</summary>
        public Task SwitchNetworkAsync() => _bed.SwitchBrowserNetworkAsync();

        /// <summary>
        /// Cuts the bed's network; returns once the windows in the bed (both, unless one is named)
        /// say they are reconnecting, with how long that took.
        /// </summary>
        public async Task<TimeSpan> CutAsync(params UserPage[] inBed)
        {
            _outage = Stopwatch.StartNew();
            await _bed.StartOutageAsync();
            foreach (var user in inBed.Length > 0 ? inBed : Users)
            {
                // Chromium reads a silent path as disconnected after 5–7 s here.
                await Expect(user.ByTestId("call-reconnecting")).ToBeVisibleAsync(new() { Timeout = 10_000 });
                // The last quality event said "good" and no other can arrive: the window says lost.
                await Expect(user.ByTestId("call-quality")).ToHaveTextAsync(LinkQuality.Lost);
                await Expect(user.ByTestId("call-quality-other")).ToBeHiddenAsync();
            }

            return _outage.Elapsed;
        }

        /// <summary>
        /// Ends the outage once it has lasted <paramref name="outage"/>, after checking that the
        /// callee's decoder got nothing meanwhile; returns the callee's frame count and a clock started as the network came back.
        /// </summary>
        public async Task<(long FramesBefore, Stopwatch Restored)> RestoreAfterAsync(TimeSpan outage)
        {
            var cutFrom = await FramesDecodedAsync(Callee);
            var rest = outage - _outage!.Elapsed;
            await Task.Delay(rest > TimeSpan.FromSeconds(1) ? rest : TimeSpan.FromSeconds(1));
            var cutTo = await FramesDecodedAsync(Callee);
            await _bed.EndOutageAsync();
            var restored = Stopwatch.StartNew();
            Assert.True(cutTo - cutFrom < 10, $"the callee decoded {cutTo - cutFrom} frames during the outage");
            return (cutTo, restored);
        }

        public async Task ExpectCallerDecodesAsync()
        {
            var back = await PeerStats.SampleAsync(Caller);
            await WaitForFramesAsync(Caller, (back?.FramesDecoded ?? 0) + 60, TimeSpan.FromSeconds(10));
        }

        /// <summary>The call is connected on both sides with a leg each, its badges are live again, and it hangs up cleanly.</summary>
        public async Task ExpectGoesOnAsync()
        {
            foreach (var user in Users)
            {
                // The relay hears the browsers' checks again, and its next events (every 2 s) say so.
                await Expect(user.ByTestId("call-quality")).Not.ToHaveTextAsync(LinkQuality.Lost, new() { Timeout = 10_000 });
                await Expect(user.ByTestId("call-quality-other")).ToBeVisibleAsync(new() { Timeout = 10_000 });
                await ExpectStateAsync(user, "connected");
            }

            Assert.Equal(2, Relay.Legs.Count());
            await Caller.ByTestId("call-hangup").ClickAsync();
            await ExpectStateAsync(Callee, "ended");
            foreach (var user in Users)
            {
                // SignalR's client logs the connection it lost (and attempts that failed while the
                // network was down) as console errors: the outage's doing, not the page's.
                var errors = user.Errors.Where(e => !SignalRLogLine().IsMatch(e)).ToList();
                Assert.True(errors.Count == 0, $"{user.Name}'s page reported errors:\n{string.Join('\n', errors)}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                await _owned[i].DisposeAsync();
            }
        }

        private T Own<T>(T resource)
            where T : IAsyncDisposable
        {
            _owned.Add(resource);
            return resource;
        }
    }
}
