using Relay.Media.Rtp;

namespace Relay.Media.Tests.Rtp;

public class SequenceUnwrapperTests
{
    [Fact]
    public void First_sequence_number_is_its_own_index()
    {
        var unwrapper = new SequenceUnwrapper();
        Assert.Equal(4000, unwrapper.Unwrap(4000));
        Assert.Equal(0u, unwrapper.RolloverCounter);
    }

    [Fact]
    public void Wrap_from_65535_to_0_increments_the_rollover_counter()
    {
        var unwrapper = new SequenceUnwrapper();
        Assert.Equal(65534, unwrapper.Unwrap(65534));
        Assert.Equal(65535, unwrapper.Unwrap(65535));
        Assert.Equal(65536, unwrapper.Unwrap(0));
        Assert.Equal(65537, unwrapper.Unwrap(1));
        Assert.Equal(1u, unwrapper.RolloverCounter);
    }

    [Fact]
    public void Reordering_across_the_wrap_resolves_both_ways()
    {
        var unwrapper = new SequenceUnwrapper();
        Assert.Equal(65534, unwrapper.Unwrap(65534));
        Assert.Equal(65536, unwrapper.Unwrap(0));      // arrives early
        Assert.Equal(65535, unwrapper.Unwrap(65535));  // late, still the old cycle
        Assert.Equal(65537, unwrapper.Unwrap(1));
        Assert.Equal(65537, unwrapper.HighestIndex);
    }

    [Fact]
    public void Duplicates_map_to_the_same_index_and_do_not_move_the_highest()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(10);
        unwrapper.Unwrap(11);
        Assert.Equal(10, unwrapper.Unwrap(10));
        Assert.Equal(11, unwrapper.HighestIndex);
    }

    [Fact]
    public void Estimate_does_not_change_state_until_commit()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(65535);
        Assert.Equal(65536, unwrapper.Estimate(0));
        Assert.Equal(0u, unwrapper.RolloverCounter);
        unwrapper.Commit(65536);
        Assert.Equal(1u, unwrapper.RolloverCounter);
    }

    [Fact]
    public void A_jump_of_more_than_half_the_space_is_read_as_a_late_packet()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(100);
        unwrapper.Unwrap(40_000);           // +39,900: more than 2^15 ahead, taken as ROC 0 anyway
        Assert.Equal(40_000, unwrapper.HighestIndex);
        Assert.Equal(65_536 + 100, unwrapper.Estimate(100)); // 100 is now closer in the next cycle
    }

    [Fact]
    public void Before_the_first_cycle_there_is_no_earlier_rollover()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(5);
        Assert.Equal(65530, unwrapper.Estimate(65530));
    }

    [Fact]
    public void Reset_restarts_the_stream()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(65535);
        unwrapper.Unwrap(0);
        unwrapper.Reset();
        Assert.False(unwrapper.HasValue);
        Assert.Equal(30_000, unwrapper.Unwrap(30_000));
        Assert.Equal(0u, unwrapper.RolloverCounter);

        unwrapper.Reset(rolloverCounter: 7, sequenceNumber: 65535);
        Assert.Equal((7L << 16) + 65536, unwrapper.Unwrap(0));
    }
}
