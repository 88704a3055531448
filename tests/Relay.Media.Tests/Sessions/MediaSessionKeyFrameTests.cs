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
    public async Task A_joining_receiver_makes_the_relay_ask_the_existing_sender_for_a_key_frame()
    {
        await using var harness = new RelayHarness();
        var session = new MediaSession();
        var (alice, _) = await harness.JoinAsync(session);
        await harness.JoinAsync(session);

        await RelayHarness.WaitUntilAsync(() => alice.KeyFrameRequests >= 1, "a PLI for Alice's video");
        Assert.Equal(0, alice.ForeignKeyFrameRequests);
    }
}
