using Relay.Media.Recovery;
using Relay.Media.Rtp;
using Relay.Media.Tests.Rtp;

namespace Relay.Media.Tests.Recovery;

public class RtxUnwrapperTests
{
    // What RtxPacketBuilderTests builds, with RTP padding added by the RTX sender.
    private static readonly byte[] Rtx = Hex.Parse(
        "B1" +           // V=2, P=1, X=1, CC=1
        "E1" +           // M=1, PT=97 (RTX)
        "0007" +         // RTX sequence number
        "DEADBEEF" +     // timestamp
        "55667788" +     // RTX SSRC
        "00000001" +     // CSRC
        "BEDE0001" +     // RFC 8285 one-byte extension, 1 word
        "10AB0000" +
        "1234" +         // OSN
        "AABBCC" +       // original payload
        "0002");         // padding: 1 zero octet, then the count 2

    // The original, two octets later in the same buffer: SSRC, sequence and PT restored.
    private static readonly byte[] Original = Hex.Parse(
        "B1" +           // V=2, P=1 (the padding is still at the end), X=1, CC=1
        "E0" +           // M=1, PT=96
        "1234" +         // the OSN as sequence number
        "DEADBEEF" +
        "11223344" +     // the media SSRC
        "00000001" +
        "BEDE0001" +
        "10AB0000" +
        "AABBCC" +
        "0002");

    [Fact]
    public void Unwraps_in_place_to_the_original_byte_for_byte()
    {
        var buffer = (byte[])Rtx.Clone();

        Assert.True(RtxUnwrapper.TryUnwrapInPlace(buffer, rtxPayloadType: 97, originalSsrc: 0x11223344, originalPayloadType: 96, out var sequence));

        Assert.Equal(0x1234, sequence);
        Assert.Equal(Original, buffer[RtxPacketBuilder.OriginalSequenceLength..]);
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(RtxPacketBuilder.OriginalSequenceLength), out var packet));
        Assert.Equal([0xAA, 0xBB, 0xCC], packet.Payload.ToArray());
    }

    [Fact]
    public void Round_trips_what_the_builder_writes()
    {
        var original = RtpFixtures.Packet(4321, fill: 0x5A);
        var rtx = new byte[original.Length + RtxPacketBuilder.OriginalSequenceLength];
        Assert.True(RtxPacketBuilder.TryWriteRtx(original, 0x55667788, 97, 9, rtx, out var written));

        Assert.True(RtxUnwrapper.TryUnwrapInPlace(rtx.AsSpan(0, written), 97, 0x11223344, 96, out var sequence));

        Assert.Equal(4321, sequence);
        Assert.Equal(original, rtx[RtxPacketBuilder.OriginalSequenceLength..written]);
    }

    [Fact]
    public void A_padding_only_probe_has_no_original()
    {
        var probe = Hex.Parse(
            "A0" +       // V=2, P=1
            "61" +       // PT=97
            "0008" + "00000000" + "55667788" +
            "00000004"); // four octets of padding, nothing else

        Assert.False(RtxUnwrapper.TryUnwrapInPlace(probe, 97, 0x11223344, 96, out _));
    }

    [Fact]
    public void Another_payload_type_or_a_broken_packet_is_left_alone()
    {
        var buffer = (byte[])Rtx.Clone();
        Assert.False(RtxUnwrapper.TryUnwrapInPlace(buffer, rtxPayloadType: 98, 0x11223344, 96, out _));
        Assert.Equal(Rtx, buffer);

        Assert.False(RtxUnwrapper.TryUnwrapInPlace(buffer.AsSpan(0, 11), 97, 0x11223344, 96, out _));
    }
}
