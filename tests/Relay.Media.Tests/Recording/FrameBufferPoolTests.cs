using Relay.Media.Recording;

namespace Relay.Media.Tests.Recording;

public sealed class FrameBufferPoolTests
{
    [Fact]
    public void A_returned_buffer_is_rented_again()
    {
        var pool = new FrameBufferPool();
        var first = pool.Rent(6_000);
        pool.Return(first);

        Assert.Same(first, pool.Rent(5_000));
    }

    [Fact]
    public void Rent_takes_the_smallest_free_buffer_that_fits()
    {
        var pool = new FrameBufferPool();
        var large = pool.Rent(100_000);
        var small = pool.Rent(6_000);
        pool.Return(large);
        pool.Return(small);

        Assert.Same(small, pool.Rent(6_000));
        Assert.Same(large, pool.Rent(6_000));
    }

    [Fact]
    public void A_frame_larger_than_every_free_buffer_gets_a_new_one_that_fits()
    {
        var pool = new FrameBufferPool();
        var small = pool.Rent(6_000);
        pool.Return(small);

        var large = pool.Rent(70_000);

        Assert.NotSame(small, large);
        Assert.True(large.Length >= 70_000);
        Assert.Same(small, pool.Rent(1));
    }

    [Fact]
    public void It_keeps_at_most_MaxRetained_buffers()
    {
        var pool = new FrameBufferPool();
        var rented = new byte[FrameBufferPool.MaxRetained + 1][];
        for (var i = 0; i < rented.Length; i++)
        {
            rented[i] = pool.Rent(1_000);
        }

        foreach (var buffer in rented)
        {
            pool.Return(buffer);
        }

        var again = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < rented.Length; i++)
        {
            again.Add(pool.Rent(1_000));
        }

        // The one returned past the limit was dropped; renting it again took a new buffer.
        Assert.Equal(FrameBufferPool.MaxRetained, again.Count(rented.Contains));
    }
}
