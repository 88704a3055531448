namespace Relay.Media.Benchmarks;

/// <summary>
/// Many packets of one length, one per fixed-size slot of a single array. Receive-side benchmarks need a fresh packet per call (the SRTP replay window refuses a
/// second copy), so they walk a ring of distinct packets; walking it also keeps the packets out
/// of L1/L2, as packets arriving from the network are.
/// </summary>
internal sealed class PacketRing
{
    private readonly byte[] _slots;
    private readonly int _slotLength;

    /// <param name="slotLength">Room per packet: its length plus any tag written after it.</param>
    public PacketRing(int count, int packetLength, int slotLength)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(packetLength, slotLength);
        Count = count;
        PacketLength = packetLength;
        _slotLength = slotLength;
        _slots = new byte[count * slotLength];
    }

    public int Count { get; }

    /// <summary>Octets of each packet in its slot (all packets have the same length).</summary>
    public int PacketLength { get; set; }

    /// <summary>The whole slot: room for the packet and a tag after it.</summary>
    public Span<byte> Slot(int index) => _slots.AsSpan(index * _slotLength, _slotLength);

    /// <summary>The packet in the slot.</summary>
    public Span<byte> Packet(int index) => _slots.AsSpan(index * _slotLength, PacketLength);

    public void CopyTo(PacketRing other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _slots.CopyTo(other._slots, 0);
        other.PacketLength = PacketLength;
    }
}
