using Relay.Media.Rtp;

namespace Relay.Media.Tests.Rtp;

public class RtpHeaderRewriterTests
{
    [Fact]
    public void Rewrites_forwarding_fields_in_place_and_leaves_the_rest()
    {
        var original = Hex.Parse("90 EF 1234 DEADBEEF CAFEBABE BEDE0001 10AA0000 0102030405");
        var buffer = (byte[])original.Clone();

        RtpHeaderRewriter.SetSsrc(buffer, 0x01020304);
        RtpHeaderRewriter.SetSequenceNumber(buffer, 0xFFFF);
        RtpHeaderRewriter.SetPayloadType(buffer, 96);
        RtpHeaderRewriter.SetTimestamp(buffer, 42);

        Assert.True(RtpPacket.TryParse(buffer, out var packet));
        Assert.Equal(0x01020304u, packet.Ssrc);
        Assert.Equal(0xFFFF, packet.SequenceNumber);
        Assert.Equal(96, packet.PayloadType);
        Assert.True(packet.Marker);
        Assert.Equal(42u, packet.Timestamp);
        Assert.Equal(original[0], buffer[0]);
        Assert.Equal(original.AsSpan(12).ToArray(), buffer.AsSpan(12).ToArray());
    }

    [Fact]
    public void Marker_can_be_set_and_cleared_without_touching_the_payload_type()
    {
        var buffer = Hex.Parse("80 6F 0001 00000000 00000001");
        RtpHeaderRewriter.SetMarker(buffer, true);
        Assert.Equal(0xEF, buffer[1]);
        RtpHeaderRewriter.SetMarker(buffer, false);
        Assert.Equal(0x6F, buffer[1]);
    }

    [Fact]
    public void Payload_type_above_127_is_a_caller_bug()
    {
        var buffer = new byte[12];
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpHeaderRewriter.SetPayloadType(buffer, 128));
    }
}
