using System.Text.Json;
using Relay.EndToEnd.Tests.Infrastructure;

namespace Relay.EndToEnd.Tests.Calls;

/// <summary>
/// The camera's resolution steps (resolutionFollower in wwwroot/js/video-quality.js), run in
/// Chromium as the pages load them, with a sender that records what it is told. Each case feeds
/// one bandwidth reading (kbit/s) a second and reads the scaleResolutionDownBy after each.
/// </summary>
public sealed class ResolutionFollowerTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_climbing_estimate_keeps_the_full_picture_even_while_it_is_below_1_Mbit_s()
    {
        // Chromium's ramp from its 300 kbit/s start when its first probes go unanswered: ~8 % a second.
        var climb = Enumerable.Range(0, 20).Select(i => 300 * Math.Pow(1.08, i)).ToArray();

        var scales = await FollowAsync(climb);

        Assert.All(scales, scale => Assert.Equal(1, scale));
    }

    [Fact]
    public async Task An_estimate_that_settles_under_1_Mbit_s_halves_the_picture_on_the_third_reading()
    {
        // A probe that overshoots a 1 Mbit/s link, then the estimate settling under it (measured in the bed).
        var scales = await FollowAsync([5870, 925, 803, 846, 881, 860]);

        Assert.Equal([1, 1, 1, 2, 2, 2], scales);
    }

    [Fact]
    public async Task A_dip_now_and_then_does_not_move_the_picture()
    {
        var scales = await FollowAsync([2000, 2000, 800, 800, 2000, 800, 800, 2000, 2100]);

        Assert.All(scales, scale => Assert.Equal(1, scale));
    }

    [Fact]
    public async Task It_steps_one_step_at_a_time_down_to_a_quarter_and_back_up_only_with_a_margin()
    {
        var scales = await FollowAsync([
            2000, 200, 200, 200, // settled at 200 kbit/s: half after three readings below 1 Mbit/s
            200, 200, 200, 200,  // then a quarter: the first reading at a new step is a new high
            350, 350, 350,       // above 300 kbit/s, but not by the 30 % margin: stays
            400, 400, 400,       // past 390 kbit/s three times: back to half
            1200, 1200, 1200,    // above 1 Mbit/s, under the margin: stays
            1400, 1400, 1400,    // full picture again
        ]);

        Assert.Equal([1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 2, 2, 2, 2, 2, 2, 1], scales);
    }

    [Fact]
    public async Task An_audio_sender_is_left_alone()
    {
        var scales = await FollowAsync([100, 100, 100, 100], kind: "audio");

        Assert.All(scales, scale => Assert.Equal(1, scale));
    }

    /// <summary>Feeds the readings in order, awaiting each, and returns the sender's scale after each.</summary>
    private async Task<double[]> FollowAsync(double[] kbps, string kind = "video")
    {
        await using var user = await fixture.OpenUserAsync("follower-" + Guid.NewGuid().ToString("N")[..6]);
        await user.Page.GotoAsync("/");
        var json = await user.Page.EvaluateAsync<string>(
            """
            async ([readings, kind]) => {
              const { resolutionFollower } = await import('/js/video-quality.js');
              let parameters = { encodings: [{}] };
              const sender = {
                track: { kind },
                getParameters: () => structuredClone(parameters),
                setParameters: async (p) => { parameters = structuredClone(p); },
              };
              const observe = resolutionFollower(sender);
              const scales = [];
              for (const reading of readings) {
                await observe(reading * 1000);
                scales.push(parameters.encodings[0].scaleResolutionDownBy ?? 1);
              }
              return JSON.stringify(scales);
            }
            """,
            new object[] { kbps, kind });
        return JsonSerializer.Deserialize<double[]>(json) ?? [];
    }
}
