namespace Relay.Media.Congestion;

/// <summary>
/// How much one receiver can take, from the transport-cc feedback its browser sends about the
/// packets the relay sent it: the loss-based controller of Google Congestion Control
/// (draft-ietf-rmcat-gcc-02 §6). Feedback is gathered into windows of at least
/// <see cref="WindowMilliseconds"/> and <see cref="MinPacketsPerWindow"/> packets; at the end of
/// each window, with loss p = lost / reported:
/// <list type="bullet">
/// <item>p &gt; 10 %: the cap becomes min(cap, sent rate) × (1 − p/2): it starts from what was
/// actually sent, so it binds at once however high it had grown;</item>
/// <item>2 % ≤ p ≤ 10 %: the cap holds;</item>
/// <item>p &lt; 2 %: the cap grows 8 % per second (compounded over the time since the last window).</item>
/// </list>
/// It starts at <see cref="MaxBitrate"/>: until the receiver loses packets there is no evidence
/// of a limit, and the sender's own estimator (fed by the relay's transport-cc) leads. GCC also
/// bounds its estimate by 1.5 × the incoming rate (§5.5); that bound is left out on purpose.
/// Chromium's encoder sends well under its estimate (measured here: 50–65 % at 720p), so a cap
/// tied to the delivered rate shrinks the sender's target round after round: with the bound, a
/// loopback two-user call spiralled from 1 Mbit/s down to the 300 kbit/s floor in 11 s. The
/// decrease starts from the rate sent, so a cap that has grown high never delays a decrease.
/// Rates are bytes over the span of send times of the packets reported, the sender's timeline.
/// Deterministic: time is passed in. Not thread-safe: used under its owner's lock.
/// </summary>
public sealed class LossBasedBitrateEstimator
{
    public const long MinBitrate = 50_000;

    public const long MaxBitrate = 100_000_000;

    public const long WindowMilliseconds = 500;

    /// <summary>
    /// Enough packets that random loss under the hold band rarely reads above it. At 5 % random
    /// loss a window of 10 packets reads above 10 % about one time in ten, and each such read cuts
    /// the cap with nothing to raise it again (5 % holds): a 60 s browser echo test at 5 % loss
    /// fell to 83 kbit/s that way. With 200 packets it happens about once in a thousand windows.
    /// </summary>
    public const int MinPacketsPerWindow = 200;

    public const double DecreaseAbove = 0.10;

    public const double IncreaseBelow = 0.02;

    /// <summary>GCC's increase factor per second while the path is clean.</summary>
    public const double GrowthPerSecond = 1.08;

    /// <summary>Shortest span of send times a rate is taken over: a single burst says little.</summary>
    private const long MinRateSpanMilliseconds = 100;

    private FeedbackTally _window;
    private long _windowStart;
    private bool _windowOpen;
    private long _lastEvaluation;

    /// <summary>The cap in bits per second; <see cref="MaxBitrate"/> (no limit known) until loss is reported.</summary>
    public long Bitrate { get; private set; } = MaxBitrate;

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

        // The first window grows from its own start; later ones from the previous evaluation.
        var elapsed = (nowMilliseconds - (HasEstimate ? _lastEvaluation : _windowStart)) / 1000.0;
        Evaluate(_window, elapsed);
        _lastEvaluation = nowMilliseconds;
        _windowOpen = false;
        return true;
    }

    private void Evaluate(in FeedbackTally window, double elapsedSeconds)
    {
        var reported = Math.Max(window.PacketsReported, 1);
        var loss = Math.Clamp((double)window.PacketsLost / reported, 0, 1);
        var span = Math.Max(window.LastSentAt - window.FirstSentAt, MinRateSpanMilliseconds);
        var delivered = Math.Max(window.BytesDelivered, 0) * 8 * 1000 / span;
        var sent = Math.Max(window.BytesDelivered + window.BytesLost, 0) * 8 * 1000 / span;

        double bitrate = Bitrate;
        if (loss > DecreaseAbove)
        {
            bitrate = Math.Min(bitrate, sent) * (1 - (loss / 2));
        }
        else if (loss < IncreaseBelow)
        {
            bitrate *= Math.Pow(GrowthPerSecond, elapsedSeconds);
        }

        Bitrate = (long)Math.Clamp(bitrate, MinBitrate, MaxBitrate);
        LossFraction = loss;
        DeliveredBitrate = delivered;
        HasEstimate = true;
    }
}
