namespace Relay.Media.Recording;

/// <summary>
/// One recording's packet buffers. The relay thread rents and the writer task returns, so
/// <see cref="System.Buffers.ArrayPool{T}.Shared"/> (whose fast path is a per-thread cache) would
/// keep allocating on the relay thread; this pool is a stack under a lock the two threads share
/// only for a push or a pop. It grows to what the recording keeps in flight, then stops allocating.
/// </summary>
internal sealed class PacketBufferPool(int maxRetained)
{
    /// <summary>Every datagram the relay accepts fits (it drops those over 1,500 octets).</summary>
    public const int BufferSize = 1536;

    private readonly byte[][] _free = new byte[maxRetained][];
    private readonly Lock _gate = new();
    private int _count;

    public byte[] Rent(int length)
    {
        if (length > BufferSize)
        {
            // Not a datagram the relay would pass on; served, but never kept.
            return new byte[length];
        }

        lock (_gate)
        {
            if (_count > 0)
            {
                var buffer = _free[--_count];
                _free[_count] = null!;
                return buffer;
            }
        }

        return new byte[BufferSize];
    }

    public void Return(byte[] buffer)
    {
        if (buffer.Length != BufferSize)
        {
            return;
        }

        lock (_gate)
        {
            if (_count < _free.Length)
            {
                _free[_count++] = buffer;
            }
        }
    }
}
