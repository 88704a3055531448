using Relay.Media.Rtcp;

namespace Relay.Media.Recovery;

/// <summary>Writes a list of lost sequence numbers as one Generic NACK (RFC 4585 §6.2.1), without allocating.</summary>
public static class NackPacketBuilder
{
    /// <summary>Sequences one NACK carries at most; also the size of the callers' stack buffers.</summary>
    public const int MaxSequences = 64;

    /// <summary>Room for the largest NACK: every sequence in its own item.</summary>
    public const int MaxSize = RtcpFeedback.FciOffset + (MaxSequences * NackItem.Size);

    /// <summary>
    /// Packs <paramref name="sequences"/> (ascending modulo 2^16; at most <see cref="MaxSequences"/>)
    /// into as few PID/BLP items as possible. False when there is nothing to write or
    /// <paramref name="destination"/> is too small.
    /// </summary>
    public static bool TryWrite(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<ushort> sequences, Span<byte> destination, out int written)
    {
        written = 0;
        if (sequences.IsEmpty || sequences.Length > MaxSequences)
        {
            return false;
        }

        Span<NackItem> items = stackalloc NackItem[MaxSequences];
        var count = NackItem.FromLostSequences(sequences, items);
        return count > 0 && new GenericNackWriter(senderSsrc, mediaSsrc, items[..count]).TryWriteTo(destination, out written);
    }
}
