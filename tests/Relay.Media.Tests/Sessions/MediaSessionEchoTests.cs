using Relay.Media.Diagnostics;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

public sealed class MediaSessionEchoTests
{
    [Fact]
    public async Task An_echo_session_returns_a_peers_own_media_under_the_relays_ssrcs()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession(echo: true);
        var (peer, leg) = await harness.JoinAsync(session);
        var received = new MediaTraffic(peer);

        await MediaTraffic.SendAsync(peer, received, videoCount: 100, audioCount: 50);

        await RelayHarness.WaitUntilAsync(
            () => received.HasAll(MediaKind.Video, 100) && received.HasAll(MediaKind.Audio, 50), "the echo of every packet");
        Assert.Equal(0, received.Corrupt);
        Assert.Equal([peer.Answer!.SsrcOf(MediaKind.Video)!.Value], received.Ssrcs(MediaKind.Video));
        Assert.Equal([peer.Answer.SsrcOf(MediaKind.Audio)!.Value], received.Ssrcs(MediaKind.Audio));
        Assert.NotEqual(peer.VideoSsrc, peer.Answer.SsrcOf(MediaKind.Video));
        Assert.Equal(LegState.Connected, leg.State);
    }

    [Fact]
    public async Task An_audio_only_peer_gets_its_audio_back_and_no_video()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession(echo: true);
        var (peer, leg) = await harness.JoinAsync(session, new() { AudioOnly = true });
        var received = new MediaTraffic(peer);

        await MediaTraffic.SendAsync(peer, received, videoCount: 0, audioCount: 40);

        await RelayHarness.WaitUntilAsync(() => received.HasAll(MediaKind.Audio, 40), "the echo of every audio packet");
        Assert.Null(leg.Video);
        Assert.Null(peer.Answer!.SsrcOf(MediaKind.Video));
        Assert.Null(leg.VideoOut);

        // Video on an SSRC the offer never announced gets no SRTP context at the relay.
        Assert.True(peer.SendRtp(MediaKind.Video, new byte[100], marker: false, timestamp: 0));
        await RelayHarness.WaitUntilAsync(() => harness.Relay.Counters.Dropped(DropReason.UnknownStream) == 1, "the unannounced stream to be dropped");
        Assert.Equal(0, peer.ReceivedPackets(MediaKind.Video));
    }
}
