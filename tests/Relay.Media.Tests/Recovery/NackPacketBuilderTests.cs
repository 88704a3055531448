using Relay.Media.Recovery;
using Relay.Media.Rtcp;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Recovery;

public class NackPacketBuilderTests
{
    [Fact]
    public void Packs_sequences_across_the_wrap_into_PID_and_BLP_items()
    {
        var destination = new byte[NackPacketBuilder.MaxSize];

        Assert.True(NackPacketBuilder.TryWrite(0x01020304, 0x0A0B0C0D, [65534, 65535, 0, 40], destination, out var written));

        var expected = Hex.Parse(
            "81" + "CD" + "0004" +   // V=2, FMT=1 (Generic NACK), RTPFB (205), length 4 words
            "01020304" +             // sender SSRC
            "0A0B0C0D" +             // media SSRC
            "FFFE" + "0003" +        // PID 65534, BLP bits 0 and 1: 65535 and 0
            "0028" + "0000");        // PID 40
        Assert.Equal(expected, destination[..written]);
        Assert.True(GenericNackPacket.TryParse(destination.AsSpan(0, written), out var nack));
        var lost = new List<ushort>();
        foreach (var sequence in nack.GetLostSequences())
        {
            lost.Add(sequence);
        }

        Assert.Equal([65534, 65535, 0, 40], lost);
    }

    [Fact]
    public void Nothing_or_too_much_is_refused()
    {
        var destination = new byte[NackPacketBuilder.MaxSize];
        Assert.False(NackPacketBuilder.TryWrite(1, 2, [], destination, out _));
        Assert.False(NackPacketBuilder.TryWrite(1, 2, new ushort[NackPacketBuilder.MaxSequences + 1], destination, out _));
        Assert.False(NackPacketBuilder.TryWrite(1, 2, [7], destination.AsSpan(0, 15), out _));
    }
}
