namespace Relay.Media.Rtcp;

/// <summary>
/// Generic NACK (RFC 4585 §6.2.1): RTPFB with FMT 1; the FCI is one or more
/// <see cref="NackItem"/>s (PID, BLP) naming RTP packets of <see cref="MediaSsrc"/> to resend.
/// </summary>
public readonly ref struct GenericNackPacket
{
    private readonly ReadOnlySpan<byte> _packet;
    private readonly ReadOnlySpan<byte> _fci;

    private GenericNackPacket(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> fci)
    {
        _packet = packet;
        _fci = fci;
    }

    public uint SenderSsrc => RtcpFeedback.ReadSenderSsrc(_packet);

    public uint MediaSsrc => RtcpFeedback.ReadMediaSsrc(_packet);

    public int ItemCount => _fci.Length / NackItem.Size;

    /// <summary>FCI entry <paramref name="index"/>, 0 ≤ index &lt; <see cref="ItemCount"/>.</summary>
    public NackItem GetItem(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ItemCount);
        return NackItem.Read(_fci[(index * NackItem.Size)..]);
    }

    /// <summary>Every sequence number the packet reports lost, item by item.</summary>
    public LostSequenceEnumerator GetLostSequences() => new(this);

    public static bool TryParse(ReadOnlySpan<byte> data, out GenericNackPacket packet)
    {
        packet = default;
        if (!RtcpFeedback.TryParse(
                data, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.GenericNack, out var header, out var fci)
            || fci.IsEmpty)
        {
            // RFC 4585 §6.2.1: the FCI "MUST contain at least one" NACK item.
            return false;
        }

        // The FCI length is a multiple of four because the packet is (RFC 3550 §6.4.1) and
        // padding is whole words in practice; a ragged tail is not a complete item, so reject it.
        if (fci.Length % NackItem.Size != 0)
        {
            return false;
        }

        packet = new GenericNackPacket(header.Packet, fci);
        return true;
    }

    /// <summary>Walks all items and, within each, PID then the BLP bits.</summary>
    public ref struct LostSequenceEnumerator
    {
        private readonly GenericNackPacket _packet;
        private int _item;
        private NackItem.LostSequenceEnumerator _inner;

        internal LostSequenceEnumerator(GenericNackPacket packet)
        {
            _packet = packet;
            _item = -1;
            _inner = default;
        }

        public readonly ushort Current => _inner.Current;

        public readonly LostSequenceEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (true)
            {
                if (_item >= 0 && _inner.MoveNext())
                {
                    return true;
                }

                if (++_item >= _packet.ItemCount)
                {
                    return false;
                }

                _inner = _packet.GetItem(_item).GetEnumerator();
            }
        }
    }
}

/// <summary>Writes a Generic NACK (RFC 4585 §6.2.1) with the given items (at least one).</summary>
public readonly ref struct GenericNackWriter : IRtcpWriter
{
    private readonly uint _senderSsrc;
    private readonly uint _mediaSsrc;
    private readonly ReadOnlySpan<NackItem> _items;

    public GenericNackWriter(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<NackItem> items)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(
            items.Length, (RtcpHeader.MaxPacketLength - RtcpFeedback.FciOffset) / NackItem.Size);
        _senderSsrc = senderSsrc;
        _mediaSsrc = mediaSsrc;
        _items = items;
    }

    public int Size => RtcpFeedback.FciOffset + (_items.Length * NackItem.Size);

    public bool TryWriteTo(Span<byte> destination, out int written)
    {
        written = 0;
        var size = Size;
        if (destination.Length < size)
        {
            return false;
        }

        RtcpFeedback.WriteHeader(
            destination, RtcpPacketType.TransportFeedback, RtcpFeedbackFormat.GenericNack, size, _senderSsrc, _mediaSsrc);
        for (var i = 0; i < _items.Length; i++)
        {
            _items[i].Write(destination[(RtcpFeedback.FciOffset + (i * NackItem.Size))..]);
        }

        written = size;
        return true;
    }
}
