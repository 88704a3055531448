namespace Relay.Media.Recording;

/// <summary>
/// Maps one RTP stream's timestamps to the call clock. Until the sender's first report the
/// mapping is anchored on the arrival of the first packet; a sender report re-anchors it on the
/// report's (NTP, RTP) pair (RFC 3550 §6.4.1), which the party's <see cref="SenderClockOffset"/>
/// puts on the call clock. Times come from the timestamps, not from counting frames, so a gap in
/// the stream leaves later media where it belongs. One writer task.
/// </summary>
internal sealed class StreamClock(int clockRate)
{
    private readonly RtpTimestampUnwrapper _unwrapper = new();
    private bool _anchored;
    private long _anchorRtp;
    private long _anchorTicks;

    public int ClockRate { get; } = clockRate;

    /// <summary>True once a sender report anchors the mapping (before: arrival time).</summary>
    public bool FromSenderReport { get; private set; }

    public long Unwrap(uint timestamp) => _unwrapper.Unwrap(timestamp);

    /// <summary>Call-clock ticks of an unwrapped timestamp; the first call anchors on its arrival.</summary>
    public long ToCallTicks(long rtp, long arrivalTicks)
    {
        if (!_anchored)
        {
            _anchored = true;
            _anchorRtp = rtp;
            _anchorTicks = arrivalTicks;
        }

        return _anchorTicks + ((rtp - _anchorRtp) * TimeSpan.TicksPerSecond / ClockRate);
    }

    /// <param name="rtpTimestamp">The report's RTP timestamp.</param>
    /// <param name="callTicks">The report's NTP time on the call clock.</param>
    public void OnSenderReport(uint rtpTimestamp, long callTicks)
    {
        _anchored = true;
        _anchorRtp = _unwrapper.Estimate(rtpTimestamp);
        _anchorTicks = callTicks;
        FromSenderReport = true;
    }
}
