using Relay.Media.Transport;

namespace Relay.Media.Tests.Transport;

public class PacketDemuxTests
{
    // Every boundary of RFC 7983 §7, both sides; the second byte is a plain RTP payload type (96).
    [Theory]
    [InlineData(0, PacketKind.Stun)]
    [InlineData(3, PacketKind.Stun)]
    [InlineData(4, PacketKind.Unknown)]
    [InlineData(15, PacketKind.Unknown)]
    [InlineData(16, PacketKind.Zrtp)]
    [InlineData(19, PacketKind.Zrtp)]
    [InlineData(20, PacketKind.Dtls)]
    [InlineData(22, PacketKind.Dtls)] // handshake
    [InlineData(23, PacketKind.Dtls)] // application data
    [InlineData(63, PacketKind.Dtls)]
    [InlineData(64, PacketKind.TurnChannel)]
    [InlineData(79, PacketKind.TurnChannel)]
    [InlineData(80, PacketKind.Unknown)]
    [InlineData(127, PacketKind.Unknown)]
    [InlineData(128, PacketKind.Rtp)]
    [InlineData(144, PacketKind.Rtp)] // V=2 with the extension bit
    [InlineData(191, PacketKind.Rtp)]
    [InlineData(192, PacketKind.Unknown)]
    [InlineData(255, PacketKind.Unknown)]
    public void First_byte_selects_the_protocol(byte first, PacketKind expected) =>
        Assert.Equal(expected, PacketDemux.Classify([first, 96, 0, 0]));

    // RFC 5761 §4: packet types 192-223 are RTCP; payload types 0-127, with or without the
    // marker bit, are RTP.
    [Theory]
    [InlineData(0, PacketKind.Rtp)]
    [InlineData(96, PacketKind.Rtp)]
    [InlineData(127, PacketKind.Rtp)]
    [InlineData(128, PacketKind.Rtp)] // marker + PT 0
    [InlineData(191, PacketKind.Rtp)] // marker + PT 63
    [InlineData(192, PacketKind.Rtcp)] // FIR
    [InlineData(200, PacketKind.Rtcp)] // SR
    [InlineData(201, PacketKind.Rtcp)] // RR
    [InlineData(205, PacketKind.Rtcp)] // RTPFB
    [InlineData(206, PacketKind.Rtcp)] // PSFB
    [InlineData(223, PacketKind.Rtcp)]
    [InlineData(224, PacketKind.Rtp)] // marker + PT 96
    [InlineData(255, PacketKind.Rtp)]
    public void Second_byte_separates_rtcp_from_rtp(byte second, PacketKind expected) =>
        Assert.Equal(expected, PacketDemux.Classify([0x80, second, 0, 1]));

    [Fact]
    public void Empty_packet_is_unknown() => Assert.Equal(PacketKind.Unknown, PacketDemux.Classify([]));

    [Fact]
    public void One_byte_rtp_range_packet_is_unknown() => Assert.Equal(PacketKind.Unknown, PacketDemux.Classify([0x80]));

    [Fact]
    public void One_byte_stun_range_packet_is_stun_and_left_to_the_parser() =>
        Assert.Equal(PacketKind.Stun, PacketDemux.Classify([0x00]));

    [Fact]
    public void Rfc5769_sample_request_is_stun() =>
        Assert.Equal(PacketKind.Stun, PacketDemux.Classify(Stun.Rfc5769.SampleRequest));
}
