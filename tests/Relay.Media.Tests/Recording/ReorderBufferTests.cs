using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

public class ReorderBufferTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private static readonly long Ms = TimeSpan.TicksPerMillisecond;
    private readonly ReorderBuffer _buffer = new(16, Window);

    [Fact]
    public void Packets_in_order_pass_straight_through()
    {
        for (var i = 10; i < 40; i++)
        {
            Assert.True(_buffer.Insert(Packet(i, i * Ms)));
            Assert.True(_buffer.TryDequeue(i * Ms, out var packet));
            Assert.Equal(i, packet.Index);
        }

        Assert.Equal(0, _buffer.Lost);
    }

    [Fact]
    public void Swapped_packets_come_out_in_order()
    {
        Assert.True(_buffer.Insert(Packet(1, 0)));
        Assert.True(_buffer.Insert(Packet(3, 1 * Ms)));
        Assert.True(_buffer.Insert(Packet(2, 2 * Ms)));
        Assert.Equal([1, 2, 3], DequeueAll(2 * Ms));
        Assert.Equal(0, _buffer.Lost);
    }

    [Fact]
    public void A_hole_holds_later_packets_back_until_the_window_passes()
    {
        _buffer.Insert(Packet(1, 0));
        _buffer.Insert(Packet(3, 10 * Ms));
        _buffer.Insert(Packet(4, 20 * Ms));
        Assert.Equal([1], DequeueAll(50 * Ms));
        Assert.Equal([], DequeueAll(109 * Ms));
        Assert.Equal([3, 4], DequeueAll(110 * Ms));
        Assert.Equal(1, _buffer.Lost);
    }

    [Fact]
    public void A_late_packet_inside_the_window_fills_its_hole()
    {
        _buffer.Insert(Packet(1, 0));
        _buffer.Insert(Packet(3, 10 * Ms));
        Assert.Equal([1], DequeueAll(20 * Ms));
        _buffer.Insert(Packet(2, 60 * Ms));
        Assert.Equal([2, 3], DequeueAll(60 * Ms));
        Assert.Equal(0, _buffer.Lost);
    }

    [Fact]
    public void Duplicates_and_packets_behind_the_released_are_refused()
    {
        _buffer.Insert(Packet(5, 0));
        Assert.False(_buffer.Insert(Packet(5, 0)));
        Assert.Equal([5], DequeueAll(0));
        Assert.False(_buffer.Insert(Packet(5, 0)));
        Assert.False(_buffer.Insert(Packet(4, 0)));
        Assert.Equal(3, _buffer.Refused);
    }

    [Fact]
    public void A_packet_a_whole_buffer_ahead_pushes_out_what_waits()
    {
        _buffer.Insert(Packet(1, 0));
        _buffer.Insert(Packet(3, 0));
        Assert.Equal([1], DequeueAll(0));
        // 30 is 28 past the head (2), with 16 slots: 2..14 must go, holes and all (12 lost, 3 released).
        Assert.True(_buffer.Insert(Packet(30, 1 * Ms)));
        Assert.Equal([3], DequeueAll(1 * Ms));
        Assert.Equal(12, _buffer.Lost);
        _buffer.Insert(Packet(15, 2 * Ms));
        Assert.Equal([15], DequeueAll(2 * Ms));
    }

    [Fact]
    public void A_sender_that_restarts_its_numbering_behind_is_followed()
    {
        _buffer.Insert(Packet(1000, 0));
        Assert.Equal([1000], DequeueAll(0));
        for (var i = 0; i < 63; i++)
        {
            Assert.False(_buffer.Insert(Packet(10 + i, 0)));
        }

        Assert.True(_buffer.Insert(Packet(73, 0)));
        Assert.Equal([73], DequeueAll(0));
    }

    [Fact]
    public void Drain_releases_everything_in_order_across_holes()
    {
        _buffer.Insert(Packet(1, 0));
        _buffer.Insert(Packet(4, 0));
        _buffer.Insert(Packet(3, 0));
        var drained = new List<long>();
        while (_buffer.TryDrain(out var packet))
        {
            drained.Add(packet.Index);
        }

        Assert.Equal([1, 3, 4], drained);
        Assert.Equal(1, _buffer.Lost);
        _buffer.Restart();
        Assert.True(_buffer.Insert(Packet(0, 0)));
    }

    [Fact]
    public void Restart_refuses_a_buffer_still_holding_packets()
    {
        _buffer.Insert(Packet(1, 0));
        Assert.Throws<InvalidOperationException>(_buffer.Restart);
    }

    private static ReorderedPacket Packet(long index, long arrival) => new([], 0, index, arrival);

    private long[] DequeueAll(long now)
    {
        var indices = new List<long>();
        while (_buffer.TryDequeue(now, out var packet))
        {
            indices.Add(packet.Index);
        }

        return [.. indices];
    }
}
