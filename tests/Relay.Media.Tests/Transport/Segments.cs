using System.Buffers;

namespace Relay.Media.Tests.Transport;

// Builds the multi-segment sequences a PipeReader hands out when a frame arrives over several
// TCP reads; ReadOnlySequence has no public way to chain arrays, so the test supplies the segment.
internal static class Segments
{
    public static ReadOnlySequence<byte> Of(params byte[][] chunks)
    {
        if (chunks.Length == 1)
        {
            return new ReadOnlySequence<byte>(chunks[0]);
        }

        var first = new Segment(chunks[0], 0);
        var last = first;
        foreach (var chunk in chunks.Skip(1))
        {
            last = last.Append(chunk);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary><paramref name="bytes"/> cut at each of <paramref name="cuts"/> (ascending offsets).</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var chunks = new List<byte[]>();
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length))
        {
            chunks.Add(bytes[start..cut]);
            start = cut;
        }

        return Of([.. chunks]);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
