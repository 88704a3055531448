using System.Diagnostics;
using Relay.Media.Rtcp;
using Relay.Media.Rtp;

namespace Relay.Media.Quality;

/// <summary>
/// What the relay, as an RTP receiver, knows about one inbound stream (RFC 3550 §6.4.1, A.3,
/// A.8): packets received and lost, interarrival jitter, and the last sender report, from which
/// it builds the report blocks of its receiver reports. Not thread-safe: used under the leg's lock.
/// </summary>
public sealed class ReceptionStatistics(int clockRate)
{
    private readonly SequenceUnwrapper _sequence = new();
    private long _baseIndex;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private double _jitter;
    private long _lastTransit;
    private bool _hasTransit;
    private uint _lastSenderReport;
    private long _lastSenderReportArrival;
    private long _bytes;
    private long _sampledAt;
    private bool _sampled;
    private long _sampledBytes;
    private long _sampledExpected;
    private long _sampledReceived;
    private long _exportedReceived;
    private long _exportedBytes;
    private long _exportedLost;

    public int ClockRate { get; } = clockRate > 0 ? clockRate : throw new ArgumentOutOfRangeException(nameof(clockRate));

    public long PacketsReceived => _received;

    /// <summary>RTP bytes (header and payload, after SRTP) of the packets received, retransmissions included.</summary>
    public long BytesReceived => _bytes;

    /// <summary>Bits per second between the last two <see cref="Sample"/> calls.</summary>
    public double Bitrate { get; private set; }

    /// <summary>Fraction of the packets expected between the last two <see cref="Sample"/> calls that did not arrive (0 to 1).</summary>
    public double IntervalLoss { get; private set; }

    /// <summary>Packets expected between the last two <see cref="Sample"/> calls (0: the stream was silent).</summary>
    public long IntervalExpected { get; private set; }

    /// <summary>Packets expected (from the sequence numbers) but not received; duplicates can make it negative.</summary>
    public long PacketsLost => _sequence.HasValue ? Expected - _received : 0;

    /// <summary>Interarrival jitter in RTP timestamp units.</summary>
    public double Jitter => _jitter;

    private long Expected => _sequence.HighestIndex - _baseIndex + 1;

    /// <param name="arrival">Stopwatch ticks when the packet arrived.</param>
    /// <param name="size">The packet's size in bytes, for the bitrate.</param>
    public void OnPacket(ushort sequenceNumber, uint rtpTimestamp, long arrival, int size = 0)
    {
        _bytes += size;
        var index = _sequence.Unwrap(sequenceNumber);
        if (_received == 0 || index < _baseIndex)
        {
            _baseIndex = index;
        }

        _received++;

        // RFC 3550 A.8: transit time in timestamp units; only differences matter, so the
        // arrival clock's origin does not.
        var transit = (long)((double)arrival * ClockRate / Stopwatch.Frequency) - rtpTimestamp;
        if (_hasTransit)
        {
            var d = Math.Abs(transit - _lastTransit);
            _jitter += (d - _jitter) / 16;
        }

        _lastTransit = transit;
        _hasTransit = true;
    }

    /// <summary>
    /// A packet that filled a gap through a retransmission (RFC 4588 RTX, unwrapped): received, so
    /// the loss reported is what is left after repair, as a direct WebRTC peer reports it; but its
    /// late arrival says nothing about the path's jitter, so it is kept out of that (RFC 4588 §1).
    /// </summary>
    public void OnRetransmission(ushort sequenceNumber, int size = 0)
    {
        _bytes += size;
        var index = _sequence.Unwrap(sequenceNumber);
        if (_received == 0 || index < _baseIndex)
        {
            _baseIndex = index;
        }

        _received++;
    }

    /// <summary>
    /// Closes a sampling interval (the leg's quality tick, every few seconds, not per packet):
    /// the bitrate and the loss since the previous call. Kept apart from <see cref="CreateReportBlock"/>,
    /// whose interval is the receiver reports'.
    /// </summary>
    /// <param name="now">Stopwatch ticks.</param>
    public void Sample(long now)
    {
        var expected = _sequence.HasValue ? Expected : 0;
        IntervalExpected = expected - _sampledExpected;
        var lost = IntervalExpected - (_received - _sampledReceived);
        IntervalLoss = IntervalExpected <= 0 || lost <= 0 ? 0 : (double)lost / IntervalExpected;
        if (_sampled && now > _sampledAt)
        {
            Bitrate = (_bytes - _sampledBytes) * 8.0 * Stopwatch.Frequency / (now - _sampledAt);
        }

        _sampledAt = now;
        _sampled = true;
        _sampledBytes = _bytes;
        _sampledExpected = expected;
        _sampledReceived = _received;
    }

    /// <summary>
    /// What this stream added since the previous call, for counters that only grow: loss can
    /// shrink when a late packet arrives, so lost packets are counted up to their highest total.
    /// </summary>
    public void TakeNew(out long packets, out long bytes, out long lost)
    {
        packets = _received - _exportedReceived;
        bytes = _bytes - _exportedBytes;
        var total = PacketsLost;
        lost = Math.Max(0, total - _exportedLost);
        _exportedReceived = _received;
        _exportedBytes = _bytes;
        _exportedLost = Math.Max(_exportedLost, total);
    }

    /// <summary>Interarrival jitter in seconds.</summary>
    public double JitterSeconds => _jitter / ClockRate;

    public void OnSenderReport(NtpTimestamp ntp, long arrival)
    {
        _lastSenderReport = ntp.Middle32;
        _lastSenderReportArrival = arrival;
    }

    /// <summary>The report block for the interval since the previous call (RFC 3550 A.3).</summary>
    public ReportBlock CreateReportBlock(uint ssrc, long now)
    {
        var expected = Expected;
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        var fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int)((lostInterval << 8) / expectedInterval);
        var cumulative = (int)Math.Clamp(expected - _received, ReportBlock.MinCumulativeLost, ReportBlock.MaxCumulativeLost);
        var delay = _lastSenderReport == 0
            ? 0u
            : NtpTimestamp.ToCompactDuration(TimeSpan.FromSeconds((double)(now - _lastSenderReportArrival) / Stopwatch.Frequency));
        return new ReportBlock(
            ssrc,
            (byte)Math.Min(fraction, 255),
            cumulative,
            (uint)_sequence.HighestIndex,
            (uint)_jitter,
            _lastSenderReport,
            delay);
    }
}
