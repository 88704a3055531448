namespace Relay.Media.Recording;

/// <summary>
/// Extends 32-bit RTP timestamps to 64 bits: each one is placed in the cycle that puts it nearest
/// the highest seen (as <see cref="Rtp.SequenceUnwrapper"/> does for 16-bit sequence numbers), so
/// a wrap in either direction and reordering up to 2^31 apart resolve. The first timestamp lands
/// in cycle 1, so one reordered from just before it still has a cycle to fall back into.
/// Not thread-safe: one per stream.
/// </summary>
internal sealed class RtpTimestampUnwrapper
{
    private const long Cycle = 1L << 32;
    private const long HalfCycle = Cycle / 2;

    private bool _hasValue;
    private long _highest;

    /// <summary>The 64-bit value of <paramref name="timestamp"/>; it moves the highest seen when newer.</summary>
    public long Unwrap(uint timestamp)
    {
        var value = Estimate(timestamp);
        if (!_hasValue || value > _highest)
        {
            _highest = value;
            _hasValue = true;
        }

        return value;
    }

    /// <summary>Like <see cref="Unwrap"/> without remembering: for a sender report's timestamp.</summary>
    public long Estimate(uint timestamp)
    {
        if (!_hasValue)
        {
            return Cycle + timestamp;
        }

        var delta = (long)timestamp - (_highest & (Cycle - 1));
        if (delta > HalfCycle)
        {
            delta -= Cycle;
        }
        else if (delta < -HalfCycle)
        {
            delta += Cycle;
        }

        return _highest + delta;
    }
}
