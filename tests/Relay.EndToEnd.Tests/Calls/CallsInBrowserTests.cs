using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Relay.EndToEnd.Tests.Infrastructure;
using Relay.Web.Features.Calls;
using static Microsoft.Playwright.Assertions;
using static Relay.Testing.Browser.CallSteps;

namespace Relay.EndToEnd.Tests.Calls;

/// <summary>
/// Two people, each in their own browser context of one headless Chromium (fake camera and
/// microphone), call each other through the relay: each page peers with the server, never with
/// the other page, and the relay forwards the media between the two legs.
/// </summary>
public sealed class CallsInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_video_call_connects_through_the_relay_and_mute_camera_and_hang_up_work()
    {
        var relay = fixture.Server.GetRequiredService<MediaRelayHost>().Relay;
        var forwardedBefore = relay.Counters.PacketsForwarded;
        var suffix = Suffix();
        await using var alice = await fixture.OpenUserAsync("alice-" + suffix);
        // Bob answers on a phone: the call takes the whole screen there.
        await using var bob = await fixture.OpenUserAsync("bob-" + suffix, Phone);
        await OpenConversationAsync(alice, bob);

        await alice.ByTestId("call-video").ClickAsync();
        await ExpectStateAsync(alice, "calling");
        await ExpectStateAsync(bob, "ringing");
        Assert.Equal("ringback", await ToneAsync(alice));
        Assert.Equal("ringtone", await ToneAsync(bob));
        await Expect(bob.Page).ToHaveTitleAsync(new Regex("^Incoming call · " + alice.Name));
        await Expect(bob.ByTestId("call-window")).ToContainTextAsync(alice.Name);
        await Expect(bob.ByTestId("call-accept")).ToBeVisibleAsync();
        await Expect(bob.ByTestId("call-reject")).ToBeVisibleAsync();
        await Expect(bob.ByTestId("call-hangup")).ToBeHiddenAsync();
        await alice.ScreenshotAsync("call-video-calling-desktop.png");
        await bob.ScreenshotAsync("call-video-ringing-phone.png");

        var sinceAccept = Stopwatch.StartNew();
        await bob.ByTestId("call-accept").ClickAsync();
        await ExpectStateAsync(bob, "connected", 20_000);
        await ExpectStateAsync(alice, "connected", 20_000);
        var sinceConnected = Stopwatch.StartNew();
        Assert.Null(await ToneAsync(alice));
        Assert.Null(await ToneAsync(bob));
        await Expect(bob.Page).Not.ToHaveTitleAsync(new Regex("^Incoming call"));

        // Each side decodes the other's camera, forwarded by the relay.
        await WaitForStatsAsync(alice, s => s.FramesDecoded > 20, "frames from Bob decoded");
        await WaitForStatsAsync(bob, s => s.FramesDecoded > 20, "frames from Alice decoded");
        await ExpectGrowingAsync(alice, s => s.FramesDecoded, 10, "frames from Bob");
        await ExpectGrowingAsync(bob, s => s.FramesDecoded, 10, "frames from Alice");
        await ExpectGrowingAsync(alice, s => s.AudioPacketsReceived, 25, "audio packets from Bob");
        await ExpectGrowingAsync(bob, s => s.AudioPacketsReceived, 25, "audio packets from Alice");

        // Both legs go to the relay's UDP port, not to each other.
        var port = relay.LocalEndPoint.Port;
        foreach (var user in new[] { alice, bob })
        {
            var stats = await StatsAsync(user);
            Assert.EndsWith($":{port}", stats.RemoteAddress, StringComparison.Ordinal);
            Assert.Equal("udp", stats.RemoteProtocol);
        }

        Assert.True(relay.Counters.PacketsForwarded - forwardedBefore > 200, $"relay forwarded {relay.Counters.PacketsForwarded - forwardedBefore} packets");

        // The call's own counter grows while it runs.
        var calls = fixture.Server.GetRequiredService<CallManager>();
        var callId = Guid.Parse(await alice.Page.EvaluateAsync<string>("() => window.__relayCall.callId()"));
        var early = calls.PacketsForwarded(callId) ?? 0;
        Assert.True(early > 200, $"the call forwarded {early} packets");
        await WaitUntilAsync(() => calls.PacketsForwarded(callId) > early + 100, "the call's packet counter stopped growing");
        // The timer counts from the connection: between the time since both were connected and
        // the time since the accept, read from the clock rather than a fixed bound (a loaded machine is slow).
        var atLeast = (int)sinceConnected.Elapsed.TotalSeconds - 2;
        var timer = await alice.ByTestId("call-timer").InnerTextAsync();
        var atMost = (int)sinceAccept.Elapsed.TotalSeconds + 1;
        Assert.Matches("^[0-9]{2}:[0-5][0-9]$", timer);
        var shown = (int.Parse(timer[..2], CultureInfo.InvariantCulture) * 60) + int.Parse(timer[3..], CultureInfo.InvariantCulture);
        Assert.InRange(shown, atLeast, atMost);
        await Expect(alice.ByTestId("video-local")).ToBeVisibleAsync();
        await Expect(alice.ByTestId("video-remote")).ToBeVisibleAsync();
        await alice.ScreenshotAsync("call-video-connected-desktop.png");
        await bob.ScreenshotAsync("call-video-connected-phone.png");
        var window = await bob.ByTestId("call-window").BoundingBoxAsync();
        Assert.NotNull(window);
        Assert.Equal(Phone.Width, window.Width, 1);
        Assert.Equal(Phone.Height, window.Height, 1);

        // Alice mutes: no more of her audio reaches Bob, and Bob is told.
        await alice.ByTestId("call-mute").ClickAsync();
        await Expect(bob.ByTestId("remote-muted")).ToBeVisibleAsync();
        await ExpectStoppedAsync(bob, s => s.AudioPacketsReceived, "audio packets from muted Alice");
        await alice.ScreenshotAsync("call-video-muted-desktop.png");
        await bob.ScreenshotAsync("call-video-remote-muted-phone.png");
        await alice.ByTestId("call-mute").ClickAsync();
        await Expect(bob.ByTestId("remote-muted")).ToBeHiddenAsync();
        await ExpectGrowingAsync(bob, s => s.AudioPacketsReceived, 25, "audio packets from unmuted Alice");

        // Bob turns his camera off: Alice's decoder gets no more frames, and she sees why.
        await bob.ByTestId("call-camera").ClickAsync();
        await Expect(alice.ByTestId("remote-camera-off")).ToBeVisibleAsync();
        await ExpectStoppedAsync(alice, s => s.FramesDecoded, "frames from Bob with his camera off");
        await alice.ScreenshotAsync("call-video-remote-camera-off-desktop.png");
        await bob.ByTestId("call-camera").ClickAsync();
        await Expect(alice.ByTestId("remote-camera-off")).ToBeHiddenAsync();
        await ExpectGrowingAsync(alice, s => s.FramesDecoded, 10, "frames from Bob with his camera back on");

        // Alice hangs up: both windows say so, then close, and the relay lets the legs go.
        await alice.ByTestId("call-hangup").ClickAsync();
        await ExpectStateAsync(alice, "ended");
        await ExpectStateAsync(bob, "ended");
        await Expect(alice.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });
        await Expect(bob.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });
        await WaitUntilAsync(() => relay.LegCount == 0, $"the relay still holds {relay.LegCount} legs after the hang-up");

        // The call is in Alice's history (the server's tests check the history in detail).
        await alice.Page.GotoAsync("/calls");
        await Expect(alice.ByTestId("history-item")).ToHaveCountAsync(1);
        await Expect(alice.ByTestId("history-item")).ToContainTextAsync(bob.Name);
        await alice.ScreenshotAsync("call-history-desktop.png");
        await bob.Page.GotoAsync($"/chat/with/{alice.Name}");
        await Expect(bob.Page.Locator("[data-kind='call']")).ToContainTextAsync("Video call · ");
        await bob.ScreenshotAsync("call-line-phone.png");
        // Answered: its outcome is how long it lasted, not a reason it failed.
        await Expect(alice.ByTestId("history-outcome")).ToHaveTextAsync(new Regex(@"^\d+:\d\d"));

        Assert.Empty(alice.Errors);
        Assert.Empty(bob.Errors);
    }

    [Fact]
    public async Task A_voice_call_carries_audio_only_and_stops_ringing_in_the_callees_other_tab()
    {
        var suffix = Suffix();
        await using var carol = await fixture.OpenUserAsync("carol-" + suffix);
        await using var dan = await fixture.OpenUserAsync("dan-" + suffix);
        await OpenConversationAsync(carol, dan);
        // Dan also has the app open in a second tab: it rings too, until the first tab answers.
        var danSecondTab = new UserPage(dan.Name + " (tab 2)", dan.Page.Context, await dan.Page.Context.NewPageAsync());
        await danSecondTab.Page.GotoAsync("/test-call");
        await WaitForCallReadyAsync(danSecondTab);

        await carol.ByTestId("call-voice").ClickAsync();
        await ExpectStateAsync(dan, "ringing");
        await ExpectStateAsync(danSecondTab, "ringing");
        await Expect(dan.ByTestId("call-window")).ToContainTextAsync("Incoming voice call");
        await dan.ByTestId("call-accept").ClickAsync();
        await Expect(danSecondTab.ByTestId("call-window")).ToBeHiddenAsync();
        Assert.Null(await ToneAsync(danSecondTab));
        await ExpectStateAsync(dan, "connected", 20_000);
        await ExpectStateAsync(carol, "connected", 20_000);

        await ExpectGrowingAsync(carol, s => s.AudioPacketsReceived, 50, "audio packets from Dan");
        await ExpectGrowingAsync(dan, s => s.AudioPacketsReceived, 50, "audio packets from Carol");
        foreach (var user in new[] { carol, dan })
        {
            var stats = await StatsAsync(user);
            Assert.Equal(["audio"], stats.TransceiverKinds);
            Assert.Equal(["audio"], stats.RemoteMediaKinds);
            Assert.DoesNotContain("video", stats.InboundKinds);
            Assert.Equal(0, stats.FramesSent);
        }

        // A voice call shows the other person's initial, no video and no camera button.
        await Expect(carol.ByTestId("video-local")).ToBeHiddenAsync();
        await Expect(carol.ByTestId("call-camera")).ToBeHiddenAsync();
        await Expect(carol.Page.Locator("#call-avatar")).ToHaveTextAsync(dan.Name[..1].ToUpperInvariant());
        await carol.ScreenshotAsync("call-voice-connected-desktop.png");

        // The callee hangs up this time.
        await dan.ByTestId("call-hangup").ClickAsync();
        await ExpectStateAsync(carol, "ended");
        await Expect(carol.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });
        await Expect(dan.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });

        Assert.Empty(carol.Errors);
        Assert.Empty(dan.Errors);
        Assert.Empty(danSecondTab.Errors);
    }

    [Fact]
    public async Task A_declined_call_ends_for_the_caller()
    {
        var suffix = Suffix();
        await using var erin = await fixture.OpenUserAsync("erin-" + suffix);
        await using var finn = await fixture.OpenUserAsync("finn-" + suffix);
        await OpenConversationAsync(erin, finn);

        await erin.ByTestId("call-video").ClickAsync();
        await ExpectStateAsync(finn, "ringing");
        await finn.ByTestId("call-reject").ClickAsync();

        await ExpectStateAsync(erin, "ended");
        await Expect(erin.ByTestId("call-window")).ToContainTextAsync("Call declined");
        Assert.Null(await ToneAsync(erin));
        await erin.ScreenshotAsync("call-declined-desktop.png");
        await Expect(erin.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });
        await Expect(finn.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });

        Assert.Empty(erin.Errors);
        Assert.Empty(finn.Errors);
    }

    [Fact]
    public async Task An_unanswered_call_is_missed_after_the_ring_timeout()
    {
        await using var server = await RelayServer.StartAsync("--Calls:RingTimeout", "00:00:03");
        var suffix = Suffix();
        await using var gina = await fixture.OpenUserAsync(server, "gina-" + suffix);
        await using var hugo = await fixture.OpenUserAsync(server, "hugo-" + suffix);
        await OpenConversationAsync(gina, hugo);

        await gina.ByTestId("call-voice").ClickAsync();
        await ExpectStateAsync(hugo, "ringing");
        await ExpectStateAsync(gina, "ended", 10_000);
        await Expect(gina.ByTestId("call-window")).ToContainTextAsync("No answer");
        await ExpectStateAsync(hugo, "ended");
        await Expect(hugo.ByTestId("call-window")).ToContainTextAsync("Missed call");
        Assert.Null(await ToneAsync(hugo));
        await Expect(gina.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });
        await Expect(hugo.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });

        Assert.Empty(gina.Errors);
        Assert.Empty(hugo.Errors);
    }

    [Fact]
    public async Task Calling_someone_who_is_already_in_a_call_ends_as_busy()
    {
        var suffix = Suffix();
        await using var kim = await fixture.OpenUserAsync("kim-" + suffix);
        await using var lou = await fixture.OpenUserAsync("lou-" + suffix);
        await using var max = await fixture.OpenUserAsync("max-" + suffix);
        await OpenConversationAsync(kim, lou);
        await max.RegisterAsync(Password);
        await max.Page.GotoAsync($"/chat/with/{lou.Name}");
        await max.WaitForChatReadyAsync();
        await WaitForCallReadyAsync(max);

        // Lou is ringing with Kim's call when Max calls: Max hears "busy", Lou's call goes on.
        await kim.ByTestId("call-voice").ClickAsync();
        await ExpectStateAsync(lou, "ringing");
        await max.ByTestId("call-voice").ClickAsync();
        await ExpectStateAsync(max, "ended");
        await Expect(max.ByTestId("call-window")).ToContainTextAsync("Busy");
        await Expect(max.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });
        await ExpectStateAsync(lou, "ringing");
        await Expect(lou.ByTestId("call-window")).ToContainTextAsync(kim.Name);

        await kim.ByTestId("call-hangup").ClickAsync();
        await ExpectStateAsync(lou, "ended");
        await Expect(lou.ByTestId("call-window")).ToContainTextAsync("Missed call");
        Assert.Empty(kim.Errors);
        Assert.Empty(lou.Errors);
        Assert.Empty(max.Errors);
    }

    [Fact]
    public async Task Closing_the_callees_page_mid_call_ends_the_callers_call()
    {
        var suffix = Suffix();
        await using var ivy = await fixture.OpenUserAsync("ivy-" + suffix);
        await using var jack = await fixture.OpenUserAsync("jack-" + suffix);
        await OpenConversationAsync(ivy, jack);
        await CallAndAnswerAsync(ivy, jack, "call-voice");
        await ExpectGrowingAsync(ivy, s => s.AudioPacketsReceived, 25, "audio packets from Jack");

        await jack.Page.CloseAsync();

        await ExpectStateAsync(ivy, "ended", 10_000);
        await Expect(ivy.ByTestId("call-window")).ToBeHiddenAsync(new() { Timeout = 6_000 });
        Assert.Empty(ivy.Errors);
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];
}
