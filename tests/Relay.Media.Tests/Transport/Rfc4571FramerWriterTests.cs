using System.Buffers;
using Relay.Media.Transport;

namespace Relay.Media.Tests.Transport;

public class Rfc4571FramerWriterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(1500)]
    [InlineData(Rfc4571Framer.MaxPayloadLength)]
    public void A_written_frame_reads_back(int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var wire = new byte[Rfc4571Framer.GetFrameSize(length)];

        Assert.True(Rfc4571Framer.TryWriteFrame(payload, wire, out var written));
        Assert.Equal(wire.Length, written);
        Assert.Equal((byte)(length >> 8), wire[0]); // LENGTH, big-endian (RFC 4571 §2)
        Assert.Equal((byte)length, wire[1]);

        var buffer = new ReadOnlySequence<byte>(wire);
        var framer = new Rfc4571Framer(Rfc4571Framer.MaxPayloadLength);
        Assert.Equal(Rfc4571ReadStatus.Frame, framer.TryReadFrame(ref buffer, out var frame));
        Assert.Equal(payload, frame.ToArray());
    }

    [Fact]
    public void Writes_the_exact_bytes()
    {
        var wire = new byte[8];

        Assert.True(Rfc4571Framer.TryWriteFrame([0x80, 0x60, 0x01], wire, out var written));
        Assert.Equal(5, written);
        Assert.Equal([0x00, 0x03, 0x80, 0x60, 0x01, 0, 0, 0], wire);
    }

    [Theory]
    [InlineData(0, 16)]                                   // empty: a reader must reject it
    [InlineData(Rfc4571Framer.MaxPayloadLength + 1, 70_000)] // beyond a 16-bit LENGTH
    [InlineData(10, 11)]                                  // destination one byte short
    public void Refuses_and_writes_nothing(int payloadLength, int destinationLength)
    {
        var destination = new byte[destinationLength];

        Assert.False(Rfc4571Framer.TryWriteFrame(new byte[payloadLength], destination, out var written));
        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0, b));
    }
}
