using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class GenericNackPacketTests
{
    internal static readonly byte[] Fixture =
    [
        0x81, 0xCD, 0x00, 0x04, // V=2, P=0, FMT=1 (Generic NACK) | PT=205 (RTPFB) | length=4 → 20 bytes
        0x11, 0x22, 0x33, 0x44, // SSRC of packet sender
        0x55, 0x66, 0x77, 0x88, // SSRC of media source
        0x03, 0xE8, 0x00, 0x05, // PID=1000, BLP=0x0005 → 1001, 1003
        0xFF, 0xFF, 0x80, 0x01, // PID=65535, BLP=0x8001 → 0, 15
    ];

    [Fact]
    public void Parses_and_writes_the_fixture()
    {
        Assert.True(GenericNackPacket.TryParse(Fixture, out var nack));
        Assert.Equal(0x11223344u, nack.SenderSsrc);
        Assert.Equal(0x55667788u, nack.MediaSsrc);
        Assert.Equal(2, nack.ItemCount);
        Assert.Equal(new NackItem(1000, 0x0005), nack.GetItem(0));
        Assert.Equal(new NackItem(65535, 0x8001), nack.GetItem(1));

        var lost = new List<ushort>();
        foreach (var sequence in nack.GetLostSequences())
        {
            lost.Add(sequence);
        }

        Assert.Equal([1000, 1001, 1003, 65535, 0, 15], lost);

        NackItem[] items = [new(1000, 0x0005), new(65535, 0x8001)];
        Assert.Equal(Fixture, RtcpWriterAssert.Write(new GenericNackWriter(0x11223344, 0x55667788, items)));
    }

    [Fact]
    public void A_NACK_without_items_is_rejected()
    {
        Assert.False(GenericNackPacket.TryParse(PliPacketTests.Fixture.Select((b, i) => i == 1 ? (byte)0xCD : b).ToArray(), out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenericNackWriter(1, 2, []));
    }

    [Fact]
    public void Transport_cc_is_not_a_NACK()
    {
        var data = (byte[])Fixture.Clone();
        data[0] = 0x8F; // FMT=15
        Assert.False(GenericNackPacket.TryParse(data, out _));
    }
}
