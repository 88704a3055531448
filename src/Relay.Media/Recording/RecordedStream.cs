using Relay.Media.Rtp;

namespace Relay.Media.Recording;

/// <summary>
/// The recorder's state for one of a party's streams (its audio or its video): which SSRC it
/// follows, sequence unwrapping, the reorder buffer and the clock mapping. A new SSRC (the
/// browser replaced its track) starts the state over. One writer task.
/// </summary>
internal sealed class RecordedStream(int clockRate, int reorderCapacity, TimeSpan reorderWindow)
{
    private readonly SequenceUnwrapper _sequence = new();

    public bool HasSsrc { get; private set; }

    public uint Ssrc { get; private set; }

    public ReorderBuffer Reorder { get; } = new(reorderCapacity, reorderWindow);

    public StreamClock Clock { get; private set; } = new(clockRate);

    public void Follow(uint ssrc)
    {
        HasSsrc = true;
        Ssrc = ssrc;
        _sequence.Reset();
        Clock = new StreamClock(clockRate);
    }

    /// <summary>
    /// The 64-bit index of a sequence number. The first lands in rollover cycle 1, so a packet
    /// reordered from just before it still unwraps to a smaller index, not to a far later one.
    /// </summary>
    public long Unwrap(ushort sequenceNumber)
    {
        if (!_sequence.HasValue)
        {
            _sequence.Reset(1, sequenceNumber);
        }

        return _sequence.Unwrap(sequenceNumber);
    }
}
