using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Relay.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Relay.Testing.Browser.CallSteps;

namespace Relay.EndToEnd.Tests.Calls;

/// <summary>
/// Call quality with real browsers: the live indicator during a call, and the timeline the
/// call's detail page draws afterwards from the samples the server stored.
/// </summary>
public sealed class CallQualityInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_indicator_shows_a_level_during_the_call_and_the_detail_page_draws_the_timeline_after()
    {
        var suffix = Suffix();
        await using var alice = await fixture.OpenUserAsync("alice-" + suffix);
        await using var bob = await fixture.OpenUserAsync("bob-" + suffix);
        await OpenConversationAsync(alice, bob);
        await CallAndAnswerAsync(alice, bob, "call-video");
        await ExpectStateAsync(alice, "connected", 20_000);
        var callId = Guid.Parse(await alice.Page.EvaluateAsync<string>("() => window.__relayCall.callId()"));

        // callQuality arrives every 2 s; the level is the text, the figures are on hover.
        foreach (var user in new[] { alice, bob })
        {
            await Expect(user.ByTestId("call-quality")).ToHaveTextAsync(new Regex("^(good|fair|poor)$"), new() { Timeout = 15_000 });
            await Expect(user.ByTestId("call-quality")).ToHaveAttributeAsync("title", new Regex(@"Loss [\d.]+ %"));
            await Expect(user.ByTestId("call-quality-other")).ToHaveTextAsync(new Regex("^(good|fair|poor)$"));
        }

        // Chromium answers the sender reports the relay passes on with receiver reports that
        // echo them: the round trip to each browser is measured, and on loopback it is short.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await fixture.Server.QueryAsync(db => db.QualitySamples.CountAsync(s => s.CallId == callId && s.RttMs != null && s.BitrateIn > 0)) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "no two samples with a round trip and a bitrate within 30 s");
            await Task.Delay(250);
        }

        var samples = await fixture.Server.QueryAsync(db => db.QualitySamples.Where(s => s.CallId == callId).ToListAsync());
        Assert.Contains(samples, s => s.RttMs is >= 0 and < 500);
        Assert.Equal(2, samples.Select(s => s.UserId).Distinct().Count());
        await alice.ScreenshotAsync("call-quality-indicator-desktop.png");

        await alice.ByTestId("call-hangup").ClickAsync();
        await ExpectStateAsync(alice, "ended");

        var samplesResponse = alice.Page.WaitForResponseAsync(r => r.Url.Contains("handler=samples", StringComparison.Ordinal));
        await alice.Page.GotoAsync($"/calls/{callId}");
        Assert.True((await samplesResponse).Ok);
        var charts = alice.ByTestId("quality-chart");
        await Expect(charts).ToHaveCountAsync(4);
        for (var i = 0; i < 4; i++)
        {
            await Expect(charts.Nth(i)).ToHaveAttributeAsync("data-drawn", "true");
        }

        var drawn = int.Parse(await alice.Page.Locator("[data-sample-count]").GetAttributeAsync("data-sample-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(drawn >= samples.Count, $"drew {drawn} samples of the {samples.Count} stored");
        // Chart.js has painted: the canvas is no longer blank.
        Assert.True(await alice.Page.EvaluateAsync<bool>(
            "() => { const c = document.querySelector('canvas[data-metric=bitrate]'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; return d.some(v => v !== 0); }"));
        await alice.ScreenshotAsync("call-quality-timeline-desktop.png");

        Assert.Empty(alice.Errors);
        Assert.Empty(bob.Errors);
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];
}
