using Relay.Media.Recovery;
using Relay.Media.Rtp;

namespace Relay.Media.Tests.Recovery;

public class RtxTrackTests
{
    [Fact]
    public void Writes_RTX_with_the_mapped_type_and_consecutive_sequences_across_the_wrap()
    {
        var track = new RtxTrack(0x55667788, 65535);
        track.MapPayloadType(96, 97);
        var destination = new byte[1600];

        ushort[] expected = [65535, 0, 1];
        foreach (var sequence in expected)
        {
            Assert.True(track.TryWriteRtx(RtpFixtures.Packet(42), destination, out var written));
            Assert.True(RtpPacket.TryParse(destination.AsSpan(0, written), out var rtx));
            Assert.Equal(sequence, rtx.SequenceNumber);
            Assert.Equal(97, rtx.PayloadType);
            Assert.Equal(0x55667788u, rtx.Ssrc);
        }
    }

    [Fact]
    public void An_unmapped_payload_type_or_a_failed_write_consumes_no_sequence()
    {
        var track = new RtxTrack(1, 10);
        track.MapPayloadType(96, 97);
        var destination = new byte[1600];
        var unmapped = RtpFixtures.Packet(42);
        RtpHeaderRewriter.SetPayloadType(unmapped, 100);

        Assert.False(track.TryWriteRtx(unmapped, destination, out _));
        Assert.False(track.TryWriteRtx(RtpFixtures.Packet(42), new byte[10], out _));
        Assert.False(track.TryWriteRtx([0x80], destination, out _));

        Assert.True(track.TryWriteRtx(RtpFixtures.Packet(42), destination, out var written));
        Assert.True(RtpPacket.TryParse(destination.AsSpan(0, written), out var rtx));
        Assert.Equal(10, rtx.SequenceNumber);
    }

    [Fact]
    public void Payload_types_above_127_are_rejected()
    {
        var track = new RtxTrack(1, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => track.MapPayloadType(128, 97));
        Assert.Throws<ArgumentOutOfRangeException>(() => track.MapPayloadType(96, 128));
    }
}
