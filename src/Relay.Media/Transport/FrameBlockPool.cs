using System.Buffers;
using System.Collections.Concurrent;

namespace Relay.Media.Transport;

/// <summary>
/// The memory of every ICE-TCP connection's pipes: fixed 4 KiB blocks, recycled through one
/// lock-free queue whichever thread returns them. The shared ArrayPool keeps arrays per thread
/// and per core, so blocks rented by the forwarding thread and returned by a send loop on
/// another thread are now and then missing and newly allocated; here they never are, once the
/// pool has grown to the traffic. Kestrel's pinned block pool works the same way.
/// </summary>
/// <remarks>Thread-safe. Keeps at most <see cref="MaxPooledBlocks"/> idle blocks; more are left to the GC.</remarks>
internal sealed class FrameBlockPool : MemoryPool<byte>
{
    public const int BlockSize = 4096;

    /// <summary>16 MiB idle at most: far above what steady traffic keeps in flight, far below the connections' queue bounds.</summary>
    private const int MaxPooledBlocks = 4096;

    private readonly ConcurrentQueue<Block> _blocks = new();

    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks idle in the pool (tests).</summary>
    public int IdleBlocks => _blocks.Count;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        return _blocks.TryDequeue(out var block) ? block : new Block(this);
    }

    protected override void Dispose(bool disposing)
    {
        // Blocks are plain managed arrays: nothing to release.
    }

    private void Return(Block block)
    {
        if (_blocks.Count < MaxPooledBlocks)
        {
            _blocks.Enqueue(block);
        }
    }

    /// <summary>Reused, never disposed for good: the pipe's Dispose means "give it back".</summary>
    private sealed class Block(FrameBlockPool pool) : IMemoryOwner<byte>
    {
        private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(BlockSize);

        public Memory<byte> Memory => _array;

        public void Dispose() => pool.Return(this);
    }
}
