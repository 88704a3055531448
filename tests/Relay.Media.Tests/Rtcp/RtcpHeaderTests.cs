using Relay.Media.Rtcp;

namespace Relay.Media.Tests.Rtcp;

public class RtcpHeaderTests
{
    [Fact]
    public void Reads_the_common_fields_and_bounds_the_packet_by_its_length()
    {
        byte[] data =
        [
            0x81, 0xC9, 0x00, 0x01, // V=2, P=0, RC=1 | PT=201 (RR) | length=1 → 8 bytes
            0x01, 0x02, 0x03, 0x04, // body
            0xFF, 0xFF,             // next packet, not ours
        ];

        Assert.True(RtcpHeader.TryParse(data, out var header, out var error));
        Assert.Equal(RtcpError.None, error);
        Assert.False(header.HasPadding);
        Assert.Equal(1, header.Count);
        Assert.Equal(RtcpPacketType.ReceiverReport, header.PacketType);
        Assert.Equal(8, header.Packet.Length);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, header.Payload.ToArray());
    }

    [Fact]
    public void Strips_padding_counted_by_the_last_octet()
    {
        byte[] data =
        [
            0xA0, 0xCB, 0x00, 0x02, // V=2, P=1, SC=0 | PT=203 | length=2 → 12 bytes
            0x0A, 0x0B, 0x0C, 0x0D, // body
            0x00, 0x00, 0x00, 0x04, // padding: four octets, the last one counting them
        ];

        Assert.True(RtcpHeader.TryParse(data, out var header));
        Assert.True(header.HasPadding);
        Assert.Equal(new byte[] { 0x0A, 0x0B, 0x0C, 0x0D }, header.Payload.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0xC9, 0x00 }, RtcpError.TooShort)]
    [InlineData(new byte[] { 0x40, 0xC9, 0x00, 0x00 }, RtcpError.BadVersion)]
    [InlineData(new byte[] { 0xC0, 0xC9, 0x00, 0x00 }, RtcpError.BadVersion)]
    [InlineData(new byte[] { 0x80, 0xC9, 0x00, 0x01, 0x00, 0x00, 0x00 }, RtcpError.LengthOverrun)]
    [InlineData(new byte[] { 0x80, 0xC9, 0xFF, 0xFF }, RtcpError.LengthOverrun)]
    [InlineData(new byte[] { 0xA0, 0xC9, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00 }, RtcpError.BadPadding)]
    [InlineData(new byte[] { 0xA0, 0xC9, 0x00, 0x01, 0x00, 0x00, 0x00, 0x05 }, RtcpError.BadPadding)]
    [InlineData(new byte[] { 0xA0, 0xC9, 0x00, 0x00 }, RtcpError.BadPadding)]
    public void Reports_why_a_header_is_rejected(byte[] data, RtcpError expected)
    {
        Assert.False(RtcpHeader.TryParse(data, out _, out var error));
        Assert.Equal(expected, error);
    }
}
