using Relay.Media.Recovery;

namespace Relay.Media.Tests.Recovery;

public class NackRequesterTests
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);

    private readonly ManualTimeProvider _time = new();
    private readonly ushort[] _due = new ushort[64];

    [Fact]
    public void A_gap_is_reported_at_once_in_ascending_order()
    {
        var requester = Create();
        Assert.Equal(NackArrival.InOrder, requester.OnPacket(10, retransmission: false));
        Assert.Equal(NackArrival.InOrder, requester.OnPacket(11, retransmission: false));

        Assert.Equal(NackArrival.AfterGap, requester.OnPacket(15, retransmission: false));

        Assert.Equal([12, 13, 14], Collect(requester));
        Assert.Equal(3, requester.MissingCount);
        Assert.True(requester.IsMissing(13));
        Assert.False(requester.IsMissing(15));
    }

    [Fact]
    public void Gaps_across_the_16_bit_wrap_are_found_and_filled()
    {
        var requester = Create();
        requester.OnPacket(65533, retransmission: false);

        Assert.Equal(NackArrival.AfterGap, requester.OnPacket(2, retransmission: false));

        Assert.Equal([65534, 65535, 0, 1], Collect(requester));
        Assert.Equal(NackArrival.Recovered, requester.OnPacket(65535, retransmission: true));
        Assert.Equal(NackArrival.Recovered, requester.OnPacket(0, retransmission: false));
        Assert.Equal(NackArrival.InOrder, requester.OnPacket(3, retransmission: false));
        Assert.Equal(2, requester.MissingCount);
        Assert.False(requester.IsMissing(0));
        Assert.True(requester.IsMissing(1));
    }

    [Fact]
    public void A_packet_is_passed_on_once_whichever_copy_comes_first()
    {
        var requester = Create();
        requester.OnPacket(100, retransmission: false);
        requester.OnPacket(103, retransmission: false);

        // 101 arrives as RTX, then its late original; 100 comes again as a sender's redundant RTX.
        Assert.Equal(NackArrival.Recovered, requester.OnPacket(101, retransmission: true));
        Assert.Equal(NackArrival.Duplicate, requester.OnPacket(101, retransmission: false));
        Assert.Equal(NackArrival.Duplicate, requester.OnPacket(100, retransmission: true));
        Assert.Equal(NackArrival.Duplicate, requester.OnPacket(103, retransmission: true));
        Assert.Equal(1, requester.MissingCount);
    }

    [Fact]
    public void A_missing_packet_is_asked_again_only_after_the_retry_interval()
    {
        var requester = Create();
        requester.OnPacket(1, retransmission: false);
        requester.OnPacket(3, retransmission: false);
        Assert.Equal([2], Collect(requester));

        _time.Advance(Retry - TimeSpan.FromMilliseconds(1));
        Assert.Empty(Collect(requester));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([2], Collect(requester));
    }

    [Fact]
    public void A_missing_packet_is_given_up_after_the_retry_limit_and_its_last_chance()
    {
        var requester = Create(new NackRequesterOptions { RetryInterval = Retry, MaxRetries = 3 });
        requester.OnPacket(1, retransmission: false);
        requester.OnPacket(3, retransmission: false);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal([2], Collect(requester));
            _time.Advance(Retry);
        }

        Assert.Empty(Collect(requester));
        Assert.Equal(0, requester.MissingCount);
        Assert.Equal(1, requester.Abandoned);
        Assert.False(requester.IsMissing(2));
        // Given up is not arrived: should it still come, it is new to the receiver and passed on.
        Assert.Equal(NackArrival.Recovered, requester.OnPacket(2, retransmission: true));
    }

    [Fact]
    public void NACKs_for_a_stream_are_spaced_by_the_minimum_interval()
    {
        var requester = Create(new NackRequesterOptions { MinNackInterval = TimeSpan.FromMilliseconds(10) });
        requester.OnPacket(1, retransmission: false);
        requester.OnPacket(3, retransmission: false);
        Assert.Equal([2], Collect(requester));

        _time.Advance(TimeSpan.FromMilliseconds(5));
        requester.OnPacket(5, retransmission: false);
        Assert.Empty(Collect(requester));

        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal([4], Collect(requester));
    }

    [Fact]
    public void The_list_is_capped_and_the_oldest_gaps_go_first()
    {
        var requester = Create(new NackRequesterOptions { MaxMissing = 4 });
        requester.OnPacket(0, retransmission: false);
        requester.OnPacket(4, retransmission: false);

        requester.OnPacket(7, retransmission: false);

        // 1, 2, 3 then 5, 6: one too many, so 1 is dropped.
        Assert.Equal([2, 3, 5, 6], Collect(requester));
        Assert.Equal(4, requester.MissingCount);
        Assert.Equal(1, requester.Abandoned);
        Assert.False(requester.IsMissing(1));
    }

    [Fact]
    public void One_NACK_carries_at_most_the_destination_and_the_rest_follow()
    {
        var requester = Create(new NackRequesterOptions { MinNackInterval = TimeSpan.Zero });
        requester.OnPacket(0, retransmission: false);
        requester.OnPacket(11, retransmission: false);
        var small = new ushort[4];

        Assert.Equal(4, requester.CollectDue(small));
        Assert.Equal([1, 2, 3, 4], small);
        Assert.Equal(4, requester.CollectDue(small));
        Assert.Equal([5, 6, 7, 8], small);
    }

    [Fact]
    public void A_jump_beyond_the_window_restarts_the_stream_without_NACKs()
    {
        var requester = Create();
        requester.OnPacket(100, retransmission: false);
        requester.OnPacket(102, retransmission: false);

        Assert.Equal(NackArrival.Restarted, requester.OnPacket(40_000, retransmission: false));

        Assert.Equal(0, requester.MissingCount);
        Assert.Equal(NackArrival.InOrder, requester.OnPacket(40_001, retransmission: false));
        // A retransmission that far from the stream is stale and does not restart it.
        Assert.Equal(NackArrival.Stale, requester.OnPacket(101, retransmission: true));
        Assert.Equal(NackArrival.InOrder, requester.OnPacket(40_002, retransmission: false));
    }

    [Fact]
    public void A_gap_larger_than_the_list_tracks_only_its_newest_part()
    {
        var requester = Create(new NackRequesterOptions { MaxMissing = 8, MinNackInterval = TimeSpan.Zero });
        requester.OnPacket(0, retransmission: false);

        requester.OnPacket(1000, retransmission: false);

        Assert.Equal([992, 993, 994, 995, 996, 997, 998, 999], Collect(requester));
        Assert.Equal(999 - 8, requester.Abandoned);
        // The untracked part has not arrived either: a late copy is still new.
        Assert.Equal(NackArrival.Recovered, requester.OnPacket(500, retransmission: true));
    }

    [Fact]
    public void Tracking_a_steady_stream_allocates_nothing()
    {
        var requester = Create(new NackRequesterOptions { MinNackInterval = TimeSpan.Zero, RetryInterval = TimeSpan.Zero });
        requester.OnPacket(0, retransmission: false);
        requester.CollectDue(_due);

        var next = 1;

        // Rounds go on from each other; the first measured one crosses the 16-bit wrap.
        var allocated = SteadyStateAllocation.Measure(() =>
        {
            for (var end = next + 35_000; next < end; next++)
            {
                var i = next;

                // Every tenth packet is lost, then recovered by RTX.
                if (i % 10 != 0)
                {
                    requester.OnPacket((ushort)i, retransmission: false);
                    requester.CollectDue(_due);
                }

                if (i % 10 == 1 && i > 1)
                {
                    requester.OnPacket((ushort)(i - 1), retransmission: true);
                }
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(0, requester.MissingCount);
    }

    private NackRequester Create(NackRequesterOptions? options = null) =>
        new(options ?? new NackRequesterOptions { RetryInterval = Retry }, _time);

    private ushort[] Collect(NackRequester requester) => _due[..requester.CollectDue(_due)];
}
