using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

public class RtpTimestampUnwrapperTests
{
    private const long Cycle = 1L << 32;

    [Fact]
    public void Timestamps_keep_increasing_across_the_wrap()
    {
        var unwrapper = new RtpTimestampUnwrapper();
        var first = unwrapper.Unwrap(uint.MaxValue - 2999);
        var second = unwrapper.Unwrap(uint.MaxValue);
        var wrapped = unwrapper.Unwrap(2999);
        Assert.Equal(2999, second - first);
        Assert.Equal(3000, wrapped - second);
        Assert.Equal(2 * Cycle, wrapped - 2999);
    }

    [Fact]
    public void A_timestamp_reordered_back_across_the_wrap_falls_in_the_earlier_cycle()
    {
        var unwrapper = new RtpTimestampUnwrapper();
        var before = unwrapper.Unwrap(uint.MaxValue - 100);
        var after = unwrapper.Unwrap(100);
        var late = unwrapper.Unwrap(uint.MaxValue - 50);
        Assert.Equal(201, after - before);
        Assert.Equal(50, late - before);
        Assert.Equal(after, unwrapper.Estimate(100));
    }

    [Fact]
    public void One_reordered_from_before_the_first_has_an_earlier_cycle_to_go_to()
    {
        var unwrapper = new RtpTimestampUnwrapper();
        var first = unwrapper.Unwrap(10);
        var earlier = unwrapper.Unwrap(uint.MaxValue - 9);
        Assert.Equal(-20, earlier - first);
    }

    [Fact]
    public void Estimate_does_not_move_the_highest()
    {
        var unwrapper = new RtpTimestampUnwrapper();
        var first = unwrapper.Unwrap(1_000);
        Assert.Equal(first + 2_000_000_000, unwrapper.Estimate(2_000_001_000));
        Assert.Equal(first + 5, unwrapper.Unwrap(1_005));
    }
}
