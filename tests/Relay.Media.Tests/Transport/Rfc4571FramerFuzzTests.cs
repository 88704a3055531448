using System.Buffers;
using Relay.Media.Transport;

namespace Relay.Media.Tests.Transport;

// A stream of frames cut into random TCP reads, fed as a PipeReader would: each read shows the
// unconsumed bytes plus what has arrived since. The frames must come back exactly, in order.
// Seeded, so a failure reproduces.
public class Rfc4571FramerFuzzTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Random_chunking_reassembles_exactly_the_frames_sent()
    {
        var random = new Random(4571);
        var framer = new Rfc4571Framer();
        var scratch = new byte[framer.MaxFrameLength];
        for (var i = 0; i < Iterations; i++)
        {
            var sent = RandomFrames(random, framer.MaxFrameLength);
            var wire = Frame(sent);
            var stream = Segments.Split(wire, RandomCuts(random, wire.Length));

            var received = new List<byte[]>();
            var consumed = stream.Start;
            var arrived = 0L;
            foreach (var segment in stream)
            {
                arrived += segment.Length;
                var buffer = stream.Slice(consumed, stream.GetPosition(arrived));
                Rfc4571ReadStatus status;
                while ((status = framer.TryReadFrame(ref buffer, out var frame)) == Rfc4571ReadStatus.Frame)
                {
                    received.Add(Rfc4571Framer.GetContiguous(frame, scratch).ToArray());
                }

                Assert.Equal(Rfc4571ReadStatus.NeedMoreData, status);
                consumed = buffer.Start;
            }

            Assert.Equal(stream.End, consumed);
            Assert.Equal(sent, received);
        }
    }

    private static List<byte[]> RandomFrames(Random random, int maxLength)
    {
        var frames = new List<byte[]>();
        for (var n = random.Next(1, 9); n > 0; n--)
        {
            // Mostly small (STUN, RTCP, audio), sometimes up to the bound (video, DTLS flights).
            var payload = new byte[random.Next(2) == 0 ? random.Next(1, 64) : random.Next(1, maxLength + 1)];
            random.NextBytes(payload);
            frames.Add(payload);
        }

        return frames;
    }

    private static byte[] Frame(List<byte[]> frames)
    {
        var wire = new byte[frames.Sum(f => Rfc4571Framer.GetFrameSize(f.Length))];
        var offset = 0;
        foreach (var payload in frames)
        {
            Assert.True(Rfc4571Framer.TryWriteFrame(payload, wire.AsSpan(offset), out var written));
            offset += written;
        }

        return wire;
    }

    // Distinct ascending offsets strictly inside the stream: every read delivers at least a byte.
    private static int[] RandomCuts(Random random, int length) =>
        [.. Enumerable.Range(0, random.Next(0, 12))
            .Select(_ => random.Next(1, length))
            .Distinct()
            .Order()];
}
