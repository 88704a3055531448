using Relay.Media.Rtcp;

namespace Relay.Media.Congestion;

/// <summary>
/// The sending side of transport-wide congestion control: the transport-wide sequence numbers
/// the relay stamps on the packets it sends one transport, with each packet's size and send
/// time, in a fixed ring; and what the receiver's feedback says became of them.
/// </summary>
/// <remarks>
/// Each number counts once: as delivered when any feedback reports it received (a late arrival
/// after a report of loss turns that loss into a delivery), as lost when a feedback reports it
/// not received first. Feedback about numbers that have left the ring, or were never sent, is
/// ignored. Nothing allocates after construction. Not thread-safe: used under its owner's lock.
/// </remarks>
public sealed class TransportCcSendHistory
{
    /// <summary>Numbers remembered: several seconds at the highest rates a browser receives.</summary>
    public const int Capacity = 4096;

    private const int Mask = Capacity - 1;

    private readonly long[] _index = new long[Capacity];
    private readonly long[] _sentAt = new long[Capacity];
    private readonly int[] _size = new int[Capacity];
    private readonly PacketFate[] _fate = new PacketFate[Capacity];

    /// <summary>The unwrapped index of the next number; the first packet gets 1, as Chromium's first does.</summary>
    private long _next = 1;

    public TransportCcSendHistory() => Array.Fill(_index, -1L);

    private enum PacketFate : byte
    {
        Unreported,
        Lost,
        Delivered,
    }

    /// <summary>Numbers handed out so far.</summary>
    public long PacketsSent => _next - 1;

    /// <summary>Takes the next sequence number for a packet of <paramref name="size"/> bytes sent at <paramref name="sentAtMilliseconds"/>.</summary>
    public ushort Add(int size, long sentAtMilliseconds)
    {
        var index = _next++;
        var slot = (int)(index & Mask);
        _index[slot] = index;
        _sentAt[slot] = sentAtMilliseconds;
        _size[slot] = size;
        _fate[slot] = PacketFate.Unreported;
        return (ushort)index;
    }

    /// <summary>Adds what one feedback packet says about our packets to <paramref name="tally"/>.</summary>
    public void Apply(in TransportCcPacket feedback, ref FeedbackTally tally)
    {
        var last = _next - 1;
        foreach (var status in feedback)
        {
            // How far back from the last number sent: beyond the ring, or "ahead" of it
            // (a number we never sent, which wraps to a large distance), is not ours to count.
            var back = (ushort)((ushort)last - status.SequenceNumber);
            if (back >= Capacity || back >= last)
            {
                continue;
            }

            var index = last - back;
            var slot = (int)(index & Mask);
            if (_index[slot] != index)
            {
                continue;
            }

            var fate = _fate[slot];
            if (status.Received && fate != PacketFate.Delivered)
            {
                tally.Delivered(_size[slot], _sentAt[slot], fate == PacketFate.Lost);
                _fate[slot] = PacketFate.Delivered;
            }
            else if (!status.Received && fate == PacketFate.Unreported)
            {
                tally.Lost(_size[slot], _sentAt[slot]);
                _fate[slot] = PacketFate.Lost;
            }
        }
    }
}
