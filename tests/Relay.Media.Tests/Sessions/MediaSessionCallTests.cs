using Relay.Media.Diagnostics;
using Relay.Media.Dtls;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>Two client peers in one session, over a real relay on loopback.</summary>
public sealed class MediaSessionCallTests
{
    [Fact]
    public async Task Two_peers_exchange_audio_and_video_both_ways_without_loss()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, bobLeg) = await harness.JoinAsync(session);
        var atAlice = new MediaTraffic(alice);
        var atBob = new MediaTraffic(bob);

        await Task.WhenAll(
            MediaTraffic.SendAsync(alice, atBob, videoCount: 300, audioCount: 150),
            MediaTraffic.SendAsync(bob, atAlice, videoCount: 300, audioCount: 150));

        await RelayHarness.WaitUntilAsync(
            () => atBob.HasAll(MediaKind.Video, 300) && atBob.HasAll(MediaKind.Audio, 150)
                && atAlice.HasAll(MediaKind.Video, 300) && atAlice.HasAll(MediaKind.Audio, 150),
            "every packet both ways");
        Assert.Equal(0, atAlice.Corrupt);
        Assert.Equal(0, atBob.Corrupt);
        // Each receives exactly one stream per kind, under the SSRC its own answer announced.
        Assert.Equal([alice.Answer!.SsrcOf(MediaKind.Video)!.Value], atAlice.Ssrcs(MediaKind.Video));
        Assert.Equal([alice.Answer.SsrcOf(MediaKind.Audio)!.Value], atAlice.Ssrcs(MediaKind.Audio));
        Assert.Equal([bob.Answer!.SsrcOf(MediaKind.Video)!.Value], atBob.Ssrcs(MediaKind.Video));
        Assert.Equal(300 + 150, alice.ReceivedPackets(MediaKind.Video) + alice.ReceivedPackets(MediaKind.Audio));
        Assert.Equal(300 + 150, bob.ReceivedPackets(MediaKind.Video) + bob.ReceivedPackets(MediaKind.Audio));
        Assert.Equal(0, alice.SrtpFailures + bob.SrtpFailures + alice.UnknownStreams + bob.UnknownStreams);
        Assert.Equal(0, alice.IgnoredDatagrams + bob.IgnoredDatagrams);
        Assert.Equal(0, harness.Relay.Counters.Dropped(DropReason.NotConnected));
        Assert.Equal(LegState.Connected, aliceLeg.State);
        Assert.Equal(LegState.Connected, bobLeg.State);
    }

    [Fact]
    public async Task Streams_crossing_the_16_bit_sequence_wrap_keep_flowing()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        // 200 packets from 65,436: the relay's SRTP index must roll over (RFC 3711 §3.3.1) mid-stream.
        var (alice, _) = await harness.JoinAsync(session, new() { InitialSequenceNumber = 65436 });
        var (bob, _) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);

        await MediaTraffic.SendAsync(alice, atBob, videoCount: 200, audioCount: 200);

        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 200) && atBob.HasAll(MediaKind.Audio, 200), "every packet across the wrap");
        Assert.Equal(0, atBob.Corrupt);
        Assert.Equal(0, harness.Relay.Counters.Dropped(DropReason.SrtpAuthenticationFailed) + harness.Relay.Counters.Dropped(DropReason.SrtpReplay));
    }

    [Fact]
    public async Task An_audio_only_peer_and_a_video_peer_exchange_audio_and_the_video_goes_nowhere()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        var (bob, bobLeg) = await harness.JoinAsync(session, new() { AudioOnly = true });
        var atAlice = new MediaTraffic(alice);
        var atBob = new MediaTraffic(bob);

        await Task.WhenAll(
            MediaTraffic.SendAsync(alice, atBob, videoCount: 0, audioCount: 50),
            MediaTraffic.SendAsync(bob, atAlice, videoCount: 0, audioCount: 50));
        for (var i = 0u; i < 20; i++)
        {
            Assert.True(alice.SendRtp(MediaKind.Video, MediaTraffic.Payload(MediaKind.Video, i), marker: false, timestamp: i));
        }

        // Audio after the video: once it is in, the video before it was read and had nowhere to go.
        Assert.True(alice.SendRtp(MediaKind.Audio, MediaTraffic.Payload(MediaKind.Audio, 50), marker: false, timestamp: 0));
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Audio, 51) && atAlice.HasAll(MediaKind.Audio, 50), "the audio both ways");
        Assert.Equal(0, bob.ReceivedPackets(MediaKind.Video) + bob.UnknownStreams);
        Assert.Null(bobLeg.VideoOut);
        Assert.Equal(0, atAlice.Corrupt + atBob.Corrupt);
    }

    [Theory]
    [InlineData(DtlsSrtpProfile.AeadAes128Gcm)]
    [InlineData(DtlsSrtpProfile.Aes128CmHmacSha1Tag80)]
    public async Task A_call_works_under_each_srtp_profile_the_relay_may_choose(DtlsSrtpProfile profile)
    {
        await using var harness = new RelayHarness(srtpProfiles: [profile]);
        var session = new MediaSession();
        var (alice, aliceLeg) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        await MediaTraffic.SendAsync(alice, atBob, videoCount: 30, audioCount: 30);
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 30) && atBob.HasAll(MediaKind.Audio, 30), "Alice's media at Bob");

        // SRTCP both ways too: the relay's PLI at Bob's join, then Bob's own PLI, reach Alice.
        await RelayHarness.WaitUntilAsync(() => alice.KeyFrameRequests >= 1, "the PLI at Bob's join");
        var before = alice.KeyFrameRequests;
        var deadline = DateTime.UtcNow + RelayHarness.Bound;
        while (alice.KeyFrameRequests == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "No PLI reached Alice.");
            Assert.True(bob.SendPli(bob.Answer!.SsrcOf(MediaKind.Video)!.Value));
            await Task.Delay(100);
        }

        Assert.Equal(profile, alice.SrtpProfile);
        Assert.Equal(profile, aliceLeg.SrtpProfile);
        Assert.Equal(0, atBob.Corrupt);
    }
}
