using Relay.Media.Transport;

namespace Relay.Media.Quality;

/// <summary>
/// A snapshot of one leg's quality for the web layer (the live indicator, the timeline, the
/// admin view): built on request off the packet path, so it may allocate.
/// </summary>
/// <param name="Transport">The selected path's transport; null while the leg has none.</param>
/// <param name="Inbound">Streams the browser sends the relay (retransmission streams folded into their originals).</param>
/// <param name="Outbound">Streams the relay sends the browser, as the browser reports them.</param>
/// <param name="NacksReceived">Generic NACKs from the browser about our streams.</param>
/// <param name="PlisReceived">Picture loss indications from the browser.</param>
/// <param name="FirsReceived">Full intra requests from the browser.</param>
/// <param name="NacksSent">NACKs the relay sent the browser about its streams.</param>
/// <param name="PlisSent">Key-frame requests the relay sent the browser.</param>
/// <param name="SinceLastCheck">
/// How long ago the browser's last authenticated connectivity check arrived. Chromium sends one
/// every few seconds on a working path, so a long silence means the path is down, whatever the
/// media figures of the interval say.
/// </param>
public sealed record LegQuality(
    MediaTransport? Transport,
    IReadOnlyList<InboundStreamQuality> Inbound,
    IReadOnlyList<OutboundStreamQuality> Outbound,
    long NacksReceived,
    long PlisReceived,
    long FirsReceived,
    long NacksSent,
    long PlisSent,
    TimeSpan SinceLastCheck)
{
    /// <summary>Loss over the last sampling interval of the browser's streams to the relay, the worst stream's (0 to 1).</summary>
    public double InboundLoss => Max(Inbound, static s => s.IntervalLoss);

    public double InboundJitterSeconds => Max(Inbound, static s => s.JitterSeconds);

    public double InboundBitrate => Sum(Inbound, static s => s.Bitrate);

    /// <summary>Loss the browser last reported on the relay's streams to it, the worst stream's (0 to 1).</summary>
    public double OutboundLoss => Max(Outbound, static s => s.FractionLost);

    public double OutboundJitterSeconds => Max(Outbound, static s => s.JitterSeconds);

    public double OutboundBitrate => Sum(Outbound, static s => s.Bitrate);

    /// <summary>The longest of the streams' latest round trips, or null before any was measured.</summary>
    public double? RoundTripSeconds
    {
        get
        {
            double? rtt = null;
            foreach (var stream in Outbound)
            {
                if (stream.RoundTripSeconds is { } value && (rtt is null || value > rtt))
                {
                    rtt = value;
                }
            }

            return rtt;
        }
    }

    private static double Max<T>(IReadOnlyList<T> streams, Func<T, double> value)
    {
        var max = 0.0;
        foreach (var stream in streams)
        {
            max = Math.Max(max, value(stream));
        }

        return max;
    }

    private static double Sum<T>(IReadOnlyList<T> streams, Func<T, double> value)
    {
        var sum = 0.0;
        foreach (var stream in streams)
        {
            sum += value(stream);
        }

        return sum;
    }
}

/// <summary>One stream the browser sends, as the relay measured it.</summary>
/// <param name="Kind">"audio" or "video".</param>
/// <param name="Lost">Packets expected but never received, retransmissions counted as received.</param>
/// <param name="IntervalLoss">Fraction lost over the last sampling interval (0 to 1).</param>
/// <param name="Bitrate">Bits per second over the last sampling interval.</param>
public sealed record InboundStreamQuality(uint Ssrc, string Kind, long Packets, long Bytes, long Lost, double IntervalLoss, double JitterSeconds, double Bitrate);

/// <summary>One stream the relay sends the browser, as the browser reported it (RFC 3550 report blocks).</summary>
/// <param name="FractionLost">The browser's last fraction lost (0 to 1).</param>
/// <param name="Bitrate">Bits per second the relay sent over the last sampling interval.</param>
public sealed record OutboundStreamQuality(uint Ssrc, string Kind, long Packets, long Bytes, long Reports, double FractionLost, long CumulativeLost, double JitterSeconds, double? RoundTripSeconds, double Bitrate);
