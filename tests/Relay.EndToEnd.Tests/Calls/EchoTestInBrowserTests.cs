using System.Globalization;
using Relay.EndToEnd.Tests.Infrastructure;
using Relay.Web.Features.Calls;
using static Microsoft.Playwright.Assertions;

namespace Relay.EndToEnd.Tests.Calls;

/// <summary>
/// Real Chromium, fake camera and microphone, against the relay: the echo test connects (ICE-lite,
/// DTLS, SRTP), and Chromium decodes its own media coming back through the relay.
/// </summary>
public sealed class EchoTestInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("AeadAes128Gcm", "AEAD_AES_128_GCM")]
    [InlineData("Aes128CmHmacSha1Tag80", "SRTP_AES128_CM_HMAC_SHA1_80")]
    public async Task Chromium_gets_its_own_audio_and_video_back_through_the_relay(string profile, string chromiumCipherName)
    {
        await using var server = await RelayServer.StartAsync("--Media:SrtpProfiles:0", profile);
        var relay = server.GetRequiredService<MediaRelayHost>().Relay;
        await using var user = await fixture.OpenUserAsync(server, "echo-" + Guid.NewGuid().ToString("N")[..6]);
        await user.RegisterAsync("echo test password");

        await user.Page.GotoAsync("/test-call");
        await user.Page.Locator(".test-call[data-ready='true']").WaitForAsync();
        await user.ByTestId("echo-start").ClickAsync();

        await Expect(user.ByTestId("echo-state")).ToHaveTextAsync("connected", new() { Timeout = 20_000 });
        await WaitForAtLeastAsync(user, "stat-frames", 30);
        await WaitForAtLeastAsync(user, "stat-audio-packets", 50);
        await Expect(user.ByTestId("stat-srtp")).ToContainTextAsync(chromiumCipherName);
        await Expect(user.ByTestId("stat-remote")).ToContainTextAsync($":{relay.LocalEndPoint.Port} (udp)");
        Assert.True(relay.Counters.PacketsForwarded > 100, $"relay forwarded {relay.Counters.PacketsForwarded} packets");

        // The relay is a real RTP receiver: its reports carry LSR/DLSR that Chromium turns into a round trip.
        await Expect(user.ByTestId("stat-rtt")).ToContainTextAsync(" ms", new() { Timeout = 15_000 });
        var leg = Assert.Single(relay.Legs);
        Assert.True(leg.ReceiverReportsSent > 0);
        var video = leg.GetReception(leg.FirstInboundSsrc(Relay.Media.Sessions.MediaKind.Video)!.Value)!.Value;
        Assert.True(video.Received > 30, $"relay counted {video.Received} video packets");
        Assert.Equal(0, video.Lost);
        await user.ScreenshotAsync($"echo-test-{profile}.png");

        // Stopping releases the leg at once, not after the consent timeout.
        await user.ByTestId("echo-stop").ClickAsync();
        await CallSteps.WaitUntilAsync(() => relay.LegCount == 0, "the echo leg was not released after Stop");
        Assert.Empty(user.Errors);
    }

    private static async Task WaitForAtLeastAsync(UserPage user, string testId, int minimum)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var text = "";
        while (DateTime.UtcNow < deadline)
        {
            text = await user.ByTestId(testId).InnerTextAsync();
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{testId} stayed at '{text}', expected at least {minimum}");
    }
}
