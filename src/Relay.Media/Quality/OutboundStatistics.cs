using System.Diagnostics;
using Relay.Media.Rtcp;

namespace Relay.Media.Quality;

/// <summary>
/// What a browser tells the relay, in the report blocks of its RTCP (RFC 3550 §6.4.1), about one
/// stream the relay sends it: loss and jitter as received, and the round-trip time.
/// Not thread-safe: used under the leg's lock.
/// </summary>
/// <remarks>
/// RTT: the relay sends no sender reports of its own; it relays the sending browser's under our
/// SSRC (MediaSession.RelaySenderReport), so the NTP time in them — and the LSR the receiving
/// browser echoes — is the <em>other browser's</em> clock. RFC 3550's A − LSR − DLSR would mix two
/// clocks. Instead the relay remembers, for the last few SRs it relayed on this stream, the LSR
/// value and when (on its own clock) it sent it; a report block echoing that LSR arrived
/// (now − sent − DLSR) later than a perfect path would allow, which is the round trip between
/// the relay and this browser.
/// </remarks>
public sealed class OutboundStatistics(int clockRate)
{
    /// <summary>SRs go out every second or so; a browser answers within a few, so a handful suffices.</summary>
    private const int SentReportSlots = 8;

    private readonly uint[] _sentLsr = new uint[SentReportSlots];
    private readonly long[] _sentAt = new long[SentReportSlots];
    private int _nextSlot;
    private long _rttSamples;
    private long _reports;
    private long _sampledAt;
    private bool _sampled;
    private long _sampledBytes;
    private long _exportedPackets;
    private long _exportedBytes;
    private long _exportedLost;
    private long _exportedReports;
    private long _exportedRoundTrips;

    public int ClockRate { get; } = clockRate > 0 ? clockRate : throw new ArgumentOutOfRangeException(nameof(clockRate));

    /// <summary>RTP packets sent on this stream (SRTP-protected, as they left).</summary>
    public long PacketsSent { get; private set; }

    /// <summary>Bytes of those packets, SRTP tag included.</summary>
    public long BytesSent { get; private set; }

    /// <summary>Bits per second sent between the last two <see cref="Sample"/> calls.</summary>
    public double Bitrate { get; private set; }

    /// <summary>Report blocks received about this stream.</summary>
    public long ReportsReceived => _reports;

    /// <summary>The browser's last "fraction lost" (0 to 1): loss over its last report interval.</summary>
    public double FractionLost { get; private set; }

    /// <summary>The browser's cumulative count of lost packets (may be negative with duplicates).</summary>
    public long CumulativeLost { get; private set; }

    /// <summary>The browser's interarrival jitter, in seconds.</summary>
    public double JitterSeconds { get; private set; }

    /// <summary>The last round-trip time measured, in seconds; null until one was.</summary>
    public double? RoundTripSeconds { get; private set; }

    /// <summary>Round-trip times measured so far: the quality tick records one when it has grown.</summary>
    public long RoundTripSamples => _rttSamples;

    public void OnSent(int bytes)
    {
        PacketsSent++;
        BytesSent += bytes;
    }

    /// <summary>Closes a sampling interval (the leg's quality tick): the bitrate since the previous call.</summary>
    /// <param name="now">Stopwatch ticks.</param>
    public void Sample(long now)
    {
        if (_sampled && now > _sampledAt)
        {
            Bitrate = (BytesSent - _sampledBytes) * 8.0 * Stopwatch.Frequency / (now - _sampledAt);
        }

        _sampledAt = now;
        _sampled = true;
        _sampledBytes = BytesSent;
    }

    /// <summary>
    /// What this stream added since the previous call, for counters that only grow (the
    /// browser's cumulative loss can shrink with duplicates; it is counted up to its highest).
    /// </summary>
    /// <param name="reported">True when a report block arrived since the previous call.</param>
    /// <param name="measuredRoundTrip">True when a round trip was measured since the previous call.</param>
    public void TakeNew(out long packets, out long bytes, out long lost, out bool reported, out bool measuredRoundTrip)
    {
        packets = PacketsSent - _exportedPackets;
        bytes = BytesSent - _exportedBytes;
        lost = Math.Max(0, CumulativeLost - _exportedLost);
        reported = _reports != _exportedReports;
        measuredRoundTrip = _rttSamples != _exportedRoundTrips;
        _exportedPackets = PacketsSent;
        _exportedBytes = BytesSent;
        _exportedLost = Math.Max(_exportedLost, CumulativeLost);
        _exportedReports = _reports;
        _exportedRoundTrips = _rttSamples;
    }

    /// <summary>A sender report went to the browser on this stream, carrying this NTP time.</summary>
    /// <param name="sentAt">Stopwatch ticks.</param>
    public void OnSenderReportSent(NtpTimestamp ntp, long sentAt)
    {
        _sentLsr[_nextSlot] = ntp.Middle32;
        _sentAt[_nextSlot] = sentAt;
        _nextSlot = (_nextSlot + 1) % SentReportSlots;
    }

    /// <summary>A report block about this stream arrived from the browser.</summary>
    /// <param name="arrival">Stopwatch ticks.</param>
    public void OnReportBlock(in ReportBlock block, long arrival)
    {
        _reports++;
        FractionLost = block.FractionLost / 256.0;
        CumulativeLost = block.CumulativeLost;
        JitterSeconds = (double)block.Jitter / ClockRate;
        if (block.LastSenderReport == 0)
        {
            // RFC 3550 §6.4.1: no SR received yet, so no round trip to measure.
            return;
        }

        for (var i = 0; i < SentReportSlots; i++)
        {
            // Empty slots hold LSR 0, which a block never matches here.
            if (_sentLsr[i] == block.LastSenderReport)
            {
                var rtt = ((double)(arrival - _sentAt[i]) / Stopwatch.Frequency) - (block.DelaySinceLastSenderReport / 65536.0);
                // A negative value means a report from before a clock step or a forged LSR: not a round trip.
                if (rtt >= 0)
                {
                    RoundTripSeconds = rtt;
                    _rttSamples++;
                }

                return;
            }
        }
    }
}
