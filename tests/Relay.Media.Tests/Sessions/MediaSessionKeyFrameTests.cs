using Relay.Media.Client;
using Relay.Media.Rtcp;
using Relay.Media.Sessions;

namespace Relay.Media.Tests.Sessions;

/// <summary>Key-frame requests travel from a receiver to the sender, rewritten to the sender's SSRC (MEDIA-NOTES pitfall 7).</summary>
public sealed class MediaSessionKeyFrameTests
{
    [Fact]
    public async Task A_pli_from_one_peer_reaches_the_other_as_a_pli_for_its_own_ssrc()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        await MediaTraffic.SendAsync(alice, atBob, videoCount: 1, audioCount: 0);
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 1), "Alice's video at Bob");
        var before = alice.KeyFrameRequests;

        // Bob asks about the stream the relay sends him. The relay passes at most one request per
        // 500 ms to a sender (and asked Alice itself when Bob joined), so Bob asks until one arrives.
        var deadline = DateTime.UtcNow + RelayHarness.Bound;
        while (alice.KeyFrameRequests == before)
        {
            Assert.True(DateTime.UtcNow < deadline, "No PLI reached Alice.");
            Assert.True(bob.SendPli(bob.Answer!.SsrcOf(MediaKind.Video)!.Value));
            await Task.Delay(100);
        }

        Assert.Equal(0, alice.ForeignKeyFrameRequests);
        Assert.Equal(0, bob.ForeignKeyFrameRequests);
    }

    [Fact]
    public async Task A_request_for_a_leg_still_connecting_is_not_counted_and_does_not_hold_back_the_next()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        // Both legs are in the session before either connects, as when a call is set up.
        var (alice, aliceLeg) = harness.Offer(session);
        var (bob, bobLeg) = harness.Offer(session);
        await RelayHarness.ConnectAsync(alice, aliceLeg);
        await RelayHarness.ConnectAsync(bob, bobLeg);
        var atAlice = new MediaTraffic(alice);
        await MediaTraffic.SendAsync(bob, atAlice, videoCount: 1, audioCount: 0);
        await RelayHarness.WaitUntilAsync(() => atAlice.HasAll(MediaKind.Video, 1), "Bob's video at Alice");

        // Alice's join asked Bob's leg for a key frame while it could not send one.
        Assert.Equal(0, bobLeg.KeyFrameRequestsSent);

        // So Alice's first PLI goes straight through, not held back as if one had just been sent.
        Assert.True(alice.SendPli(alice.Answer!.SsrcOf(MediaKind.Video)!.Value));
        await RelayHarness.WaitUntilAsync(() => bob.KeyFrameRequests == 1, "Alice's PLI at Bob");
        Assert.Equal(1, bobLeg.KeyFrameRequestsSent);
    }

    [Fact]
    public async Task A_fir_from_one_peer_reaches_the_other_as_a_pli_for_its_own_ssrc()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        await MediaTraffic.SendAsync(alice, atBob, videoCount: 1, audioCount: 0);
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 1), "Alice's video at Bob");
        var before = alice.KeyFrameRequests;
        var fir = new byte[64];

        var deadline = DateTime.UtcNow + RelayHarness.Bound;
        for (byte sequence = 0; alice.KeyFrameRequests == before; sequence++)
        {
            Assert.True(DateTime.UtcNow < deadline, "No key-frame request reached Alice.");
            Assert.True(new FirWriter(bob.VideoSsrc, [new FirEntry(bob.Answer!.SsrcOf(MediaKind.Video)!.Value, sequence)]).TryWriteTo(fir, out var written));
            Assert.True(bob.SendRtcp(fir.AsSpan(0, written)));
            await Task.Delay(100);
        }

        Assert.Equal(0, alice.ForeignKeyFrameRequests);
    }

    [Fact]
    public async Task A_joining_receiver_makes_the_relay_ask_the_existing_sender_for_a_key_frame()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        await harness.JoinAsync(session);

        await RelayHarness.WaitUntilAsync(() => alice.KeyFrameRequests >= 1, "a PLI for Alice's video");
        Assert.Equal(0, alice.ForeignKeyFrameRequests);
    }

    [Theory]
    [InlineData(300)] // more than the relay tracks: the oldest are given up at once
    [InlineData(3000)] // a 10 s dropout at 300 packets a second: the numbering starts again
    public async Task A_gap_too_long_to_repair_makes_the_relay_ask_the_sender_for_a_key_frame_at_once(int lost)
    {
        await using var harness = new RelayHarness();
        var (alice, before) = await SenderWithReceiverAsync(harness);

        // A dropout: Alice kept sending and none of it arrived.
        LoseVideo(alice, lost);
        Assert.True(alice.SendRtp(MediaKind.Video, new byte[200], marker: true, timestamp: 900_000));

        await RelayHarness.WaitUntilAsync(() => alice.KeyFrameRequests > before, "a PLI for Alice's video after the gap");
        Assert.Equal(0, alice.ForeignKeyFrameRequests);
    }

    [Fact]
    public async Task A_short_gap_is_NACKed_and_asks_for_no_key_frame()
    {
        await using var harness = new RelayHarness();
        var (alice, before) = await SenderWithReceiverAsync(harness);
        var nacks = alice.NacksReceived;

        LoseVideo(alice, 5);
        Assert.True(alice.SendRtp(MediaKind.Video, new byte[200], marker: true, timestamp: 900_000));

        // The relay NACKs a gap on the packet that shows it, where it would also have asked for a key frame.
        await RelayHarness.WaitUntilAsync(() => alice.NacksReceived > nacks, "the relay's NACK for the gap");
        await Task.Delay(100);
        Assert.Equal(before, alice.KeyFrameRequests);
    }

    /// <summary>Alice sends video to Bob; the key-frame request of Bob's join has gone by.</summary>
    private static async Task<(ClientPeer Alice, long KeyFrameRequests)> SenderWithReceiverAsync(RelayHarness harness)
    {
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        var (bob, _) = await harness.JoinAsync(session);
        var atBob = new MediaTraffic(bob);
        await MediaTraffic.SendAsync(alice, atBob, videoCount: 20, audioCount: 0);
        await RelayHarness.WaitUntilAsync(() => atBob.HasAll(MediaKind.Video, 20), "Alice's video at Bob");
        await RelayHarness.WaitUntilAsync(() => alice.KeyFrameRequests >= 1, "the PLI of Bob's join");
        // The relay asks a sender at most every 500 ms; a request now must not be held back by the join's.
        await Task.Delay(600);
        return (alice, alice.KeyFrameRequests);
    }

    /// <summary>Uses up video sequence numbers without sending: packets lost on the way.</summary>
    private static void LoseVideo(ClientPeer peer, int count)
    {
        var scratch = new byte[1500];
        for (var i = 0; i < count; i++)
        {
            Assert.True(peer.TryWriteRtp(MediaKind.Video, new byte[200], marker: false, timestamp: 900_000, scratch, out _));
        }
    }
}
