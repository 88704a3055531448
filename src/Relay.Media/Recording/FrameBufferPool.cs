using System.Numerics;

namespace Relay.Media.Recording;

/// <summary>
/// One recording's buffers for assembled VP8 frames, which wait in the
/// <see cref="FrameInterleaver"/> until written. <see cref="System.Buffers.ArrayPool{T}.Shared"/>
/// served them before, and missed: with 200 recordings, whose writer tasks rent and return on
/// whichever thread-pool thread runs them and together hold hundreds of frames, ~40 % of the
/// frames got a new 8 KB array — 440 B per recorded packet (bench/README.md, "Recording under
/// load"); the shared pool's per-thread slot and small per-core stacks are not sized for that.
/// Renting and returning both happen on the writer task, so this pool needs no lock. It keeps at
/// most <see cref="MaxRetained"/> buffers, grows to what the recording keeps in flight, then
/// stops allocating. Rent takes the smallest free buffer that fits, so a large one (from a
/// key frame) is not spent on a small frame while the next key frame has to allocate.
/// </summary>
internal sealed class FrameBufferPool
{
    /// <summary>More frames than the interleaver holds when the audio is silent for its whole window.</summary>
    public const int MaxRetained = 32;

    /// <summary>Buffers are powers of two from here: a VP8 inter frame at 1.5 Mbit/s is ~6 KB.</summary>
    private const int MinBufferSize = 16 * 1024;

    private readonly byte[]?[] _free = new byte[MaxRetained][];
    private int _count;

    public byte[] Rent(int length)
    {
        var best = -1;
        for (var i = 0; i < _count; i++)
        {
            var size = _free[i]!.Length;
            if (size >= length && (best < 0 || size < _free[best]!.Length))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            // Frames are at most Vp8Depacketizer's 4 MB, so the power of two cannot overflow.
            return new byte[Math.Max(MinBufferSize, (int)BitOperations.RoundUpToPowerOf2((uint)length))];
        }

        var buffer = _free[best]!;
        _free[best] = _free[--_count];
        _free[_count] = null;
        return buffer;
    }

    public void Return(byte[] buffer)
    {
        if (_count < _free.Length)
        {
            _free[_count++] = buffer;
        }
    }
}
