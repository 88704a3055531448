using Relay.Media.Recovery;
using Relay.Media.Rtp;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Recovery;

public class RtxPacketBuilderTests
{
    private static readonly byte[] Original = Hex.Parse(
        "B1" +           // V=2, P=1, X=1, CC=1
        "E0" +           // M=1, PT=96
        "1234" +         // sequence number 0x1234
        "DEADBEEF" +     // timestamp
        "11223344" +     // SSRC (the track's)
        "00000001" +     // CSRC
        "BEDE0001" +     // RFC 8285 one-byte extension, 1 word
        "10AB0000" +     // id 1, L=0 → AB, then padding to the word
        "AABBCC" +       // payload
        "000003");       // RTP padding: 2 zero octets, then the count 3

    // RFC 4588 §4: the original header with RTX SSRC, PT and sequence; OSN right after it.
    private static readonly byte[] ExpectedRtx = Hex.Parse(
        "91" +           // V=2, P=0 (padding dropped), X=1, CC=1
        "E1" +           // M=1 kept, PT=97 (RTX)
        "0007" +         // RTX sequence number
        "DEADBEEF" +     // timestamp unchanged
        "55667788" +     // RTX SSRC
        "00000001" +     // CSRC unchanged
        "BEDE0001" +     // extension unchanged
        "10AB0000" +
        "1234" +         // OSN: the original sequence number
        "AABBCC");       // original payload

    [Fact]
    public void Writes_the_RFC_4588_layout_byte_for_byte()
    {
        var destination = new byte[100];

        Assert.True(RtxPacketBuilder.TryWriteRtx(Original, 0x55667788, 97, 7, destination, out var written));

        Assert.Equal(ExpectedRtx, destination[..written]);
    }

    [Fact]
    public void The_RTX_packet_parses_back_with_the_OSN_leading_its_payload()
    {
        var destination = new byte[100];
        Assert.True(RtxPacketBuilder.TryWriteRtx(Original, 0x55667788, 97, 7, destination, out var written));

        Assert.True(RtpPacket.TryParse(destination.AsSpan(0, written), out var rtx));
        Assert.Equal(0x55667788u, rtx.Ssrc);
        Assert.Equal(97, rtx.PayloadType);
        Assert.Equal(7, rtx.SequenceNumber);
        Assert.True(rtx.Marker);
        Assert.Equal(0xDEADBEEFu, rtx.Timestamp);
        Assert.False(rtx.HasPadding);
        Assert.True(rtx.TryGetHeaderExtension(1, out var extension));
        Assert.Equal([0xAB], extension.ToArray());
        Assert.Equal(Hex.Parse("1234 AABBCC"), rtx.Payload.ToArray());
    }

    [Fact]
    public void A_short_destination_or_bad_input_writes_nothing()
    {
        var tooSmall = new byte[ExpectedRtx.Length - 1];
        Assert.False(RtxPacketBuilder.TryWriteRtx(Original, 1, 97, 0, tooSmall, out var written));
        Assert.Equal(0, written);
        Assert.False(RtxPacketBuilder.TryWriteRtx(Original.AsSpan(0, 11), 1, 97, 0, new byte[100], out _));
        Assert.False(RtxPacketBuilder.TryWriteRtx(Original, 1, 128, 0, new byte[100], out _));
    }

    [Fact]
    public void Plain_retransmission_is_the_original_as_sent()
    {
        var destination = new byte[100];

        Assert.True(RtxPacketBuilder.TryWritePlain(Original, destination, out var written));

        Assert.Equal(Original, destination[..written]);
        Assert.False(RtxPacketBuilder.TryWritePlain(Original, new byte[Original.Length - 1], out _));
    }
}
