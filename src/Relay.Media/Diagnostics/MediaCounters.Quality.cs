using System.Diagnostics.Metrics;

namespace Relay.Media.Diagnostics;

// Per-leg quality summed over legs: RTP packets, bytes and loss by direction and kind, and
// jitter and round-trip histograms. Legs add what is new at each quality tick (every few
// seconds) and when they end, not per packet, so the packet path touches nothing shared.
public sealed partial class MediaCounters
{
    private const int QualitySeries = 4;

    private static readonly string[] DirectionLabels = ["in", "out"];
    private static readonly string[] KindLabels = ["audio", "video"];

    private readonly long[] _rtpPackets = new long[QualitySeries];
    private readonly long[] _rtpBytes = new long[QualitySeries];
    private readonly long[] _rtpLost = new long[QualitySeries];
    private Histogram<double>? _jitter;
    private Histogram<double>? _roundTrip;

    /// <summary>RTP packets the relay received (outbound: false) or sent (outbound: true) of one kind.</summary>
    public long RtpPackets(bool outbound, bool video) => Interlocked.Read(ref _rtpPackets[Series(outbound, video)]);

    public long RtpBytes(bool outbound, bool video) => Interlocked.Read(ref _rtpBytes[Series(outbound, video)]);

    /// <summary>
    /// Packets lost: inbound, what the relay found missing after retransmissions; outbound, what
    /// receiving browsers reported missing.
    /// </summary>
    public long RtpLost(bool outbound, bool video) => Interlocked.Read(ref _rtpLost[Series(outbound, video)]);

    private void CreateQualityInstruments()
    {
        _meter.CreateObservableCounter("mediarelay.rtp.packets", () => Observe(_rtpPackets), description: "RTP packets received from and sent to browsers, by direction and kind");
        _meter.CreateObservableCounter("mediarelay.rtp.bytes", () => Observe(_rtpBytes), unit: "By", description: "Bytes of RTP received from and sent to browsers, by direction and kind");
        _meter.CreateObservableCounter("mediarelay.rtp.packets.lost", () => Observe(_rtpLost), description: "RTP packets lost: in, missing at the relay after retransmissions; out, reported missing by receiving browsers");
        _jitter = _meter.CreateHistogram<double>("mediarelay.leg.jitter", unit: "s", description: "Interarrival jitter per stream, one sample per quality tick: in, measured by the relay; out, reported by the browser");
        _roundTrip = _meter.CreateHistogram<double>("mediarelay.leg.rtt", unit: "s", description: "Round-trip time between the relay and a browser, from its reports on the relay's sender reports");
    }

    /// <summary>Adds what a stream gained since the leg's previous tick.</summary>
    internal void AddRtp(bool outbound, bool video, long packets, long bytes, long lost)
    {
        var series = Series(outbound, video);
        Interlocked.Add(ref _rtpPackets[series], packets);
        Interlocked.Add(ref _rtpBytes[series], bytes);
        Interlocked.Add(ref _rtpLost[series], lost);
    }

    internal void RecordJitter(bool outbound, bool video, double seconds) =>
        _jitter?.Record(seconds, new KeyValuePair<string, object?>("direction", DirectionLabels[outbound ? 1 : 0]), new KeyValuePair<string, object?>("kind", KindLabels[video ? 1 : 0]));

    internal void RecordRoundTrip(double seconds) => _roundTrip?.Record(seconds);

    private static int Series(bool outbound, bool video) => (outbound ? 2 : 0) + (video ? 1 : 0);

    private static IEnumerable<Measurement<long>> Observe(long[] series)
    {
        for (var i = 0; i < QualitySeries; i++)
        {
            yield return new Measurement<long>(
                Interlocked.Read(ref series[i]),
                new KeyValuePair<string, object?>("direction", DirectionLabels[i / 2]),
                new KeyValuePair<string, object?>("kind", KindLabels[i % 2]));
        }
    }
}
