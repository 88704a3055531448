using Relay.Media.Quality;
using Relay.Media.Transport;
using Relay.Web.Features.Quality;

namespace Relay.Web.Tests.Features.Quality;

public sealed class LinkQualityTests
{
    [Theory]
    [InlineData(0, 0, null, "good")]
    [InlineData(1.99, 29.9, 299.0, "good")]
    [InlineData(2, 0, null, "fair")]
    [InlineData(0, 30, null, "fair")]
    [InlineData(0, 0, 300.0, "fair")]
    [InlineData(7.99, 59.9, 599.0, "fair")]
    [InlineData(8, 0, null, "poor")]
    [InlineData(0, 60, null, "poor")]
    [InlineData(0, 0, 600.0, "poor")]
    public void Levels_follow_the_documented_thresholds(double lossPercent, double jitterMs, double? rttMs, string level) =>
        Assert.Equal(level, LinkQuality.LevelOf(lossPercent, jitterMs, rttMs));

    [Fact]
    public void A_link_is_as_good_as_its_worse_direction()
    {
        // Uplink: 1 % lost, 12 ms jitter; downlink as the browser reports it: 5 % lost, 4 ms; 80 ms round trip.
        var leg = new LegQuality(
            MediaTransport.Udp,
            [new InboundStreamQuality(1, "audio", 99, 9900, 1, 0.01, 0.012, 64_000)],
            [new OutboundStreamQuality(2, "audio", 100, 10_000, 3, 0.05, 5, 0.004, 0.08, 48_000)],
            0, 0, 0, 0, 0, TimeSpan.FromSeconds(2));

        var link = LinkQuality.Of(leg);

        Assert.Equal(new LinkQualityDto("fair", 5, 12, 80, 64, 48), link);
    }

    [Theory]
    [InlineData(5.9, "good")]
    [InlineData(6, "lost")]
    [InlineData(25, "lost")]
    public void A_link_whose_browser_stopped_checking_is_lost_however_clean_its_figures(double secondsSinceCheck, string level)
    {
        // A silent interval: nothing arrived, so nothing was lost and nothing jittered.
        var leg = new LegQuality(
            MediaTransport.Udp,
            [new InboundStreamQuality(1, "audio", 500, 50_000, 0, 0, 0, 0)],
            [new OutboundStreamQuality(2, "audio", 500, 50_000, 20, 0, 0, 0, 0.02, 32_000)],
            0, 0, 0, 0, 0, TimeSpan.FromSeconds(secondsSinceCheck));

        Assert.Equal(level, LinkQuality.Of(leg).Level);
    }
}
