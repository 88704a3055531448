namespace Relay.Media.Congestion;

/// <summary>
/// How much one receiver can take, from the transport-cc feedback its browser sends about the
/// packets the relay sent it: the loss-based controller of Google Congestion Control
/// (draft-ietf-rmcat-gcc-02 §6) with the delivered-rate bound of §5.5. Feedback is gathered into
/// windows of at least <see cref="WindowMilliseconds"/> and <see cref="MinPacketsPerWindow"/>
/// packets; at the end of each window, with loss p = lost / reported:
/// <list type="bullet">
/// <item>p &gt; 10 %: the cap becomes min(cap, sent rate) × (1 − p/2) — it falls below what was
/// actually sent, so it binds at once;</item>
/// <item>2 % ≤ p ≤ 10 %: the cap holds;</item>
/// <item>p &lt; 2 %: the cap becomes 1.5 × the delivered rate.</item>
/// </list>
/// The cap never exceeds 1.5 × the delivered rate (a receiver has not shown it can take more) nor
/// goes below <see cref="MinBitrate"/>; the start rate stands in for the delivered rate while that
/// is lower, so an idle or audio-only path does not squeeze a sender below where browsers start.
/// GCC's 8 %/s growth is left out on purpose: this cap only bounds the sender's own estimator,
/// and growing it at 8 %/s would hold Chromium near its start rate for about 20 s; following the
/// delivered rate with 50 % headroom lets the sender's estimator lead while the path is clean.
/// Rates are bytes over the span of send times of the packets reported, the sender's timeline.
/// Deterministic: time is passed in. Not thread-safe: used under its owner's lock.
/// </summary>
public sealed class LossBasedBitrateEstimator
{
    /// <summary>Where browsers start (Chromium's default start bitrate), bits per second.</summary>
    public const long StartBitrate = 300_000;

    public const long MinBitrate = 50_000;

    public const long MaxBitrate = 100_000_000;

    public const long WindowMilliseconds = 500;

    public const int MinPacketsPerWindow = 10;

    public const double DecreaseAbove = 0.10;

    public const double IncreaseBelow = 0.02;

    public const double Headroom = 1.5;

    /// <summary>Shortest span of send times a rate is taken over: a single burst says little.</summary>
    private const long MinRateSpanMilliseconds = 100;

    private FeedbackTally _window;
    private long _windowStart;
    private bool _windowOpen;

    /// <summary>The cap in bits per second; <see cref="StartBitrate"/> until the first window closes.</summary>
    public long Bitrate { get; private set; } = StartBitrate;

    /// <summary>True once a window has closed.</summary>
    public bool HasEstimate { get; private set; }

    /// <summary>Loss fraction of the last closed window.</summary>
    public double LossFraction { get; private set; }

    /// <summary>Delivered bitrate of the last closed window.</summary>
    public long DeliveredBitrate { get; private set; }

    /// <summary>Adds one feedback's tally; true when it closed a window and the cap was re-evaluated.</summary>
    public bool Add(in FeedbackTally tally, long nowMilliseconds)
    {
        if (tally.PacketsReported == 0)
        {
            return false;
        }

        if (!_windowOpen)
        {
            _window = default;
            _windowStart = nowMilliseconds;
            _windowOpen = true;
        }

        _window = FeedbackTally.Combine(_window, tally);
        if (nowMilliseconds - _windowStart < WindowMilliseconds || _window.PacketsReported < MinPacketsPerWindow)
        {
            return false;
        }

        Evaluate(_window);
        _windowOpen = false;
        return true;
    }

    private void Evaluate(in FeedbackTally window)
    {
        var reported = Math.Max(window.PacketsReported, 1);
        var loss = Math.Clamp((double)window.PacketsLost / reported, 0, 1);
        var span = Math.Max(window.LastSentAt - window.FirstSentAt, MinRateSpanMilliseconds);
        var delivered = Math.Max(window.BytesDelivered, 0) * 8 * 1000 / span;
        var sent = Math.Max(window.BytesDelivered + window.BytesLost, 0) * 8 * 1000 / span;
        var bound = (long)Math.Max(Headroom * delivered, StartBitrate);

        var bitrate = Bitrate;
        if (loss > DecreaseAbove)
        {
            bitrate = (long)(Math.Min(bitrate, sent) * (1 - (loss / 2)));
        }
        else if (loss < IncreaseBelow)
        {
            bitrate = bound;
        }

        Bitrate = Math.Clamp(Math.Min(bitrate, bound), MinBitrate, MaxBitrate);
        LossFraction = loss;
        DeliveredBitrate = delivered;
        HasEstimate = true;
    }
}
