namespace Relay.Media.Rtp;

/// <summary>
/// Extends 16-bit RTP sequence numbers to a 64-bit index (for SRTP: the 48-bit ROC || SEQ packet
/// index of RFC 3711 §3.3.1). The one unwrapper both RTP statistics and the SRTP rollover counter
/// use (STYLE.md; livekit's wraparound.go).
/// </summary>
/// <remarks>
/// Estimation follows RFC 3711 Appendix A: of the three candidates ROC−1, ROC and ROC+1 the index
/// closest to the highest one seen is chosen, so reordering across a wrap in either direction
/// resolves correctly as long as packets are less than 2^15 apart. Estimating and committing are
/// separate steps because SRTP must authenticate a packet before its index may move the state
/// (RFC 3711 §3.3.1: "the ROC ... MUST NOT be updated before the packet is authenticated").
/// A stream restart (new SSRC, or a sender reset) calls <see cref="Reset"/>.
/// Not thread-safe: one instance per stream, used by the thread that owns the stream.
/// </remarks>
public sealed class SequenceUnwrapper
{
    private const long Cycle = 1L << 16;
    private const long HalfCycle = Cycle / 2;

    /// <summary>True once a first index was committed.</summary>
    public bool HasValue { get; private set; }

    /// <summary>The highest index committed so far (valid when <see cref="HasValue"/>).</summary>
    public long HighestIndex { get; private set; }

    /// <summary>The rollover counter of the highest index: how often the sequence wrapped.</summary>
    public uint RolloverCounter => (uint)(HighestIndex >> 16);

    /// <summary>The index <paramref name="sequenceNumber"/> most likely stands for; changes nothing.</summary>
    public long Estimate(ushort sequenceNumber)
    {
        if (!HasValue)
        {
            return sequenceNumber;
        }

        var delta = (long)sequenceNumber - (HighestIndex & (Cycle - 1));
        if (delta > HalfCycle)
        {
            delta -= Cycle;
        }
        else if (delta < -HalfCycle)
        {
            delta += Cycle;
        }

        var index = HighestIndex + delta;

        // A packet "before" the first rollover has no earlier cycle to belong to: RFC 3711 starts
        // the ROC at zero, so the only index a sender can have used is the one in cycle 0.
        return index < 0 ? sequenceNumber : index;
    }

    /// <summary>Records an accepted index: it becomes the highest when it is newer.</summary>
    public void Commit(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (!HasValue || index > HighestIndex)
        {
            HighestIndex = index;
            HasValue = true;
        }
    }

    /// <summary>Estimate and commit in one step, for callers that need no authentication first.</summary>
    public long Unwrap(ushort sequenceNumber)
    {
        var index = Estimate(sequenceNumber);
        Commit(index);
        return index;
    }

    /// <summary>Starts over: the next packet defines cycle 0 again.</summary>
    public void Reset()
    {
        HasValue = false;
        HighestIndex = 0;
    }

    /// <summary>Starts from a known rollover counter and sequence (e.g. an SRTP ROC signalled out of band).</summary>
    public void Reset(uint rolloverCounter, ushort sequenceNumber)
    {
        HighestIndex = ((long)rolloverCounter << 16) | sequenceNumber;
        HasValue = true;
    }
}
