using System.Buffers.Binary;

namespace Relay.Media.Rtcp;

/// <summary>
/// One Generic NACK FCI entry (RFC 4585 §6.2.1): PID is a lost RTP sequence number; bit i
/// of BLP (least significant first) reports PID + i + 1 lost as well.
/// </summary>
public readonly record struct NackItem(ushort PacketId, ushort LostBitmask)
{
    public const int Size = 4;

    private const int PacketIdOffset = 0;
    private const int BitmaskOffset = 2;

    /// <summary>A PID plus 16 BLP bits covers this many consecutive sequence numbers.</summary>
    private const int CoveredSequences = 17;

    /// <summary>Enumerates PID and then every sequence number flagged in BLP, ascending (mod 2^16).</summary>
    public LostSequenceEnumerator GetEnumerator() => new(this);

    internal static NackItem Read(ReadOnlySpan<byte> data) =>
        new(BinaryPrimitives.ReadUInt16BigEndian(data[PacketIdOffset..]),
            BinaryPrimitives.ReadUInt16BigEndian(data[BitmaskOffset..]));

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination[PacketIdOffset..], PacketId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[BitmaskOffset..], LostBitmask);
    }

    /// <summary>Number of items <see cref="FromLostSequences"/> produces for this list.</summary>
    public static int CountFor(ReadOnlySpan<ushort> lostSequences) => Pack(lostSequences, default);

    /// <summary>
    /// Packs lost sequence numbers, given in ascending order modulo 2^16, into as few items as
    /// a greedy pass allows: each item starts at the first number its predecessor could not
    /// cover. Duplicates are skipped. Returns the number of items written, or -1 if
    /// <paramref name="items"/> is shorter than <see cref="CountFor"/>.
    /// </summary>
    public static int FromLostSequences(ReadOnlySpan<ushort> lostSequences, Span<NackItem> items)
    {
        if (items.Length < CountFor(lostSequences))
        {
            return -1;
        }

        return Pack(lostSequences, items);
    }

    // With an empty destination this only counts, so both public methods share one walk.
    private static int Pack(ReadOnlySpan<ushort> lost, Span<NackItem> items)
    {
        var count = 0;
        ushort pid = 0;
        ushort mask = 0;
        foreach (var sequence in lost)
        {
            var distance = (ushort)(sequence - pid);
            if (count > 0 && distance == 0)
            {
                continue;
            }

            if (count > 0 && distance < CoveredSequences)
            {
                mask |= (ushort)(1 << (distance - 1));
                continue;
            }

            if (count > 0 && !items.IsEmpty)
            {
                items[count - 1] = new NackItem(pid, mask);
            }

            pid = sequence;
            mask = 0;
            count++;
        }

        if (count > 0 && !items.IsEmpty)
        {
            items[count - 1] = new NackItem(pid, mask);
        }

        return count;
    }

    /// <summary>Allocation-free enumerator of the sequence numbers one item reports lost.</summary>
    public struct LostSequenceEnumerator
    {
        private readonly NackItem _item;
        private int _bit;

        internal LostSequenceEnumerator(NackItem item)
        {
            _item = item;
            _bit = -2;
            Current = 0;
        }

        public ushort Current { get; private set; }

        public bool MoveNext()
        {
            // -2: before PID; -1: at PID; 0..15: at the BLP bit with that index.
            _bit++;
            if (_bit == -1)
            {
                Current = _item.PacketId;
                return true;
            }

            while (_bit < 16)
            {
                if ((_item.LostBitmask & (1 << _bit)) != 0)
                {
                    Current = (ushort)(_item.PacketId + _bit + 1);
                    return true;
                }

                _bit++;
            }

            return false;
        }
    }
}
