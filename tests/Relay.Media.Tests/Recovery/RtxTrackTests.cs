using Relay.Media.Recovery;

namespace Relay.Media.Tests.Recovery;

public class RtxTrackTests
{
    [Fact]
    public void Maps_only_the_negotiated_payload_types()
    {
        var track = new RtxTrack(0x55667788, 0);
        track.MapPayloadType(96, 97);

        Assert.True(track.TryGetRtxPayloadType(96, out var rtx));
        Assert.Equal(97, rtx);
        Assert.False(track.TryGetRtxPayloadType(98, out _));
        Assert.False(track.TryGetRtxPayloadType(200, out _));
    }

    [Fact]
    public void Sequence_numbers_continue_across_the_wrap()
    {
        var track = new RtxTrack(1, 65535);

        Assert.Equal(65535, track.NextSequenceNumber());
        Assert.Equal(0, track.NextSequenceNumber());
        Assert.Equal(1, track.NextSequenceNumber());
    }
}
