using Relay.Media.Quality;

namespace Relay.Web.Features.Quality;

/// <summary>
/// One party's link as the call window shows it (the <c>callQuality</c> event, camelCase):
/// the worse of the two directions, since either makes the call worse.
/// </summary>
/// <param name="Level">"good", "fair" or "poor" (<see cref="LinkQuality.LevelOf"/>), or "lost" while the path is down.</param>
/// <param name="LossPercent">Uplink loss over the last interval (relay-measured) or downlink loss (browser-reported), the worse.</param>
/// <param name="JitterMs">Uplink or downlink interarrival jitter, the worse.</param>
/// <param name="RttMs">Round trip between the relay and this browser; null until its reports gave one.</param>
/// <param name="BitrateInKbps">What the party sends the relay.</param>
/// <param name="BitrateOutKbps">What the relay sends the party.</param>
public sealed record LinkQualityDto(string Level, double LossPercent, double JitterMs, double? RttMs, double BitrateInKbps, double BitrateOutKbps);

/// <param name="You">The link of the party this event goes to.</param>
/// <param name="Other">The other party's link; null while it has no leg.</param>
public sealed record CallQualityDto(Guid CallId, LinkQualityDto? You, LinkQualityDto? Other);

/// <summary>
/// The levels and their thresholds. They follow what conversational media tolerates: Opus and
/// VP8 hide ~1–2 % loss, audio breaks up audibly past ~5–10 %; jitter buffers absorb a few tens
/// of ms; ITU-T G.114 puts one-way delay under 150 ms as transparent and past ~300 ms as
/// disturbing (so round trips of 300 and 600 ms).
/// <list type="table">
/// <item><term>good</term><description>loss &lt; 2 %, jitter &lt; 30 ms and RTT &lt; 300 ms</description></item>
/// <item><term>poor</term><description>loss ≥ 8 %, jitter ≥ 60 ms or RTT ≥ 600 ms</description></item>
/// <item><term>fair</term><description>anything between</description></item>
/// <item><term>lost</term><description>no connectivity check from the browser for <see cref="LostAfter"/>, whatever the figures</description></item>
/// </list>
/// An unknown RTT (no report yet) counts as good: the level then rests on loss and jitter.
/// </summary>
public static class LinkQuality
{
    public const double GoodLossPercent = 2;
    public const double GoodJitterMs = 30;
    public const double GoodRttMs = 300;
    public const double PoorLossPercent = 8;
    public const double PoorJitterMs = 60;
    public const double PoorRttMs = 600;

    public const string Good = "good";
    public const string Fair = "fair";
    public const string Poor = "poor";
    public const string Lost = "lost";

    /// <summary>
    /// Chromium checks a working path every 2.5 s (its stable-connection ping interval), so two
    /// missed checks and a margin. A silent path otherwise reads as a clean one: nothing arrives,
    /// so nothing is lost and nothing jitters.
    /// </summary>
    public static readonly TimeSpan LostAfter = TimeSpan.FromSeconds(6);

    public static string LevelOf(double lossPercent, double jitterMs, double? rttMs)
    {
        var rtt = rttMs ?? 0;
        if (lossPercent >= PoorLossPercent || jitterMs >= PoorJitterMs || rtt >= PoorRttMs)
        {
            return Poor;
        }

        return lossPercent < GoodLossPercent && jitterMs < GoodJitterMs && rtt < GoodRttMs ? Good : Fair;
    }

    public static LinkQualityDto Of(LegQuality leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        var loss = Math.Max(leg.InboundLoss, leg.OutboundLoss) * 100;
        var jitter = Math.Max(leg.InboundJitterSeconds, leg.OutboundJitterSeconds) * 1000;
        var rtt = leg.RoundTripSeconds * 1000;
        return new LinkQualityDto(
            leg.SinceLastCheck >= LostAfter ? Lost : LevelOf(loss, jitter, rtt),
            Math.Round(loss, 2),
            Math.Round(jitter, 1),
            rtt is { } r ? Math.Round(r, 1) : null,
            Math.Round(leg.InboundBitrate / 1000, 1),
            Math.Round(leg.OutboundBitrate / 1000, 1));
    }
}
