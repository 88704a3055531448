using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

public class ReorderBufferTests
{
    private const long Ms = TimeSpan.TicksPerMillisecond;

    /// <summary>When the first packet (arrived at 0) has waited its window: the stream is flowing.</summary>
    private const long Flowing = 100 * Ms;

    private readonly ReorderBuffer _buffer = new(16, TimeSpan.FromMilliseconds(100));

    [Fact]
    public void The_first_packets_wait_one_window_so_an_overtaken_one_is_not_refused()
    {
        Assert.True(_buffer.Insert(Packet(5, 0)));
        Assert.True(_buffer.Insert(Packet(6, 5 * Ms)));
        Assert.Equal([], DequeueAll(99 * Ms));
        Assert.True(_buffer.Insert(Packet(4, 30 * Ms)));
        Assert.Equal([4, 5, 6], DequeueAll(Flowing));
        Assert.Equal(0, _buffer.Lost);
    }

    [Fact]
    public void Packets_in_order_pass_straight_through_once_flowing()
    {
        Begin(9);
        for (var i = 10; i < 40; i++)
        {
            Assert.True(_buffer.Insert(Packet(i, Flowing + (i * Ms))));
            Assert.Equal([i], DequeueAll(Flowing + (i * Ms)));
        }

        Assert.Equal(0, _buffer.Lost);
    }

    [Fact]
    public void Swapped_packets_come_out_in_order()
    {
        Begin(1);
        Assert.True(_buffer.Insert(Packet(3, Flowing + (1 * Ms))));
        Assert.True(_buffer.Insert(Packet(2, Flowing + (2 * Ms))));
        Assert.Equal([2, 3], DequeueAll(Flowing + (2 * Ms)));
        Assert.Equal(0, _buffer.Lost);
    }

    [Fact]
    public void A_hole_holds_later_packets_back_until_the_window_passes()
    {
        Begin(1);
        _buffer.Insert(Packet(3, Flowing + (10 * Ms)));
        _buffer.Insert(Packet(4, Flowing + (20 * Ms)));
        Assert.Equal([], DequeueAll(Flowing + (109 * Ms)));
        Assert.Equal([3, 4], DequeueAll(Flowing + (110 * Ms)));
        Assert.Equal(1, _buffer.Lost);
    }

    [Fact]
    public void A_late_packet_inside_the_window_fills_its_hole()
    {
        Begin(1);
        _buffer.Insert(Packet(3, Flowing + (10 * Ms)));
        Assert.Equal([], DequeueAll(Flowing + (20 * Ms)));
        _buffer.Insert(Packet(2, Flowing + (60 * Ms)));
        Assert.Equal([2, 3], DequeueAll(Flowing + (60 * Ms)));
        Assert.Equal(0, _buffer.Lost);
    }

    [Fact]
    public void Duplicates_and_packets_behind_the_released_are_refused()
    {
        _buffer.Insert(Packet(5, 0));
        Assert.False(_buffer.Insert(Packet(5, 0)));
        Assert.Equal([5], DequeueAll(Flowing));
        Assert.False(_buffer.Insert(Packet(5, Flowing)));
        Assert.False(_buffer.Insert(Packet(4, Flowing)));
        Assert.Equal(3, _buffer.Refused);
    }

    [Fact]
    public void A_packet_a_whole_buffer_ahead_pushes_out_what_waits()
    {
        Begin(1);
        _buffer.Insert(Packet(3, Flowing));
        Assert.Equal([], DequeueAll(Flowing));
        // 30 is 28 past the head (2), with 16 slots: 2..14 must go, holes and all (12 lost, 3 released).
        Assert.True(_buffer.Insert(Packet(30, Flowing + (1 * Ms))));
        Assert.Equal([3], DequeueAll(Flowing + (1 * Ms)));
        Assert.Equal(12, _buffer.Lost);
        _buffer.Insert(Packet(15, Flowing + (2 * Ms)));
        Assert.Equal([15], DequeueAll(Flowing + (2 * Ms)));
    }

    [Fact]
    public void A_sender_that_restarts_its_numbering_behind_is_followed()
    {
        Begin(1000);
        for (var i = 0; i < 63; i++)
        {
            Assert.False(_buffer.Insert(Packet(10 + i, Flowing)));
        }

        Assert.True(_buffer.Insert(Packet(73, Flowing)));
        Assert.Equal([73], DequeueAll(Flowing));
    }

    [Fact]
    public void Drain_releases_everything_in_order_across_holes_at_once()
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

    /// <summary>A stream whose first packet arrived at 0 and has been released.</summary>
    private void Begin(long first)
    {
        Assert.True(_buffer.Insert(Packet(first, 0)));
        Assert.Equal([first], DequeueAll(Flowing));
    }

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
