using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class PliPacketTests
{
    internal static readonly byte[] Fixture =
    [
        0x81, 0xCE, 0x00, 0x02, // V=2, P=0, FMT=1 (PLI) | PT=206 (PSFB) | length=2 words → 12 bytes
        0x11, 0x22, 0x33, 0x44, // SSRC of packet sender
        0x55, 0x66, 0x77, 0x88, // SSRC of media source
    ];

    [Fact]
    public void Parses_and_writes_the_fixture()
    {
        Assert.True(PliPacket.TryParse(Fixture, out var pli));
        Assert.Equal(0x11223344u, pli.SenderSsrc);
        Assert.Equal(0x55667788u, pli.MediaSsrc);

        Assert.Equal(Fixture, RtcpWriterAssert.Write(new PliWriter(0x11223344, 0x55667788)));
    }

    [Fact]
    public void Rejects_other_feedback_formats()
    {
        var fir = (byte[])Fixture.Clone();
        fir[0] = 0x84; // FMT=4 is a FIR
        Assert.False(PliPacket.TryParse(fir, out _));

        var nack = (byte[])Fixture.Clone();
        nack[1] = 0xCD; // PT=205: FMT 1 there is a Generic NACK
        Assert.False(PliPacket.TryParse(nack, out _));
    }
}
