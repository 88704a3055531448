using System.Text;
using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class ByePacketTests
{
    internal static readonly byte[] Fixture =
    [
        0x82, 0xCB, 0x00, 0x04, // V=2, P=0, SC=2 | PT=203 (BYE) | length=4 → 20 bytes
        0x01, 0x02, 0x03, 0x04, // SSRC 1
        0x05, 0x06, 0x07, 0x08, // SSRC 2
        0x04,                   // reason length 4
        0x67, 0x6F, 0x6E, 0x65, // "gone"
        0x00, 0x00, 0x00,       // zero padding to the 32-bit boundary
    ];

    [Fact]
    public void Parses_and_writes_the_fixture()
    {
        Assert.True(ByePacket.TryParse(Fixture, out var bye));
        Assert.Equal(2, bye.SsrcCount);
        Assert.Equal(0x01020304u, bye.GetSsrc(0));
        Assert.Equal(0x05060708u, bye.GetSsrc(1));
        Assert.Equal("gone", Encoding.UTF8.GetString(bye.Reason));

        uint[] ssrcs = [0x01020304, 0x05060708];
        Assert.Equal(Fixture, RtcpWriterAssert.Write(new ByeWriter(ssrcs, "gone"u8)));
    }

    [Fact]
    public void Reason_is_optional()
    {
        byte[] data =
        [
            0x81, 0xCB, 0x00, 0x01, // SC=1 | PT=203 | length=1 → 8 bytes
            0x01, 0x02, 0x03, 0x04, // SSRC
        ];

        Assert.True(ByePacket.TryParse(data, out var bye));
        Assert.Equal(1, bye.SsrcCount);
        Assert.True(bye.Reason.IsEmpty);

        uint[] ssrcs = [0x01020304];
        Assert.Equal(data, RtcpWriterAssert.Write(new ByeWriter(ssrcs)));
    }

    [Fact]
    public void A_reason_of_three_bytes_fills_its_word_exactly()
    {
        uint[] ssrcs = [1];
        var bytes = RtcpWriterAssert.Write(new ByeWriter(ssrcs, "bye"u8));
        Assert.Equal(12, bytes.Length);
        Assert.True(ByePacket.TryParse(bytes, out var bye));
        Assert.Equal("bye", Encoding.UTF8.GetString(bye.Reason));
    }

    [Fact]
    public void Reason_longer_than_the_packet_is_rejected()
    {
        var data = (byte[])Fixture.Clone();
        data[12] = 0x08; // 8 bytes claimed, 7 present
        Assert.False(ByePacket.TryParse(data, out _));
    }

    [Fact]
    public void Source_count_beyond_the_length_is_rejected()
    {
        byte[] data = [0x82, 0xCB, 0x00, 0x01, 0x01, 0x02, 0x03, 0x04]; // SC=2, room for one
        Assert.False(ByePacket.TryParse(data, out _));
    }
}
